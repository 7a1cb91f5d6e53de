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
