"""Directory API: token authentication, the same scoping and write rules as the pages."""

import pytest
from rest_framework.test import APIClient

from ipcustody.accounts.services import create_token, revoke_token
from ipcustody.core.testing import api_client as api
from ipcustody.core.testing import check_api_matrix as check
from ipcustody.core.testing import valid_code
from ipcustody.directory.models import Enterprise


def test_an_enterprise_token_lists_exactly_one_enterprise(world):
    response = api(world, "ent_a_reader").get("/api/v1/enterprises/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [world.ent_a.pk]


def test_another_enterprises_id_is_404_for_an_enterprise_token(world):
    assert api(world, "ent_a_reader").get(f"/api/v1/enterprises/{world.ent_b.pk}/").status_code == 404


def test_an_agency_token_lists_exactly_the_served_enterprises(world):
    rows = api(world, "agency_x_staff").get("/api/v1/enterprises/").json()["results"]
    assert [row["name"] for row in rows] == ["甲企业"]


def test_enterprise_read_matrix(world):
    url = f"/api/v1/enterprises/{world.ent_a.pk}/"
    check(world, "get", url, {
        None: 401, "ent_b_admin": 404, "agency_y_staff": 404, "district_b": 404,
        "ent_a_reader": 200, "agency_x_reader": 200, "park_a_reader": 200, "city": 200,
    })


def test_enterprise_write_matrix(world):
    url = f"/api/v1/enterprises/{world.ent_a.pk}/"
    check(world, "patch", url, {
        None: 401, "ent_b_admin": 404, "ent_a_reader": 403, "park_a_reader": 403, "agency_x_staff": 403, "city": 403,
    }, {"ip_staff_count": 5})
    check(world, "patch", url, {"ent_a_admin": 200, "park_a_staff": 200, "city_granted": 200}, {"ip_staff_count": 5})
    world.ent_a.refresh_from_db()
    assert world.ent_a.ip_staff_count == 5


def test_creating_an_enterprise_through_the_api_validates_the_credit_code(world):
    client = api(world, "park_a_staff")
    body = {"name": "API企业", "credit_code": "91310104MA1FL00090", "park": world.park_a.pk, "size": "small"}
    response = client.post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400
    assert "credit_code" in response.json()
    body["credit_code"] = valid_code("91310104MA1FL0009")
    response = client.post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 201, response.content
    assert Enterprise.objects.get(pk=response.json()["id"]).park == world.park_a
    duplicate = client.post("/api/v1/enterprises/", {**body, "name": "重复"}, format="json")
    assert duplicate.status_code == 400 and "credit_code" in duplicate.json()


def test_a_park_token_cannot_put_an_enterprise_in_another_park(world):
    body = {"name": "越界", "credit_code": valid_code("91310104MA1FL0008"), "park": world.park_b.pk, "size": "small"}
    response = api(world, "park_a_staff").post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400
    assert not Enterprise.objects.filter(name="越界").exists()


def test_enterprise_create_matrix(world):
    body = {"name": "X", "credit_code": valid_code("91310104MA1FL0007"), "park": world.park_a.pk, "size": "small"}
    check(world, "post", "/api/v1/enterprises/", {None: 401, "ent_a_admin": 403, "agency_x_admin": 403, "city": 403}, body)


@pytest.mark.parametrize("path", ["authorities", "parks", "agencies", "contracts"])
def test_collection_read_matrix(world, path):
    check(world, "get", f"/api/v1/{path}/", {None: 401, "city": 200, "park_a_reader": 200, "agency_x_staff": 200})


def test_platform_admin_without_membership_gets_no_business_data(world):
    client = APIClient()
    client.force_authenticate(user=world.users["platform_admin"])
    client.logout()
    client = APIClient()
    client.login(username="platform_admin", password="x-Test-Pass-1")
    assert client.get("/api/v1/enterprises/").status_code == 404


def test_agency_and_park_detail_matrix(world):
    check(world, "get", f"/api/v1/agencies/{world.agency_x.pk}/", {
        "agency_y_staff": 404, "ent_b_admin": 404, "agency_x_reader": 200, "park_a_reader": 200,
    })
    check(world, "patch", f"/api/v1/agencies/{world.agency_x.pk}/", {
        "agency_x_staff": 403, "park_a_admin": 403, "agency_y_staff": 404,
    }, {"registered_attorneys": 3})
    check(world, "patch", f"/api/v1/agencies/{world.agency_x.pk}/", {"agency_x_admin": 200}, {"registered_attorneys": 3})
    check(world, "get", f"/api/v1/parks/{world.park_a.pk}/", {"park_b_admin": 404, "district_a": 200})
    check(world, "get", f"/api/v1/authorities/{world.district_a.pk}/", {"district_b": 404, "district_a": 200})


def test_a_revoked_token_is_refused(world):
    token, key = create_token(world.actor("ent_a_reader"), name="t", membership=world.memberships["ent_a_reader"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").json()["organisation_id"] == world.ent_a.pk
    revoke_token(world.actor("ent_a_reader"), token.pk)
    assert client.get("/api/v1/me/").status_code == 401


def test_the_openapi_schema_and_docs_are_served(world):
    schema = APIClient().get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/enterprises/" in schema.content
    docs = world.client("city").get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


@pytest.mark.parametrize("path", ["me", "service-items", "industry-segments"])
def test_reference_and_identity_endpoints_matrix(world, path):
    check(world, "get", f"/api/v1/{path}/", {None: 401, "ent_a_reader": 200, "agency_x_staff": 200, "city": 200})
    client = APIClient()
    client.force_authenticate(user=world.users["nomember"], token=None)
    assert client.get(f"/api/v1/{path}/").status_code == 404  # logged in, but acting for no organisation


def test_me_names_the_membership_the_token_acts_for(world):
    body = api(world, "park_a_reader").get("/api/v1/me/").json()
    assert body["organisation_id"] == world.park_a.pk and body["role"] == "read_only" and body["scope"] == "park"
