"""Contracts API: the same scoping as the pages; each party confirms through the same service."""

import pytest

from ipcustody.contracts.models import ContractStatus
from ipcustody.core.testing import api_client as api
from ipcustody.core.testing import check_api_matrix as check


@pytest.mark.parametrize("path", ["contracts", "needs", "offerings", "procedures"])
def test_collection_read_matrix(world, path):
    check(world, "get", f"/api/v1/{path}/", {None: 401, "city": 200, "park_a_reader": 200, "agency_x_staff": 200,
                                              "ent_a_reader": 200})


def test_contract_read_matrix(world):
    check(world, "get", f"/api/v1/contracts/{world.contract_x_a.pk}/", {
        None: 401, "agency_y_staff": 404, "ent_b_admin": 404, "district_b": 404,
        "agency_x_reader": 200, "ent_a_reader": 200, "park_a_reader": 200, "district_a": 200, "city": 200,
    })
    rows = api(world, "agency_y_staff").get("/api/v1/contracts/").json()["results"]
    assert [r["id"] for r in rows] == [world.contract_y_b.pk]


def test_each_party_confirms_through_the_api(world, awaiting):
    url = f"/api/v1/contracts/{awaiting.pk}/confirm/"
    check(world, "post", url, {None: 401, "agency_y_staff": 404, "ent_b_admin": 404, "agency_x_reader": 403,
                               "park_a_reader": 403, "city": 403})
    check(world, "post", url, {"park_a_staff": 200, "agency_x_admin": 200})
    check(world, "post", url, {"park_a_admin": 403})  # the park has confirmed already
    body = api(world, "agency_x_staff").get(f"/api/v1/contracts/{awaiting.pk}/").json()
    assert body["status"] == ContractStatus.AWAITING
    assert sorted(c["party"] for c in body["confirmations"]) == ["agency", "park"]


def test_the_api_lists_use_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.users["city"], token=world.actor("city"))
    for path in ["contracts", "needs", "offerings", "procedures"]:
        with django_assert_max_num_queries(12):
            assert client.get(f"/api/v1/{path}/?limit=100").status_code == 200


def test_need_detail_matrix(world):
    from ipcustody.contracts import services
    from ipcustody.directory.models import ServiceItem

    need = services.save_need(world.actor("ent_a_admin"), None, {"title": "专利布局", "open_to_market": False},
                              service_items=ServiceItem.objects.filter(code="strategy"))
    check(world, "get", f"/api/v1/needs/{need.pk}/", {
        None: 401, "agency_x_staff": 404, "ent_b_admin": 404, "park_b_admin": 404, "district_b": 404,
        "ent_a_reader": 200, "park_a_reader": 200, "district_a": 200, "city": 200,
    })
    assert api(world, "ent_a_reader").get(f"/api/v1/needs/{need.pk}/").json()["title"] == "专利布局"


def test_offering_detail_matrix(world):
    from ipcustody.contracts import services
    from ipcustody.directory.models import ServiceItem

    offering = services.save_offering(world.actor("agency_x_admin"), None,
                                      {"title": "X咨询", "price_min": 0, "price_max": 0},
                                      service_items=ServiceItem.objects.filter(code="strategy"))
    url = f"/api/v1/offerings/{offering.pk}/"
    check(world, "get", url, {None: 401, "ent_b_admin": 200, "agency_y_staff": 200, "park_b_admin": 200, "city": 200})
    services.set_offering_status(world.actor("agency_x_admin"), offering, "withdrawn")
    check(world, "get", url, {None: 401, "agency_y_staff": 404, "ent_a_reader": 404, "park_a_reader": 404,
                              "city": 404, "agency_x_reader": 200})


def test_procedure_detail_matrix(world):
    import datetime

    from django.utils import timezone

    from ipcustody.contracts import services
    from ipcustody.directory.models import ServiceItem

    today = timezone.localdate()
    procedure = services.save_procedure(
        world.actor("park_a_staff"), None,
        {"kind": "tender", "title": "招标", "bid_deadline": today + datetime.timedelta(days=10),
         "admission_from": today, "admission_until": today + datetime.timedelta(days=365)},
        service_items=ServiceItem.objects.filter(code="strategy"),
    )
    check(world, "get", f"/api/v1/procedures/{procedure.pk}/", {
        None: 401, "agency_x_staff": 404, "ent_a_admin": 404, "park_b_admin": 404, "district_b": 404,
        "park_a_reader": 200, "district_a": 200, "city": 200,
    })


def test_it_lists_admitted_agencies_only_to_the_park_the_authorities_and_the_agency_itself(world):
    from ipcustody.contracts.tests.test_procedures import awarded_to_x

    procedure = awarded_to_x(world)
    url = f"/api/v1/procedures/{procedure.pk}/"
    check(world, "get", url, {"agency_y_staff": 200, "agency_x_staff": 200, "park_a_reader": 200, "city": 200})
    assert api(world, "park_a_reader").get(url).json()["admitted_agencies"] == [world.agency_x.pk]
    assert api(world, "city").get(url).json()["admitted_agencies"] == [world.agency_x.pk]
    assert api(world, "agency_x_staff").get(url).json()["admitted_agencies"] == [world.agency_x.pk]
    assert api(world, "agency_y_staff").get(url).json()["admitted_agencies"] == []
    rows = api(world, "agency_y_staff").get("/api/v1/procedures/").json()["results"]
    assert [r["admitted_agencies"] for r in rows if r["id"] == procedure.pk] == [[]]
