"""Role matrix for every contract page, the confirmation by page, the .docx export and the list's query count."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from ipcustody.contracts import services
from ipcustody.contracts.models import Contract, ContractStatus
from ipcustody.core.testing import check_matrix, make_contract
from ipcustody.directory.models import ServiceItem

LOGIN = 302


def test_contract_list_matrix(world):
    check_matrix(world, "get", reverse("contracts:contract-list"), {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "city": 200, "district_a": 200, "park_a_reader": 200, "agency_x_reader": 200, "ent_a_reader": 200,
    })


def test_the_list_shows_only_visible_contracts(world):
    html = world.client("agency_y_staff").get(reverse("contracts:contract-list")).content.decode()
    assert "乙企业" in html and "甲企业" not in html


def test_contract_detail_matrix(world):
    url = world.contract_x_a.get_absolute_url()
    check_matrix(world, "get", url, {
        None: LOGIN, "platform_admin": 404, "nomember": 404, "agency_y_staff": 404, "ent_b_admin": 404,
        "park_b_admin": 404, "district_b": 404,
        "city": 200, "district_a": 200, "park_a_reader": 200, "agency_x_reader": 200, "ent_a_reader": 200,
    })


def test_contract_history_and_docx_matrix(world):
    for name in ["contracts:contract-history", "contracts:contract-docx"]:
        check_matrix(world, "get", reverse(name, args=[world.contract_x_a.pk]), {
            None: LOGIN, "platform_admin": 404, "agency_y_staff": 404, "ent_b_admin": 404, "district_b": 404,
            "city": 200, "park_a_reader": 200, "agency_x_reader": 200, "ent_a_reader": 200,
        })


def test_contract_create_matrix(world):
    check_matrix(world, "get", reverse("contracts:contract-create"), {
        None: LOGIN, "platform_admin": 404, "nomember": 404,
        "park_a_reader": 403, "agency_x_admin": 403, "ent_a_admin": 403, "city": 403, "city_granted": 403,
        "district_a": 403, "park_a_staff": 200, "park_a_admin": 200,
    })


def test_contract_edit_matrix(world, draft):
    url = reverse("contracts:contract-edit", args=[draft.pk])
    check_matrix(world, "get", url, {
        None: LOGIN, "agency_x_admin": 404, "ent_a_admin": 404, "park_b_admin": 404, "district_b": 404,
        "park_a_reader": 403, "city": 403, "district_a": 403, "park_a_staff": 200,
    })
    # an active contract is never edited in place (amend it)
    check_matrix(world, "get", reverse("contracts:contract-edit", args=[world.contract_x_a.pk]), {"park_a_staff": 403})


def test_contract_terminate_matrix(world):
    url = reverse("contracts:contract-terminate", args=[world.contract_x_a.pk])
    check_matrix(world, "get", url, {
        None: LOGIN, "agency_y_staff": 404, "park_b_admin": 404,
        "park_a_reader": 403, "agency_x_admin": 403, "ent_a_admin": 403, "city": 403, "park_a_staff": 200,
    })


@pytest.mark.parametrize("action", ["send", "confirm", "complete", "cancel", "amend"])
def test_contract_actions_refuse_anonymous_outsiders_and_readers(world, awaiting, action):
    url = reverse("contracts:contract-action", args=[awaiting.pk, action])
    check_matrix(world, "post", url, {
        None: LOGIN, "platform_admin": 404, "agency_y_staff": 404, "ent_b_admin": 404, "park_b_admin": 404,
        "park_a_reader": 403, "agency_x_reader": 403, "city": 403, "district_a": 403,
    })
    awaiting.refresh_from_db()
    assert awaiting.status == ContractStatus.AWAITING and not awaiting.confirmations.exists()


def test_unknown_actions_are_404(world, awaiting):
    assert world.client("park_a_staff").post(reverse("contracts:contract-action", args=[awaiting.pk, "delete"])).status_code == 404


def test_actions_need_post(world, awaiting):
    assert world.client("park_a_staff").get(reverse("contracts:contract-action", args=[awaiting.pk, "confirm"])).status_code == 405


def test_drafting_sending_and_confirming_through_the_pages(world):
    today = timezone.localdate()
    park = world.client("park_a_staff")
    response = park.post(reverse("contracts:contract-create"), {
        "enterprise": world.ent_a2.pk, "agency": world.agency_x.pk, "custody_form": "single",
        "service_items": [s.pk for s in ServiceItem.objects.filter(code="patent_mining")],
        "start_date": today.isoformat(), "end_date": (today + datetime.timedelta(days=364)).isoformat(),
        "fee": "12000", "payer": "enterprise", "confidentiality": "on", "staff": [world.users["agency_x_staff"].pk],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = Contract.objects.get(enterprise=world.ent_a2, status="draft")
    assert park.post(reverse("contracts:contract-action", args=[contract.pk, "send"])).status_code == 302
    for name in ["park_a_admin", "agency_x_staff"]:
        assert world.client(name).post(reverse("contracts:contract-action", args=[contract.pk, "confirm"])).status_code == 302
    # the same party cannot confirm twice
    assert world.client("agency_x_admin").post(reverse("contracts:contract-action", args=[contract.pk, "confirm"])).status_code == 403
    contract.refresh_from_db()
    assert contract.status == "awaiting"
    page = world.client("park_a_reader").get(contract.get_absolute_url()).content.decode()
    assert page.count("bi-check2") >= 2


def test_a_licence_error_is_shown_next_to_the_agency_field(world):
    from ipcustody.contracts.models import Admission

    today = timezone.localdate()
    Admission.objects.create(park=world.park_a, agency=world.agency_y, valid_from=today, valid_until=today)
    response = world.client("park_a_staff").post(reverse("contracts:contract-create"), {
        "enterprise": world.ent_a2.pk, "agency": world.agency_y.pk, "custody_form": "full",
        "start_date": today.isoformat(), "end_date": today.isoformat(), "fee": "0", "payer": "park",
        "confidentiality": "on",
    })
    assert response.status_code == 400
    assert "专利代理机构执业许可证" in response.content.decode()


def test_the_docx_export_opens_and_holds_the_parties_form_items_and_term(world):
    from docx import Document

    contract = world.contract_x_a
    response = world.client("ent_a_reader").get(reverse("contracts:contract-docx", args=[contract.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for expected in [world.park_a.name, world.agency_x.name, world.ent_a.name, "专利挖掘", "信息分析",
                     contract.start_date.isoformat(), contract.end_date.isoformat()]:
        assert expected in text, expected
    assert str(contract.get_custody_form_display()) in text
    fonts = document.element.xpath("//w:rFonts/@w:eastAsia")
    assert "SimSun" in fonts


def test_the_enterprise_page_shows_its_contracts(world):
    html = world.client("park_a_reader").get(world.ent_a.get_absolute_url()).content.decode()
    assert world.contract_x_a.number in html and 'id="enterprise-contracts"' in html
    html = world.client("park_a_staff").get(world.ent_a.get_absolute_url()).content.decode()
    assert 'id="contract-create"' in html


def test_the_day_after_termination_the_agency_gets_404_on_the_enterprise_pages(world, monkeypatch):
    today = timezone.localdate()
    urls = [world.ent_a.get_absolute_url(), reverse("directory:enterprise-history", args=[world.ent_a.pk])]
    client = world.client("agency_x_staff")
    assert all(client.get(url).status_code == 200 for url in urls)
    services.terminate_contract(world.actor("park_a_staff"), world.contract_x_a, today, "提前终止")
    assert all(client.get(url).status_code == 200 for url in urls)  # the day of termination: still in force
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: tomorrow)
    assert all(client.get(url).status_code == 404 for url in urls)
    # the contract itself stays readable for the agency (its own record)
    assert client.get(world.contract_x_a.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("user", ["city", "park_a_reader"])
def test_the_contract_list_uses_a_bounded_number_of_queries(world, user, django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(30):
        make_contract(world.park_a, world.agency_x, world.ent_a2, today - datetime.timedelta(days=i + 500),
                      today - datetime.timedelta(days=i + 100), status="completed")
    client = world.client(user)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("contracts:contract-list") + "?size=100").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("contracts:contract-list") + "?export=xlsx").status_code == 200


# --- history, number, selection procedure ----------------------------------------------------------------------


def contract_history(world, name, contract):
    response = world.client(name).get(reverse("contracts:contract-history", args=[contract.pk]))
    assert response.status_code == 200, name
    return response


def test_it_hides_the_draft_stage_from_the_agency_and_the_enterprise(world):
    from ipcustody.contracts.models import Admission

    today = timezone.localdate()
    park = world.actor("park_a_staff")
    Admission.objects.create(park=world.park_a, agency=world.agency_y, valid_from=today, valid_until=today)
    # the park's first draft named agency Y and another fee ...
    draft = services.save_contract(
        park, None,
        {"enterprise": world.ent_a, "agency": world.agency_y, "custody_form": "single", "start_date": today,
         "end_date": today, "fee": 98765, "payer": "park", "confidentiality": True},
        service_items=ServiceItem.objects.filter(code="strategy"),
    )
    # ... then agency X and the agreed fee, and sent it
    draft = services.save_contract(park, draft, {"agency": world.agency_x, "fee": 50000},
                                   service_items=ServiceItem.objects.filter(code="strategy"))
    services.send_contract(park, draft)
    services.confirm_contract(world.actor("agency_x_admin"), draft)
    check_matrix(world, "get", reverse("contracts:contract-history", args=[draft.pk]), {
        None: LOGIN, "agency_y_staff": 404, "ent_b_admin": 404, "park_b_admin": 404, "district_b": 404,
        "agency_x_reader": 200, "ent_a_reader": 200, "park_a_reader": 200, "district_a": 200, "city": 200,
    })
    for name in ["agency_x_reader", "ent_a_reader"]:
        html = contract_history(world, name, draft).content.decode()
        assert "98765" not in html and world.agency_y.name not in html, name
        assert "agency_x_admin" in html, name  # the confirmation, after sending, is theirs to read
    for name in ["park_a_reader", "district_a", "city"]:
        html = contract_history(world, name, draft).content.decode()
        assert "98765" in html and world.agency_y.name in html, name


def test_the_history_shows_the_contract_number(world, draft):
    from ipcustody.audit.models import ChangeLogEntry

    assert draft.number
    rows = contract_history(world, "park_a_reader", draft).context["rows"]
    assert any(r["entry"].changes.get("number") == ["", draft.number] for r in rows)
    entry = ChangeLogEntry.objects.get(content_type__model="contract", object_id=str(draft.pk),
                                       changes__has_key="number", action="update")
    assert entry.actor == world.users["park_a_staff"]


def test_it_shows_the_selection_procedure_only_to_who_may_see_it(world):
    procedure = services.save_procedure(
        world.actor("park_a_staff"), None,
        {"kind": "commission", "title": "维权专项委托二〇二七", "admission_from": timezone.localdate(),
         "admission_until": timezone.localdate() + datetime.timedelta(days=365), "appointed_agency": world.agency_x,
         "justification": "紧急维权"},
        service_items=ServiceItem.objects.filter(code="strategy"),
    )
    services.award_procedure(world.actor("park_a_staff"), procedure, [])
    contract = world.contract_x_a
    Contract.objects.filter(pk=contract.pk).update(procedure=procedure)  # fixture: the contract came from it

    def page(name):
        response = world.client(name).get(contract.get_absolute_url())
        assert response.status_code == 200, name
        return response.content.decode()

    assert procedure.title not in page("ent_a_reader")  # an enterprise sees no selection procedure
    for name in ["park_a_reader", "agency_x_reader", "district_a", "city"]:
        assert procedure.title in page(name), name
