"""Archive API: the same scoping and write rules as the pages; bulk upsert all-or-nothing with errors by row."""


from ipcustody.archive.models import Asset, AssetStatus
from ipcustody.audit.models import ChangeLogEntry
from ipcustody.core.testing import api_client as api
from ipcustody.core.testing import check_api_matrix as check

from .conftest import app_number


def test_asset_read_matrix(assets):
    check(assets, "get", f"/api/v1/assets/{assets.asset_a.pk}/", {
        None: 401, "ent_b_admin": 404, "agency_y_staff": 404, "district_b": 404,
        "ent_a_reader": 200, "agency_x_reader": 200, "park_a_reader": 200, "city": 200,
    })
    check(assets, "get", f"/api/v1/assets/{assets.secret_a.pk}/", {
        None: 401, "park_a_admin": 404, "city": 404, "agency_x_admin": 404, "ent_a_reader": 200, "agency_x_staff": 200,
    })
    assert ChangeLogEntry.objects.filter(action="view", object_id=str(assets.secret_a.pk)).count() == 2


def test_the_list_is_scoped(assets):
    rows = api(assets, "ent_b_admin").get("/api/v1/assets/").json()["results"]
    assert [r["title"] for r in rows] == ["一种注射器外观"]
    rows = api(assets, "city").get("/api/v1/assets/?q=单克隆").json()["results"]
    assert [r["title"] for r in rows] == ["一种抗PD-1单克隆抗体及其制备方法"]


def test_asset_write_matrix(assets):
    url = f"/api/v1/assets/{assets.asset_a.pk}/"
    check(assets, "patch", url, {None: 401, "ent_b_admin": 404, "ent_a_reader": 403, "park_a_reader": 403,
                                 "city": 403, "agency_x_reader": 403}, {"notes": "x"})
    check(assets, "patch", url, {"ent_a_admin": 200, "park_a_staff": 200, "agency_x_staff": 200, "city_granted": 200},
          {"notes": "已核对"})
    check(assets, "patch", f"/api/v1/assets/{assets.asset_a2_by_x.pk}/", {"agency_x_admin": 403}, {"notes": "x"})


def test_creating_through_the_api_validates_and_sets_the_producer(world):
    client = api(world, "agency_x_staff")
    body = {"owner": world.ent_a.pk, "kind": "invention", "title": "一种抗体", "number": "201711118060.4",
            "filing_date": "2017-11-13"}
    response = client.post("/api/v1/assets/", body, format="json")
    assert response.status_code == 400 and "number" in response.json()
    body["number"] = "201711118060.3"
    body["priority_claims"] = [{"country": "US", "number": "62/111", "date": "2017-01-05"}]
    response = client.post("/api/v1/assets/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "filed" and data["produced_by"] == world.agency_x.pk
    assert client.post("/api/v1/assets/", body, format="json").status_code == 400  # duplicate
    check(world, "post", "/api/v1/assets/", {None: 401, "ent_a_reader": 403, "city": 403}, body)


def test_events_through_the_api_derive_the_status(assets):
    client = api(assets, "agency_x_staff")
    response = client.post("/api/v1/asset-events/", {"asset": assets.asset_a.pk, "kind": "withdrawn",
                                                     "date": "2021-01-01"}, format="json")
    assert response.status_code == 201, response.content
    assets.asset_a.refresh_from_db()
    assert assets.asset_a.status == AssetStatus.WITHDRAWN
    event_id = response.json()["id"]
    check(assets, "get", f"/api/v1/asset-events/{event_id}/", {None: 401, "ent_b_admin": 404, "ent_a_reader": 200})
    check(assets, "delete", f"/api/v1/asset-events/{event_id}/", {"ent_b_admin": 404, "ent_a_reader": 403})
    assert client.delete(f"/api/v1/asset-events/{event_id}/").status_code == 204
    assets.asset_a.refresh_from_db()
    assert assets.asset_a.status == AssetStatus.FILED
    rows = api(assets, "ent_b_admin").get(f"/api/v1/asset-events/?asset={assets.asset_a.pk}").json()["results"]
    assert rows == []


def bulk_rows(world, n):
    return [{"kind": "invention", "owner": world.ent_a.credit_code, "title": f"一种化合物{i}",
             "number": app_number(2021, "1", 500 + i), "filing_date": "2021-04-01",
             "event": {"kind": "examination_requested", "date": "2021-06-01"}} for i in range(n)]


def test_bulk_upsert_is_all_or_nothing_with_errors_by_index_and_field(world):
    client = api(world, "agency_x_staff")
    rows = bulk_rows(world, 20)
    rows[7]["filing_date"] = "2020-04-01"  # the number says 2021
    rows[12]["kind"] = "patent"
    response = client.post("/api/v1/assets/bulk/", rows, format="json")
    assert response.status_code == 400
    assert {(e["row"], e["column"]) for e in response.json()["errors"]} == {(7, "number"), (12, "kind")}
    assert Asset.objects.count() == 0
    rows = bulk_rows(world, 20)
    response = client.post("/api/v1/assets/bulk/", rows, format="json")
    assert response.status_code == 200 and response.json()["created"] == 20
    assert Asset.objects.filter(status=AssetStatus.EXAMINATION).count() == 20
    response = client.post("/api/v1/assets/bulk/", rows, format="json")
    assert response.json() == {"total": 20, "created": 0, "updated": 0, "unchanged": 20}


def test_bulk_matrix(world):
    check(world, "post", "/api/v1/assets/bulk/", {None: 401, "ent_a_reader": 403, "park_a_reader": 403, "city": 403},
          bulk_rows(world, 1))
    response = api(world, "agency_y_staff").post("/api/v1/assets/bulk/", bulk_rows(world, 1), format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["column"] == "owner"


def test_the_schema_describes_the_archive(world):
    response = api(world, "city").get("/api/v1/schema/")
    assert response.status_code == 200 and b"/api/v1/assets/bulk/" in response.content
