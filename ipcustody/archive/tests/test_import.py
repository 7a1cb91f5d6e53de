"""The file import: template, preview with every row's errors by row and column, one atomic commit, re-import
updates instead of duplicating (the issue's import acceptance)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from ipcustody.archive import bulk, services
from ipcustody.archive.models import Asset, AssetEvent, AssetStatus
from ipcustody.audit.models import ChangeLogEntry

from .conftest import app_number

HEADERS = [c.header for c in bulk.COLUMNS]


def patent_row(world, i, **overrides):
    values = {
        "类型": "发明", "企业统一社会信用代码": world.ent_a.credit_code, "名称": f"一种抗体偶联药物及其用途{i}",
        "申请号/注册号": app_number(2020, "1", i + 1), "申请日": datetime.date(2020, 6, 1),
        "权利人": "甲企业", "发明人": "张伟；李芳", "IPC/洛迦诺分类号": "A61K 47/68", "费减比例": 85,
    }
    values.update(overrides)
    return [values.get(h, "") for h in HEADERS]


def workbook_bytes(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_thousand_rows_with_one_bad_row_write_nothing_then_all_then_no_duplicates(world):
    actor = world.actor("agency_x_staff")
    rows = [patent_row(world, i) for i in range(1000)]
    rows[536][HEADERS.index("申请号/注册号")] = "202010000537.0"  # wrong check digit
    preview = services.import_file(actor, workbook_bytes(rows), "a.xlsx", commit=False)
    assert [(e.row, e.column) for e in preview.errors] == [(538, "申请号/注册号")]  # header is row 1
    # the message names the check character the number should have (in the user's language)
    assert app_number(2020, "1", 537)[-1] in str(preview.errors[0].message)
    with pytest.raises(bulk.ImportFailed) as failed:
        services.import_file(actor, workbook_bytes(rows), "a.xlsx", commit=True)
    assert failed.value.result.errors[0].row == 538
    assert Asset.objects.count() == 0 and AssetEvent.objects.count() == 0
    assert not ChangeLogEntry.objects.filter(content_type__app_label="archive").exists()

    rows[536] = patent_row(world, 536)
    result = services.import_file(actor, workbook_bytes(rows), "a.xlsx", commit=True)
    assert (result.created, result.updated) == (1000, 0)
    assert Asset.objects.count() == 1000
    asset = Asset.objects.get(number=app_number(2020, "1", 537))
    assert asset.status == AssetStatus.FILED and asset.produced_by == world.agency_x and asset.main_class == "A61K"
    assert asset.events.get().kind == "filed"
    assert ChangeLogEntry.objects.filter(root_object_id=str(asset.pk), action="create").count() == 2

    again = services.import_file(actor, workbook_bytes(rows), "a.xlsx", commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1000)
    assert Asset.objects.count() == 1000 and AssetEvent.objects.count() == 1000


def test_a_reimport_with_a_grant_updates_and_derives_the_status(world):
    actor = world.actor("ent_a_admin")
    services.import_file(actor, workbook_bytes([patent_row(world, 1)]), "a.xlsx", commit=True)
    granted = patent_row(world, 1, **{"授权公告号": "CN111111111B", "授权日/注册日": "2022-03-04",
                                      "公开号": "CN111111111A", "公开日/初审公告日": "2020-10-01"})
    try:
        result = services.import_file(actor, workbook_bytes([granted]), "a.xlsx", commit=True)
    except bulk.ImportFailed as exc:
        raise AssertionError(exc.result.errors) from exc
    assert result.updated == 1
    asset = Asset.objects.get()
    assert asset.status == AssetStatus.IN_FORCE and asset.events.count() == 3
    lapsed = patent_row(world, 1, **{"法律事件": "未缴年费终止", "事件日期": "2024-07-01"})
    services.import_file(actor, workbook_bytes([lapsed]), "a.xlsx", commit=True)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.LAPSED


def test_errors_are_named_by_row_and_column_for_every_kind_of_mistake(world):
    rows = [
        patent_row(world, 0, **{"申请日": "2021-06-01"}),  # year differs from the number
        patent_row(world, 1, **{"类型": "专利"}),
        patent_row(world, 2, **{"企业统一社会信用代码": world.ent_b.credit_code}),  # not writable
        ["商标", world.ent_a.credit_code, "甲牌", "12345678", "2020-01-01", "", "", "", "", "", "", "", "46"],
        patent_row(world, 4, **{"授权日/注册日": "2019-01-01", "授权公告号": "CN111111111B"}),  # grant before filing
        patent_row(world, 1),  # duplicate of row 3 in the file (same number)
        patent_row(world, 6, **{"申请日": "2020-13-45"}),
    ]
    result = services.import_file(world.actor("ent_a_admin"), workbook_bytes(rows), "a.xlsx", commit=False)
    found = {(e.row, e.column) for e in result.errors}
    assert {(2, "申请号/注册号"), (3, "类型"), (4, "企业统一社会信用代码"), (5, "尼斯分类"), (6, "授权日/注册日"),
            (8, "申请日")} <= found


def test_a_duplicate_number_within_the_file_is_reported(world):
    rows = [patent_row(world, 0), patent_row(world, 0)]
    result = services.import_file(world.actor("ent_a_admin"), workbook_bytes(rows), "a.xlsx", commit=False)
    assert [(e.row, e.column) for e in result.errors] == [(3, "申请号/注册号")]


def test_csv_in_utf8_or_gb18030_is_read_too(world):
    lines = [",".join(HEADERS), ",".join(str(v) for v in patent_row(world, 3))]
    for encoding in ("utf-8-sig", "gb18030"):
        data = io.BytesIO("\n".join(lines).encode(encoding))
        result = services.import_file(world.actor("ent_a_admin"), data, "a.csv", commit=False)
        assert result.ok and result.created == 1


def test_a_file_without_the_template_columns_is_refused(world):
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["foo", "bar"])
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(bulk.FileFormatError):
        services.import_file(world.actor("ent_a_admin"), buffer, "a.xlsx", commit=False)


def test_read_only_roles_cannot_import(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_file(world.actor("park_a_reader"), workbook_bytes([patent_row(world, 0)]), "a.xlsx", commit=True)


def test_the_template_has_the_chinese_headers(world):
    response = world.client("ent_a_admin").get(reverse("archive:import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS


def test_the_pages_preview_then_commit(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = world.client("ent_a_admin")
    rows = [patent_row(world, i) for i in range(3)]
    rows[1][HEADERS.index("申请日")] = "not a date"
    upload = workbook_bytes(rows)
    upload.name = "archive.xlsx"
    response = client.post(reverse("archive:import"), {"file": upload})
    assert response.status_code == 400
    content = response.content.decode()
    assert "import-errors" in content and "申请日" in content and Asset.objects.count() == 0
    rows[1] = patent_row(world, 1)
    upload = workbook_bytes(rows)
    upload.name = "archive.xlsx"
    response = client.post(reverse("archive:import"), {"file": upload})
    assert response.status_code == 200 and Asset.objects.count() == 0
    token = response.context["token"]
    assert world.client("park_a_staff").post(reverse("archive:import-commit"), {"token": token}).status_code == 404
    response = client.post(reverse("archive:import-commit"), {"token": token})
    assert response.status_code == 302 and Asset.objects.count() == 3


def test_the_export_holds_exactly_the_filtered_rows(world):
    services.import_file(world.actor("ent_a_admin"), workbook_bytes([patent_row(world, i) for i in range(12)]),
                         "a.xlsx", commit=True)
    response = world.client("park_a_reader").get(reverse("archive:asset-list") + "?q=用途1&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == sorted(f"一种抗体偶联药物及其用途{i}" for i in (1, 10, 11))
