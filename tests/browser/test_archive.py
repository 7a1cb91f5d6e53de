"""The archive in a browser: import a file with an error, see the error by row and column, fix it, import, and
find an asset by a Chinese word from the middle of its title."""

from __future__ import annotations

import datetime

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def write_file(path, enterprise, rows):
    from openpyxl import Workbook

    from ipcustody.archive import bulk

    workbook = Workbook()
    sheet = workbook.active
    headers = [c.header for c in bulk.COLUMNS]
    sheet.append(headers)
    for values in rows:
        values = {"企业统一社会信用代码": enterprise.credit_code, **values}
        sheet.append([values.get(h, "") for h in headers])
    workbook.save(path)


def patent(serial: int, title: str, **extra):
    from ipcustody.archive import numbers

    digits = f"2022{'1'}{serial:07d}"
    return {"类型": "发明", "名称": title, "申请号/注册号": f"{digits}.{numbers.check_character(digits)}",
            "申请日": datetime.date(2022, 5, 10), "发明人": "周敏；吴磊", "IPC/洛迦诺分类号": "A61K 39/395", **extra}


def test_import_fix_an_error_and_find_the_asset_by_search(demo, page, tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ipcustody.accounts.services import active_membership
    from ipcustody.archive.models import Asset
    from ipcustody.core.actor import Actor
    from ipcustody.directory.models import Enterprise

    call_command("load_archive_demo", stdout=open("/dev/null", "w"))
    user = get_user_model().objects.get(username="agency")
    enterprise = Enterprise.objects.visible_to(Actor(user, active_membership(user, None))).order_by("pk").first()
    before = Asset.objects.count()
    rows = [
        patent(812301, "一种靶向Claudin18.2的双特异性抗体及其制备方法"),
        patent(812302, "一种皮下注射用胰岛素类似物制剂"),
        patent(812303, "一种肿瘤新抗原多肽疫苗及其应用"),
    ]
    bad = [dict(r) for r in rows]
    bad[1]["申请号/注册号"] = bad[1]["申请号/注册号"][:-1] + ("0" if bad[1]["申请号/注册号"][-1] != "0" else "1")
    write_file(tmp_path / "archive.xlsx", enterprise, bad)

    login(page, "agency")
    page.goto(page.base_url + "/archive/")
    screenshot(page, "archive-list-agency")
    page.click("#import")
    page.set_input_files("#id_file", str(tmp_path / "archive.xlsx"))
    page.click("#upload")
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 1
    assert errors.first.locator("td").nth(0).inner_text() == "3"
    assert errors.first.locator("td").nth(1).inner_text() == "申请号/注册号"
    assert page.locator("#commit").count() == 0
    screenshot(page, "archive-import-error")
    assert Asset.objects.count() == before

    write_file(tmp_path / "archive.xlsx", enterprise, rows)
    page.set_input_files("#id_file", str(tmp_path / "archive.xlsx"))
    page.click("#upload")
    assert page.locator("#preview-ok").is_visible()
    screenshot(page, "archive-import-preview")
    page.click("#commit")
    page.wait_for_url("**/archive/**")
    assert Asset.objects.count() == before + 3
    screenshot(page, "archive-import-done")

    page.fill("#id_q", "胰岛素")  # from the middle of 一种皮下注射用胰岛素类似物制剂
    page.click("#filter-submit")
    page.wait_for_function("document.querySelectorAll('#asset-table tbody tr').length === 1")
    link = page.locator("#asset-table tbody tr td a").first
    assert link.inner_text() == "一种皮下注射用胰岛素类似物制剂"
    screenshot(page, "archive-search")
    link.click()
    page.wait_for_url("**/archive/*/")
    assert page.locator("#asset-status").inner_text() == "已申请"  # derived from the imported filing date
    screenshot(page, "archive-detail")

    page.goto(page.base_url + f"/archive/analysis/?owner={enterprise.pk}")
    page.wait_for_selector("#chart-years canvas")
    screenshot(page, "archive-analysis")


def test_a_park_reader_sees_the_archive_without_write_actions(demo, page):
    from django.core.management import call_command

    call_command("load_archive_demo", stdout=open("/dev/null", "w"))
    login(page, "park_viewer")
    page.goto(page.base_url + "/archive/")
    assert page.locator("#asset-table tbody tr").count() > 0
    assert page.locator("#import").count() == 0 and page.locator("#create").count() == 0
    screenshot(page, "archive-list-park-viewer")
    page.goto(page.base_url + "/archive/analysis/")
    page.wait_for_selector("#chart-status canvas")
    screenshot(page, "archive-analysis-park-viewer")
