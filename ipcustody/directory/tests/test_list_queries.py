"""List pages cost a bounded number of queries whatever the number of rows (no N+1)."""

import datetime

import pytest
from django.urls import reverse

from ipcustody.core.testing import make_contract, valid_code
from ipcustody.directory.models import Agency, AgencyKind, Contact, Enterprise, Park, ServiceItem


@pytest.fixture
def many(world):
    items = list(ServiceItem.objects.all())
    for i in range(40):
        agency = Agency.objects.create(name=f"机构{i:02d}", agency_kind=AgencyKind.LAW_FIRM)
        agency.service_items.set(items[: 1 + i % 5])
        park = Park.objects.create(name=f"园区{i:02d}", district=world.district_a)
        enterprise = Enterprise.objects.create(
            name=f"企业{i:02d}", credit_code=valid_code(f"91310104MA1FM{i:04d}"), park=world.park_a
        )
        Contact.objects.create(enterprise=enterprise, name="联系人")
        make_contract(world.park_a, agency, enterprise, datetime.date(2025, 1, 1), datetime.date(2099, 12, 31))
        del park
    return world


@pytest.mark.parametrize("kind", ["authority", "park", "agency", "enterprise"])
@pytest.mark.parametrize("user", ["city", "park_a_reader"])
def test_list_pages_use_a_bounded_number_of_queries(many, kind, user, django_assert_max_num_queries):
    client = many.client(user)
    url = reverse(f"directory:{kind}-list") + "?size=100"
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["agency", "enterprise"])
def test_exports_use_a_bounded_number_of_queries(many, kind, django_assert_max_num_queries):
    client = many.client("city")
    with django_assert_max_num_queries(16):
        response = client.get(reverse(f"directory:{kind}-list") + "?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_export_holds_exactly_the_filtered_rows(many):
    import io

    from openpyxl import load_workbook

    response = many.client("city").get(reverse("directory:enterprise-list") + "?q=企业0&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == [f"企业{i:02d}" for i in range(10)]


@pytest.mark.parametrize("path", ["enterprises", "agencies", "parks"])
def test_api_lists_use_a_bounded_number_of_queries(many, path, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(many.users["city"], token=many.actor("city"))
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/{path}/?limit=100")
    assert response.status_code == 200
