"""Deadline pages and API: role matrix, the home panel, marking done in the page, calendar feed, forecast."""

import datetime

from django.urls import reverse

from ipcustody.core.testing import api_client as api
from ipcustody.core.testing import check_api_matrix as check
from ipcustody.core.testing import check_matrix
from ipcustody.docketing import services
from ipcustody.docketing.models import Deadline, WarningPolicy


def annuity_of(world):
    return Deadline.objects.get(asset=world.granted, kind="annuity", status="open")


def test_list_matrix_and_scoping(patents):
    url = reverse("docketing:deadline-list")
    check_matrix(patents, "get", url, {None: 302, "platform_admin": 404, "nomember": 404, "park_a_reader": 200,
                                       "agency_x_staff": 200, "ent_b_admin": 200, "city": 200})
    html = patents.client("ent_b_admin").get(url + "?status=").content.decode()
    assert "一种输液器" in html and "一种抗体偶联药物" not in html


def test_detail_matrix(patents):
    url = reverse("docketing:deadline-detail", args=[annuity_of(patents).pk])
    check_matrix(patents, "get", url, {None: 302, "ent_b_admin": 404, "agency_y_staff": 404, "park_b_admin": 404,
                                       "ent_a_reader": 200, "park_a_reader": 200, "agency_x_staff": 200, "city": 200})
    check_matrix(patents, "post", url, {None: 302, "ent_b_admin": 404, "park_a_reader": 403, "city": 403,
                                        "ent_a_reader": 403}, {"done_on": "2026-02-20"})
    assert annuity_of(patents).status == "open"


def test_marking_done_in_the_page(patents):
    deadline = annuity_of(patents)
    client = patents.client("agency_x_staff")
    url = reverse("docketing:deadline-detail", args=[deadline.pk])
    assert 'id="mark-done"' in client.get(url).content.decode()
    bad = client.post(url, {"done_on": "2999-01-01"})
    assert bad.status_code == 400 and "done_on" in bad.context["form"].errors
    response = client.post(url, {"done_on": "2026-02-20", "note": "网银缴费"})
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == "done" and deadline.done_by == patents.users["agency_x_staff"]


def test_the_home_page_shows_the_warning_panel_with_links(patents):
    html = patents.client("park_a_reader").get(reverse("home")).content.decode()
    assert 'id="warning-panel"' in html and "tile-overdue" in html


def test_settings_and_policy_matrix(patents):
    check_matrix(patents, "get", reverse("docketing:settings"), {None: 302, "nomember": 404, "park_a_reader": 200})
    check_matrix(patents, "get", reverse("docketing:policy-edit"), {None: 302, "park_a_staff": 403, "park_a_admin": 200})


def test_an_admin_sets_the_warning_levels_with_validation(patents):
    client = patents.client("park_a_admin")
    bad = client.post(reverse("docketing:policy-edit"), {"thresholds": "60, abc"})
    assert bad.status_code == 400 and bad.context["form"].errors["thresholds"]
    assert client.post(reverse("docketing:policy-edit"), {"thresholds": "60，14, 3"}).status_code == 302
    assert WarningPolicy.objects.get(organisation=patents.park_a).levels == (60, 14, 3)
    html = client.get(reverse("docketing:deadline-list")).content.decode()
    assert '<option value="within_14">' in html and '<option value="within_30">' not in html


def test_the_calendar_feed_lists_visible_deadlines_and_dies_with_a_new_key(patents):
    key = services.create_feed(patents.actor("ent_b_admin"))
    response = patents.client(None).get(reverse("docketing:calendar", args=[key]))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in body and "一种输液器" in body and "一种抗体偶联药物" not in body
    services.create_feed(patents.actor("ent_b_admin"))
    assert patents.client(None).get(reverse("docketing:calendar", args=[key])).status_code == 404
    assert patents.client(None).get(reverse("docketing:calendar", args=["nonsense"])).status_code == 404


