"""From a warning on the home page to marking the deadline done (issue: deadlines and early warning)."""

import datetime

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def annuity_due_soon(demo):
    """A granted invention of the demo park's enterprise whose next annual fee is due in five days."""
    from ipcustody.archive.models import Asset, AssetEvent
    from ipcustody.archive.numbers import check_character
    from ipcustody.directory.models import Enterprise
    from ipcustody.docketing.models import Deadline
    from ipcustody.docketing.services import recompute

    today = datetime.date.today()
    owner = Enterprise.objects.get(name__startswith="上海君实")
    filed = today.replace(year=today.year - 5) + datetime.timedelta(days=5)
    digits = f"{filed.year}1{9_999_001:07d}"
    asset = Asset.objects.create(owner=owner, kind="invention", title="一种双特异性抗体（预警演示）",
                                 number=f"{digits}.{check_character(digits)}", filing_date=filed,
                                 grant_date=filed + datetime.timedelta(days=500), status="in_force")
    AssetEvent.objects.create(asset=asset, kind="filed", date=filed, date_field="filing_date")
    AssetEvent.objects.create(asset=asset, kind="granted", date=asset.grant_date, date_field="grant_date")
    for year in range(3, 6):
        AssetEvent.objects.create(asset=asset, kind="annuity_paid", date=filed.replace(year=filed.year + year - 1),
                                  note=f"第{year}年年费")
    recompute([asset.pk])
    deadline = Deadline.objects.get(asset=asset, kind="annuity", status="open")
    assert deadline.year == 6 and (deadline.due_date - today).days <= 7
    return deadline


def test_a_park_follows_a_warning_from_home_to_marking_it_done(annuity_due_soon, page):
    login(page, "park")
    panel = page.locator("#warning-panel")
    assert panel.is_visible()
    screenshot(page, "deadlines-home-park")
    panel.get_by_text("一种双特异性抗体（预警演示）").locator("xpath=ancestor::tr").locator("a.warning-link").click()
    page.wait_for_url(f"{page.base_url}/deadlines/{annuity_due_soon.pk}/")
    assert annuity_due_soon.asset.filing_date.isoformat() in page.locator("#explanation").inner_text()
    assert "IR Rule 115" in page.locator("#rule").text_content()  # the full computation, folded
    screenshot(page, "deadline-detail-park")
    page.fill("#id_done_on", datetime.date.today().isoformat())
    page.fill("#id_note", "网银缴费，回单见附件")
    page.set_input_files("#id_evidence", files=[{"name": "receipt.pdf", "mimeType": "application/pdf",
                                                  "buffer": b"%PDF-1.4 payment receipt"}])
    page.click("#mark-done-submit")
    page.wait_for_url(f"{page.base_url}/deadlines/{annuity_due_soon.pk}/")
    assert page.locator(".alert-success").is_visible()
    assert page.locator("#mark-done").count() == 0
    screenshot(page, "deadline-done-park")
    # the next year's fee is now the open deadline, and the payment is on the asset's record
    from ipcustody.docketing.models import Deadline

    following = Deadline.objects.get(asset=annuity_due_soon.asset, kind="annuity", status="open")
    assert following.year == 7
    page.goto(f"{page.base_url}/deadlines/?q=预警演示")
    assert "第 7 年" in page.locator("#list-results").inner_text()
    screenshot(page, "deadline-list-park")
