"""Role matrix for every archive page: anonymous → login, not visible → 404, read-only → 403, allowed → 200."""

import datetime

import pytest
from django.urls import reverse

from ipcustody.archive.models import Asset, AssetKind, AssetStatus
from ipcustody.audit.models import ChangeLogEntry
from ipcustody.core.testing import check_matrix

LOGIN = 302


def test_asset_detail_matrix(assets):
    url = reverse("archive:asset-detail", args=[assets.asset_a.pk])
    check_matrix(assets, "get", url, {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "ent_b_admin": 404, "agency_y_staff": 404, "park_b_admin": 404, "district_b": 404,
        "ent_a_reader": 200, "ent_a_admin": 200, "agency_x_reader": 200, "park_a_reader": 200,
        "district_a": 200, "city": 200,
    })


def test_an_agency_reads_what_it_produced_under_an_ended_relation_but_cannot_edit_it(assets):
    detail = reverse("archive:asset-detail", args=[assets.asset_a2_by_x.pk])
    edit = reverse("archive:asset-edit", args=[assets.asset_a2_by_x.pk])
    check_matrix(assets, "get", detail, {"agency_x_admin": 200, "agency_x_staff": 200, "agency_y_staff": 404})
    check_matrix(assets, "get", edit, {"agency_x_admin": 403, "agency_x_staff": 403, "park_a_staff": 200})
    other = reverse("archive:asset-detail", args=[assets.asset_a2_other.pk])
    check_matrix(assets, "get", other, {"agency_x_admin": 404})


def test_asset_edit_matrix(assets):
    url = reverse("archive:asset-edit", args=[assets.asset_a.pk])
    check_matrix(assets, "get", url, {
        None: LOGIN, "platform_admin": 404, "ent_b_admin": 404, "agency_y_staff": 404, "district_b": 404,
        "ent_a_reader": 403, "park_a_reader": 403, "agency_x_reader": 403, "city": 403, "district_a": 403,
        "ent_a_admin": 200, "park_a_staff": 200, "park_a_admin": 200, "agency_x_staff": 200, "agency_x_admin": 200,
        "city_granted": 200,
    })


def test_asset_edit_post_is_refused_to_read_only_roles(assets):
    url = reverse("archive:asset-edit", args=[assets.asset_a.pk])
    check_matrix(assets, "post", url, {None: LOGIN, "ent_b_admin": 404, "park_a_reader": 403, "city": 403},
                 {"title": "改名"})
    assets.asset_a.refresh_from_db()
    assert assets.asset_a.title == "一种抗PD-1单克隆抗体及其制备方法"


@pytest.mark.parametrize("kind", [k for k in AssetKind])
def test_asset_create_matrix_for_every_kind(world, kind):
    url = reverse("archive:asset-create") + f"?kind={kind}"
    check_matrix(world, "get", url, {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "ent_a_reader": 403, "park_a_reader": 403, "agency_x_reader": 403, "city": 403, "district_a": 403,
        "ent_a_admin": 200, "park_a_staff": 200, "agency_x_staff": 200, "city_granted": 200,
    })


FORMS = {
    AssetKind.INVENTION: {"title": "一种抗体", "number": "201711118060.3", "filing_date": "2017-11-13",
                          "publication_number": "CN108722134A", "publication_date": "2018-11-02",
                          "classes": "C07K 16/28", "inventors": "张伟", "fee_reduction": "85"},
    AssetKind.UTILITY_MODEL: {"title": "一种导管", "number": "201621184072.7", "filing_date": "2016-10-28",
                              "grant_number": "CN206123456U", "grant_date": "2017-05-10", "fee_reduction": "0"},
    AssetKind.DESIGN: {"title": "注射器", "number": "202030097744.6", "filing_date": "2020-03-10", "classes": "24-02",
                       "fee_reduction": "0"},
    AssetKind.TRADEMARK: {"title": "甲牌", "number": "45678901", "filing_date": "2020-01-02", "nice_classes": "5,44",
                          "grant_date": "2021-01-14"},
    AssetKind.COPYRIGHT: {"title": "产品手册", "number": "国作登字-2021-A-00012345"},
    AssetKind.SOFTWARE: {"title": "实验数据管理系统V1.0", "number": "2019SR1234567", "grant_date": "2019-12-01"},
    AssetKind.IC_LAYOUT: {"title": "驱动芯片", "number": "BS.205012345"},
    AssetKind.GEO_INDICATION: {"title": "某地中药材", "number": "GI-2020-001"},
    AssetKind.PLANT_VARIETY: {"title": "某药用植物品种", "number": "CNA20151234.5"},
    AssetKind.TRADE_SECRET: {"title": "工艺参数", "custodian": "王工", "protection_measures": "保密协议"},
    AssetKind.OTHER: {"title": "民间配方", "number": "OTHER-1"},
}


