"""After a contract is terminated, the agency loses the enterprise's archive, except what it produced (read-only)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ipcustody.archive import services as archive_services
from ipcustody.archive.tests.conftest import app_number
from ipcustody.contracts import services


@pytest.fixture
def archive(world):
    world.by_agency = archive_services.save_asset(world.actor("agency_x_staff"), None, {
        "owner": world.ent_a, "kind": "invention", "title": "机构撰写的发明", "number": app_number(2024, "1", 41),
        "filing_date": datetime.date(2024, 3, 1)})
    world.by_park = archive_services.save_asset(world.actor("park_a_staff"), None, {
        "owner": world.ent_a, "kind": "invention", "title": "园区录入的发明", "number": app_number(2024, "1", 42),
        "filing_date": datetime.date(2024, 3, 2)})
    assert world.by_agency.produced_by_id == world.agency_x.pk
    return world


def pages(world):
    return {
        "by_agency": reverse("archive:asset-detail", args=[world.by_agency.pk]),
        "by_agency_edit": reverse("archive:asset-edit", args=[world.by_agency.pk]),
        "by_park": reverse("archive:asset-detail", args=[world.by_park.pk]),
        "by_park_history": reverse("archive:asset-history", args=[world.by_park.pk]),
        "enterprise": reverse("directory:enterprise-detail", args=[world.ent_a.pk]),
    }


def statuses(world, user="agency_x_staff"):
    client = world.client(user)
    return {name: client.get(url).status_code for name, url in pages(world).items()}


def test_on_the_termination_day_the_agency_still_has_access(archive):
    services.terminate_contract(archive.actor("park_a_staff"), archive.link_x_a, timezone.localdate(), "企业搬迁")
    assert statuses(archive) == {"by_agency": 200, "by_agency_edit": 200, "by_park": 200, "by_park_history": 200,
                                 "enterprise": 200}


def test_the_day_after_termination_the_agency_keeps_only_what_it_produced_read_only(archive):
    before = statuses(archive)
    assert set(before.values()) == {200}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.terminate_contract(archive.actor("park_a_staff"), archive.link_x_a, yesterday, "企业搬迁")
    after = statuses(archive)
    assert after == {"by_agency": 200, "by_agency_edit": 403, "by_park": 404, "by_park_history": 404,
                     "enterprise": 404}
    # the API answers the same way
    from rest_framework.test import APIClient

    from ipcustody.accounts.services import create_token

    _token, key = create_token(archive.actor("agency_x_staff"), name="t", membership=archive.memberships["agency_x_staff"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(f"/api/v1/assets/{archive.by_park.pk}/").status_code == 404
    assert client.get(f"/api/v1/assets/{archive.by_agency.pk}/").status_code == 200
    assert client.patch(f"/api/v1/assets/{archive.by_agency.pk}/", {"title": "改"}, format="json").status_code == 403
    # the park and the enterprise itself are unaffected
    assert set(statuses(archive, "park_a_reader").values()) - {403} == {200}
