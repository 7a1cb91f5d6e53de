"""Agency selection to signed contract in the browser: tender, invitation and commission each end to end, ending in
a contract confirmed by all three parties (each party logs in and confirms in turn)."""

import datetime

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date.today()


def logout(page):
    page.context.clear_cookies()


def create_procedure(page, kind, title, items, agency=None):
    page.goto(page.base_url + f"/contracts/procedures/new/?kind={kind}")
    page.fill("#id_title", title)
    for code in items:
        page.locator("#id_service_items input[type=checkbox]").nth(code).check()
    page.fill("#id_bid_deadline", (TODAY + datetime.timedelta(days=10)).isoformat())
    page.fill("#id_admission_from", TODAY.isoformat())
    page.fill("#id_admission_until", (TODAY + datetime.timedelta(days=730)).isoformat())
    if agency:
        page.select_option("#id_appointed_agency", label=agency)
        page.fill("#id_justification", "紧急维权案件，直接委托。")
    page.click("#save")
    page.wait_for_selector("#procedure-status")


def draft_and_sign(page, agency_name, enterprise_name, name):
    """The park drafts a contract with the admitted agency, sends it; the three parties confirm in turn."""
    from ipcustody.directory.models import Agency

    agency = Agency.objects.get(name=agency_name)
    page.click(f"#draft-contract-{agency.pk}")
    page.select_option("#id_enterprise", label=enterprise_name)
    page.select_option("#id_custody_form", "single")
    page.locator("#id_service_items input[type=checkbox]").nth(0).check()
    page.fill("#id_fee", "36000")
    page.click("#save")
    page.wait_for_selector("#contract-status")
    screenshot(page, f"{name}-contract-draft")
    page.click("#send")
    page.wait_for_selector("#awaiting-note")
    url = page.url
    for user in ["park", "agency_admin", "enterprise"]:
        logout(page)
        login(page, user)
        page.goto(url)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#confirm")
        page.wait_for_selector(".alert-success")
        screenshot(page, f"{name}-confirmed-by-{user}")
    assert page.locator("#contract-status").inner_text() in {"生效", "Active", "有效"} or "status-active" in (
        page.locator("#contract-status").get_attribute("class"))
    return url


def test_a_commission_ends_in_a_signed_contract(demo, page):
    login(page, "park")
    create_procedure(page, "commission", "委托：制度建设专项", [5], agency="上海华诚知识产权代理有限公司")
    screenshot(page, "commission-draft")
    page.click("#award")
    page.fill("#id_note", "园区管委会决定直接委托。")
    page.click("#save")
    page.wait_for_selector("#admissions-table")
    screenshot(page, "commission-awarded")
    draft_and_sign(page, "上海华诚知识产权代理有限公司", "上海君实生物医药科技有限公司", "commission")


def test_an_invitation_ends_in_a_signed_contract(demo, page):
    login(page, "park")
    create_procedure(page, "invitation", "邀请：信息分析服务", [0])
    page.click("#invite")
    page.select_option("#id_agency", label="上海华诚知识产权代理有限公司")
    page.click("#save")
    page.click("#send-invitations")
    page.wait_for_selector("#invitations-table")
    screenshot(page, "invitation-sent")
    url = page.url
    logout(page)
    login(page, "agency_admin")
    page.goto(url)
    page.click("[id^=answer-]")
    page.fill("#id_note", "愿意参加")
    page.click("#accept")
    page.wait_for_selector("#invitations-table")
    screenshot(page, "invitation-accepted")
    logout(page)
    login(page, "park")
    page.goto(url)
    page.click("#award")
    page.locator("#id_agencies input[type=checkbox]").first.check()
    page.click("#save")
    page.wait_for_selector("#admissions-table")
    draft_and_sign(page, "上海华诚知识产权代理有限公司", "上海君实生物医药科技有限公司", "invitation")


def test_a_tender_ends_in_a_signed_contract(demo, page):
    login(page, "park")
    create_procedure(page, "tender", "招标：专利挖掘与撰写", [1, 3])
    url = page.url
    page.click("#criteria")
    page.fill("#id_criteria-0-name", "服务方案")
    page.fill("#id_criteria-0-weight", "60")
    page.fill("#id_criteria-1-name", "报价")
    page.fill("#id_criteria-1-weight", "40")
    page.click("#save")
    page.click("#announce")
    page.wait_for_selector(".alert-success")
    screenshot(page, "tender-announced")
    logout(page)
    login(page, "agency_admin")
    page.goto(url)
    page.click("#bid")
    page.fill("#id_price", "150000")
    page.fill("#id_proposal", "专利挖掘与申请文件撰写方案")
    page.click("#save")
    page.wait_for_selector("#bids-table")
    screenshot(page, "tender-bid")
    logout(page)
    login(page, "park")
    page.goto(url)
    page.click("#close-bids")
    page.wait_for_selector("#scores")
    page.click("#scores")
    page.fill("#id_panel_member", "专家甲")
    for field in page.locator("input[name^=s_]").all():
        field.fill("88")
    screenshot(page, "tender-scores")
    page.click("#save")
    page.wait_for_selector("#bids-table")
    screenshot(page, "tender-ranking")
    page.click("#award")
    page.locator("#id_agencies input[type=checkbox]").first.check()
    page.click("#save")
    page.wait_for_selector("#admissions-table")
    draft_and_sign(page, "上海华诚知识产权代理有限公司", "上海君实生物医药科技有限公司", "tender")