@pytest.mark.parametrize("kind", list(FORMS))
def test_each_kind_can_be_created_viewed_edited_and_listed(world, kind):
    client = world.client("agency_x_staff")
    url = reverse("archive:asset-create") + f"?kind={kind}"
    response = client.post(url, {"owner": world.ent_a.pk, "_kind": kind, **FORMS[kind]})
    assert response.status_code == 302, response.content.decode()[:3000]
    asset = Asset.objects.get(title=FORMS[kind]["title"])
    assert asset.kind == kind and asset.produced_by == world.agency_x
    if kind == AssetKind.TRADE_SECRET:
        assert list(asset.responsible_staff.all()) == [world.users["agency_x_staff"]]
    assert client.get(asset.get_absolute_url()).status_code == 200
    staff = [u.pk for u in asset.responsible_staff.all()]
    edit = client.post(reverse("archive:asset-edit", args=[asset.pk]),
                       {"owner": world.ent_a.pk, **FORMS[kind], "notes": "已核对", "responsible_staff": staff})
    assert edit.status_code == 302
    asset.refresh_from_db()
    assert asset.notes == "已核对"
    listing = client.get(reverse("archive:asset-list") + f"?kind={kind}")
    assert FORMS[kind]["title"] in listing.content.decode()


def test_a_form_error_is_shown_next_to_the_field_and_input_kept(world):
    response = world.client("ent_a_admin").post(
        reverse("archive:asset-create") + "?kind=invention",
        {"owner": world.ent_a.pk, "_kind": "invention", "title": "一种抗体", "number": "201711118060.4",
         "filing_date": "2017-11-13", "fee_reduction": "0"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "201711118060.4" in content and "error-summary" in content


def test_list_matrix_and_rows(assets):
    url = reverse("archive:asset-list")
    check_matrix(assets, "get", url, {None: LOGIN, "platform_admin": 404, "nomember": 404, "city": 200,
                                      "park_a_reader": 200, "agency_x_staff": 200, "ent_a_reader": 200})
    content = assets.client("ent_b_admin").get(url).content.decode()
    assert "一种注射器外观" in content and "一种抗PD-1" not in content


def test_the_list_of_a_park_never_shows_a_trade_secret(assets):
    content = assets.client("park_a_admin").get(reverse("archive:asset-list")).content.decode()
    assert "细胞培养基配方" not in content


def test_trade_secret_detail_matrix_and_each_view_is_logged(assets):
    url = reverse("archive:asset-detail", args=[assets.secret_a.pk])
    check_matrix(assets, "get", url, {
        None: LOGIN, "park_a_admin": 404, "park_a_reader": 404, "district_a": 404, "city": 404, "city_granted": 404,
        "agency_x_admin": 404, "agency_x_reader": 404, "agency_y_staff": 404,
        "ent_a_reader": 200, "ent_a_admin": 200, "agency_x_staff": 200,
    })
    views = ChangeLogEntry.objects.filter(action="view", object_id=str(assets.secret_a.pk))
    assert sorted(views.values_list("actor_label", flat=True)) == ["agency_x_staff", "ent_a_admin", "ent_a_reader"]


def test_history_matrix(assets):
    url = reverse("archive:asset-history", args=[assets.asset_a.pk])
    check_matrix(assets, "get", url, {None: LOGIN, "ent_b_admin": 404, "agency_y_staff": 404,
                                      "ent_a_reader": 200, "agency_x_reader": 200, "city": 200})


def test_event_pages_matrix(assets):
    create = reverse("archive:event-create", args=[assets.asset_a.pk])
    check_matrix(assets, "get", create, {None: LOGIN, "ent_b_admin": 404, "ent_a_reader": 403, "city": 403,
                                         "agency_x_staff": 200, "park_a_staff": 200})
    response = assets.client("agency_x_staff").post(create, {"kind": "lapsed", "date": "2023-03-01", "note": "未缴年费"})
    assert response.status_code == 302
    assets.asset_a.refresh_from_db()
    assert assets.asset_a.status == AssetStatus.LAPSED
    event = assets.asset_a.events.get(kind="lapsed")
    edit = reverse("archive:event-edit", args=[event.pk])
    check_matrix(assets, "get", edit, {None: LOGIN, "ent_b_admin": 404, "ent_a_reader": 403, "ent_a_admin": 200})
    delete = reverse("archive:event-delete", args=[event.pk])
    check_matrix(assets, "post", delete, {None: LOGIN, "ent_b_admin": 404, "park_a_reader": 403})
    assert assets.client("ent_a_admin").post(delete).status_code == 302
    assets.asset_a.refresh_from_db()
    assert assets.asset_a.status == AssetStatus.FILED


def test_attachments_are_served_only_through_the_scoping(assets, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    url = reverse("archive:attachment-create", args=[assets.asset_a.pk])
    check_matrix(assets, "post", url, {None: LOGIN, "ent_b_admin": 404, "ent_a_reader": 403})
    upload = SimpleUploadedFile("证书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert assets.client("ent_a_admin").post(url, {"file": upload, "name": "授权证书"}).status_code == 302
    attachment = assets.asset_a.attachments.get()
    download = reverse("archive:attachment-download", args=[attachment.pk])
    check_matrix(assets, "get", download, {None: LOGIN, "ent_b_admin": 404, "agency_y_staff": 404,
                                           "ent_a_reader": 200, "park_a_reader": 200})
    check_matrix(assets, "post", reverse("archive:attachment-delete", args=[attachment.pk]),
                 {None: LOGIN, "ent_b_admin": 404, "park_a_reader": 403, "ent_a_admin": 302})


def test_delete_matrix(assets):
    url = reverse("archive:asset-delete", args=[assets.asset_a_tm.pk])
    check_matrix(assets, "post", url, {None: LOGIN, "ent_b_admin": 404, "ent_a_reader": 403, "city": 403})
    assert assets.client("park_a_staff").post(url, {"reason": "重复录入"}).status_code == 302
    # removed, not deleted: the row stays for the record, and nobody sees it any more
    assert Asset.objects.filter(pk=assets.asset_a_tm.pk, removed_reason="重复录入").exists()
    assert assets.client("park_a_staff").get(reverse("archive:asset-detail", args=[assets.asset_a_tm.pk])).status_code == 404
    assert ChangeLogEntry.objects.filter(action="update", object_id=str(assets.asset_a_tm.pk),
                                         changes__has_key="removed_at").exists()


def test_analysis_matrix_and_figures(assets):
    url = reverse("archive:analysis")
    check_matrix(assets, "get", url, {None: LOGIN, "platform_admin": 404, "nomember": 404, "city": 200,
                                      "park_a_reader": 200, "agency_x_staff": 200, "ent_a_reader": 200})
    response = assets.client("city").get(url)
    result = response.context["result"]
    assert result.total == 4 and result.inventions == 2
    response = assets.client("ent_b_admin").get(url + "?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_analysis_for_a_park_and_an_enterprise(assets):
    client = assets.client("city")
    assert client.get(reverse("archive:analysis") + f"?park={assets.park_b.pk}").context["result"].total == 1
    result = client.get(reverse("archive:analysis") + f"?owner={assets.ent_a.pk}").context["result"]
    assert result.total == 1 and result.top_inventors == [("张伟", 1), ("李芳", 1)]
    assert client.get(reverse("archive:analysis") + f"?district={assets.district_b.pk}").context["result"].total == 1


def test_import_pages_matrix(world):
    check_matrix(world, "get", reverse("archive:import"), {
        None: LOGIN, "platform_admin": 404, "ent_a_reader": 403, "park_a_reader": 403, "city": 403,
        "ent_a_admin": 200, "agency_x_staff": 200, "park_a_staff": 200})
    check_matrix(world, "get", reverse("archive:import-template"), {None: LOGIN, "platform_admin": 404, "city": 200})
    check_matrix(world, "post", reverse("archive:import-commit"), {None: LOGIN, "ent_a_reader": 403,
                                                                    "ent_a_admin": 404}, {"token": "x"})


def test_the_navigation_shows_the_archive(assets):
    content = assets.client("park_a_reader").get(reverse("archive:asset-list")).content.decode()
    assert reverse("archive:analysis") in content
    assert reverse("archive:import") not in content  # read-only: no import


def test_an_empty_archive_says_why_and_offers_the_next_action(world):
    content = world.client("ent_a_admin").get(reverse("archive:asset-list")).content.decode()
    assert reverse("archive:import") in content and "empty-state" in content


def test_dates_are_shown_as_yyyy_mm_dd(assets):
    content = assets.client("ent_a_admin").get(assets.asset_a.get_absolute_url()).content.decode()
    assert datetime.date(2020, 3, 1).isoformat() in content