def test_forecast_matrix_and_export(patents):
    url = reverse("docketing:forecast")
    check_matrix(patents, "get", url, {None: 302, "nomember": 404, "ent_a_reader": 200, "park_a_reader": 200,
                                       "agency_x_staff": 200, "city": 200})
    check_matrix(patents, "get", url + f"?owner={patents.ent_a.pk}", {"ent_b_admin": 404, "park_a_reader": 200})
    check_matrix(patents, "get", url + f"?park={patents.park_a.pk}", {"park_b_admin": 404, "district_a": 200})
    check_matrix(patents, "get", url + f"?agency={patents.agency_x.pk}", {"agency_y_staff": 404, "ent_b_admin": 404,
                                                                          "agency_x_reader": 200, "city": 200})
    by_agency = patents.client("city").get(url + f"?agency={patents.agency_y.pk}&months=36")
    rows = by_agency.context["result"].rows
    assert rows and {row[0] for row in rows} == {patents.ent_b.name}
    response = patents.client("park_a_reader").get(url + "?months=36&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_list_uses_a_bounded_number_of_queries(patents, django_assert_max_num_queries):
    import datetime as dt

    from ipcustody.archive.models import Asset, AssetEvent
    from ipcustody.docketing.tests.conftest import app_number

    owners = [patents.ent_a, patents.ent_a2, patents.ent_b]
    assets = Asset.objects.bulk_create([
        Asset(owner=owners[i % 3], kind="invention", title=f"批量专利{i}", number=app_number(2018, "1", 900 + i),
              filing_date=dt.date(2018, 1 + i % 12, 3), grant_date=dt.date(2020, 6, 1), status="in_force")
        for i in range(40)
    ])
    AssetEvent.objects.bulk_create([AssetEvent(asset=a, kind="granted", date=a.grant_date) for a in assets])
    services.recompute()
    assert Deadline.objects.count() > 80
    client = patents.client("city")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("docketing:deadline-list") + "?status=&size=100").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("home")).status_code == 200



def test_api_lists_and_filters_deadlines(patents):
    rows = api(patents, "ent_b_admin").get("/api/v1/deadlines/?status=").json()["results"]
    assert rows and {r["owner"] for r in rows} == {patents.ent_b.pk}
    overdue = api(patents, "city").get("/api/v1/deadlines/?level=overdue").json()["results"]
    assert all(r["due_date"] < datetime.date.today().isoformat() for r in overdue)
    assert api(patents, None).get("/api/v1/deadlines/").status_code == 401


def test_api_marks_a_deadline_done_with_the_same_rules(patents):
    deadline = annuity_of(patents)
    url = f"/api/v1/deadlines/{deadline.pk}/done/"
    assert api(patents, "ent_b_admin").post(url, {"done_on": "2026-02-20"}, format="json").status_code == 404
    assert api(patents, "park_a_reader").post(url, {"done_on": "2026-02-20"}, format="json").status_code == 403
    assert api(patents, "park_a_staff").post(url, {"done_on": "bad"}, format="json").status_code == 400
    response = api(patents, "park_a_staff").post(url, {"done_on": "2026-02-20"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "done"
    assert api(patents, "park_a_staff").post(url, {"done_on": "2026-02-20"}, format="json").status_code == 400


def test_the_asset_page_lists_its_deadlines(patents):
    html = patents.client("agency_x_staff").get(reverse("archive:asset-detail", args=[patents.granted.pk])).content.decode()
    assert 'id="asset-deadlines"' in html
    annuity = annuity_of(patents)
    assert reverse("docketing:deadline-detail", args=[annuity.pk]) in html


def test_evidence_download_matrix(patents, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    deadline = annuity_of(patents)
    services.mark_done(patents.actor("park_a_staff"), deadline, done_on=datetime.date(2026, 2, 20),
                       evidence=SimpleUploadedFile("回单.pdf", b"%PDF receipt", content_type="application/pdf"))
    url = reverse("docketing:evidence", args=[deadline.pk])
    check_matrix(patents, "get", url, {None: 302, "ent_b_admin": 404, "agency_y_staff": 404, "park_b_admin": 404,
                                       "ent_a_reader": 200, "agency_x_reader": 200, "park_a_reader": 200})
    other = Deadline.objects.filter(asset=patents.granted, status="open").first()
    assert patents.client("park_a_reader").get(reverse("docketing:evidence", args=[other.pk])).status_code == 404


def test_api_deadline_detail_matrix(patents):
    url = f"/api/v1/deadlines/{annuity_of(patents).pk}/"
    check(patents, "get", url, {None: 401, "ent_b_admin": 404, "agency_y_staff": 404, "ent_a_reader": 200,
                                "agency_x_reader": 200, "city": 200})
