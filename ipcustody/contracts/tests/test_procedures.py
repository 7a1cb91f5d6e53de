"""Selection procedures end to end (tender, invitation, commission) and who sees and does what in them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ipcustody.contracts import services
from ipcustody.contracts.models import Admission, Bid, Procedure, ProcedureStatus
from ipcustody.core.testing import check_matrix
from ipcustody.directory.models import ServiceItem

LOGIN = 302


def make(world, kind, **extra):
    today = timezone.localdate()
    data = {"kind": kind, "title": f"{kind} 2027", "bid_deadline": today + datetime.timedelta(days=10),
            "admission_from": today, "admission_until": today + datetime.timedelta(days=730), **extra}
    items = extra.pop("items", ServiceItem.objects.filter(code__in=["patent_mining", "strategy"]))
    data.pop("items", None)
    return services.save_procedure(world.actor("park_a_staff"), None, data, service_items=items)


@pytest.fixture
def tender(world):
    procedure = make(world, "tender")
    services.set_criteria(world.actor("park_a_staff"), procedure, [("方案", 60), ("报价", 40)])
    return procedure


def test_a_tender_runs_from_announcement_to_award(world, tender):
    park = world.actor("park_a_staff")
    services.open_procedure(park, tender)
    bid = services.submit_bid(world.actor("agency_x_staff"), tender, {"price": Decimal(100000), "proposal": "方案"})
    with pytest.raises(ValidationError):  # agency Y has no patent licence; the tender includes patent mining
        services.submit_bid(world.actor("agency_y_staff"), tender, {"price": Decimal(90000), "proposal": "方案"})
    services.close_bidding(park, tender)
    criteria = list(tender.criteria.all())
    services.record_scores(park, tender, "专家甲", {(bid.pk, criteria[0].pk): 90, (bid.pk, criteria[1].pk): 80})
    services.record_scores(park, tender, "专家乙", {(bid.pk, criteria[0].pk): 70, (bid.pk, criteria[1].pk): 80})
    [result] = services.tender_ranking(tender)
    assert result.total == Decimal("80.00") and result.complete
    services.award_procedure(park, tender, [world.agency_x], "综合得分第一")
    tender.refresh_from_db()
    assert tender.status == ProcedureStatus.AWARDED
    assert Admission.objects.filter(park=world.park_a, agency=world.agency_x, procedure=tender).exists()
    assert Bid.objects.get(pk=bid.pk).status == "awarded"


def test_a_tender_cannot_be_announced_without_criteria_adding_up_to_100(world):
    procedure = make(world, "tender")
    with pytest.raises(ValidationError):
        services.open_procedure(world.actor("park_a_staff"), procedure)
    with pytest.raises(ValidationError):
        services.set_criteria(world.actor("park_a_staff"), procedure, [("方案", 50)])


def test_a_bidder_sees_only_its_own_bid(world, tender):
    services.open_procedure(world.actor("park_a_staff"), tender)
    services.submit_bid(world.actor("agency_x_staff"), tender, {"price": 1, "proposal": "x"})
    assert list(services.visible_bids(world.actor("agency_y_staff"), tender)) == []
    assert len(services.visible_bids(world.actor("park_a_reader"), tender)) == 1
    html = world.client("agency_y_staff").get(tender.get_absolute_url()).content.decode()
    assert world.agency_x.name not in html


def test_an_invitation_runs_from_invitations_to_award(world):
    park = world.actor("park_a_staff")
    procedure = make(world, "invitation", items=ServiceItem.objects.filter(code="strategy"))
    x = services.invite_agency(park, procedure, world.agency_x)
    y = services.invite_agency(park, procedure, world.agency_y)
    assert not Procedure.objects.visible_to(world.actor("agency_x_staff")).filter(pk=procedure.pk).exists()
    services.open_procedure(park, procedure)
    assert Procedure.objects.visible_to(world.actor("agency_x_staff")).filter(pk=procedure.pk).exists()
    services.answer_invitation(world.actor("agency_x_staff"), x, accept=True)
    services.answer_invitation(world.actor("agency_y_staff"), y, accept=False, note="满员")
    with pytest.raises(ValidationError):  # declined agencies cannot be chosen
        services.award_procedure(park, procedure, [world.agency_y])
    services.award_procedure(park, procedure, [world.agency_x])
    assert Admission.objects.filter(agency=world.agency_x, procedure=procedure).exists()


def test_an_invitation_is_answered_once_and_only_by_the_invited_agency(world):
    park = world.actor("park_a_staff")
    procedure = make(world, "invitation")
    invitation = services.invite_agency(park, procedure, world.agency_x)
    services.open_procedure(park, procedure)
    with pytest.raises(PermissionDenied):
        services.answer_invitation(world.actor("agency_y_staff"), invitation, True)
    with pytest.raises(PermissionDenied):
        services.answer_invitation(world.actor("agency_x_reader"), invitation, True)
    services.answer_invitation(world.actor("agency_x_admin"), invitation, True)
    with pytest.raises(PermissionDenied):
        services.answer_invitation(world.actor("agency_x_admin"), invitation, False)


def test_a_commission_needs_a_justification_and_a_licensed_agency_for_patent_items(world):
    with pytest.raises(ValidationError) as exc:
        make(world, "commission", appointed_agency=world.agency_y, justification="")
    assert {"justification", "appointed_agency"} <= set(exc.value.message_dict)
    procedure = make(world, "commission", appointed_agency=world.agency_x, justification="紧急维权")
    services.award_procedure(world.actor("park_a_staff"), procedure, [])
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.AWARDED
    assert Admission.objects.filter(agency=world.agency_x, procedure=procedure).exists()
    assert Procedure.objects.visible_to(world.actor("agency_x_staff")).filter(pk=procedure.pk).exists()
    assert not Procedure.objects.visible_to(world.actor("agency_y_staff")).filter(pk=procedure.pk).exists()


@pytest.mark.parametrize("name", ["park_a_reader", "agency_x_admin", "ent_a_admin", "city", "park_b_admin"])
def test_only_the_parks_writers_run_its_procedures(world, tender, name):
    with pytest.raises(PermissionDenied):
        services.open_procedure(world.actor(name), tender)


@pytest.mark.parametrize("name, visible", [
    ("city", True), ("district_a", True), ("district_b", False), ("park_a_reader", True), ("park_b_admin", False),
    ("agency_x_staff", False), ("ent_a_admin", False),
])
def test_who_sees_a_draft_tender(world, tender, name, visible):
    assert Procedure.objects.visible_to(world.actor(name)).filter(pk=tender.pk).exists() is visible


def test_an_announced_tender_is_public_to_agencies_but_not_to_enterprises(world, tender):
    services.open_procedure(world.actor("park_a_staff"), tender)
    assert Procedure.objects.visible_to(world.actor("agency_y_staff")).filter(pk=tender.pk).exists()
    assert not Procedure.objects.visible_to(world.actor("ent_a_admin")).filter(pk=tender.pk).exists()


def test_procedure_pages_matrix(world, tender):
    check_matrix(world, "get", reverse("contracts:procedure-list"), {
        None: LOGIN, "platform_admin": 404, "nomember": 404, "city": 200, "park_a_reader": 200,
        "agency_x_reader": 200, "ent_a_reader": 200,
    })
    check_matrix(world, "get", tender.get_absolute_url(), {
        None: LOGIN, "park_b_admin": 404, "district_b": 404, "agency_x_staff": 404, "ent_a_admin": 404,
        "city": 200, "district_a": 200, "park_a_reader": 200,
    })
    check_matrix(world, "get", reverse("contracts:procedure-history", args=[tender.pk]), {
        None: LOGIN, "park_b_admin": 404, "agency_x_staff": 404, "park_a_reader": 200, "city": 200,
    })
    check_matrix(world, "get", reverse("contracts:procedure-create"), {
        None: LOGIN, "park_a_reader": 403, "agency_x_admin": 403, "ent_a_admin": 403, "city": 403, "park_a_staff": 200,
    })
    for name in ["procedure-edit", "procedure-criteria"]:
        check_matrix(world, "get", reverse(f"contracts:{name}", args=[tender.pk]), {
            None: LOGIN, "park_b_admin": 404, "agency_x_staff": 404, "park_a_reader": 403, "city": 403,
            "park_a_staff": 200,
        })
    for name in ["procedure-invite", "procedure-scores", "procedure-award", "procedure-bid"]:
        check_matrix(world, "get", reverse(f"contracts:{name}", args=[tender.pk]), {
            None: LOGIN, "park_b_admin": 404, "agency_x_staff": 404, "park_a_reader": 403, "park_a_staff": 403,
        })
    check_matrix(world, "post", reverse("contracts:procedure-action", args=[tender.pk, "open"]), {
        None: LOGIN, "park_b_admin": 404, "agency_x_staff": 404, "park_a_reader": 403, "city": 403,
    })
    services.open_procedure(world.actor("park_a_staff"), tender)
    check_matrix(world, "get", reverse("contracts:procedure-bid", args=[tender.pk]), {
        None: LOGIN, "ent_a_admin": 404, "agency_x_reader": 403, "park_a_staff": 403, "agency_x_staff": 200,
        "agency_y_staff": 200,
    })


def test_invitation_answer_page_matrix(world):
    park = world.actor("park_a_staff")
    procedure = make(world, "invitation")
    invitation = services.invite_agency(park, procedure, world.agency_x)
    services.open_procedure(park, procedure)
    check_matrix(world, "get", reverse("contracts:invitation-answer", args=[invitation.pk]), {
        None: LOGIN, "agency_y_staff": 404, "ent_a_admin": 404, "park_b_admin": 404,
        "agency_x_reader": 403, "park_a_staff": 403, "agency_x_staff": 200,
    })
    assert world.client("agency_x_staff").post(reverse("contracts:invitation-answer", args=[invitation.pk]),
                                               {"answer": "accept", "note": "好"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_a_bid_document_is_served_only_to_who_may_see_the_bid(world, tender, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    services.open_procedure(world.actor("park_a_staff"), tender)
    upload = SimpleUploadedFile("投标书.pdf", b"%PDF-1.4 bid", content_type="application/pdf")
    bid = services.submit_bid(world.actor("agency_x_staff"), tender, {"price": 1, "proposal": "x", "document": upload})
    url = reverse("contracts:bid-document", args=[tender.pk, bid.pk])
    check_matrix(world, "get", url, {None: LOGIN, "agency_y_staff": 404, "ent_a_admin": 404, "park_b_admin": 404,
                                     "agency_x_reader": 200, "park_a_reader": 200, "district_a": 200})
    assert b"%PDF-1.4 bid" in b"".join(world.client("park_a_reader").get(url).streaming_content)
    from ipcustody.audit.models import ChangeLogEntry

    entry = ChangeLogEntry.objects.filter(content_type__model="bid", action="create").latest("pk")
    assert entry.changes["document"][1].endswith(".pdf")


# --- history, admissions, bid transitions, invitation scope, allowed steps, score sheet ----------------------------


def strategy_tender(world, title="战略咨询招标"):
    """A tender on a non-patent item (both agencies may bid), criteria published, announced."""
    procedure = make(world, "tender", title=title, items=ServiceItem.objects.filter(code="strategy"))
    services.set_criteria(world.actor("park_a_staff"), procedure, [("方案", 60), ("报价", 40)])
    services.open_procedure(world.actor("park_a_staff"), procedure)
    return procedure


def score_all(world, procedure, panel_member="专家甲", value=80):
    values = {(b.pk, c.pk): value for b in procedure.bids.all() for c in procedure.criteria.all()}
    services.record_scores(world.actor("park_a_staff"), procedure, panel_member, values)


def awarded_to_x(world):
    """Both agencies bid; the panel scores; the park awards agency X only."""
    park = world.actor("park_a_staff")
    procedure = strategy_tender(world)
    services.submit_bid(world.actor("agency_x_staff"), procedure, {"price": 100000, "proposal": "X方案"})
    services.submit_bid(world.actor("agency_y_staff"), procedure, {"price": 90000, "proposal": "Y方案"})
    services.close_bidding(park, procedure)
    score_all(world, procedure)
    return services.award_procedure(park, procedure, [world.agency_x], "综合评审")


def history_html(world, name, procedure):
    response = world.client(name).get(reverse("contracts:procedure-history", args=[procedure.pk]))
    assert response.status_code == 200, name
    return response.content.decode()


def test_it_hides_other_bids_scores_and_the_draft_from_a_non_bidding_agency(world, tender):
    park = world.actor("park_a_staff")
    # the park's drafting: a first description it changed before the announcement
    services.save_procedure(park, tender, {"description": "内部预算上限八十万", "bid_deadline": tender.bid_deadline},
                            service_items=tender.service_items.all())
    services.save_procedure(park, tender, {"description": "公开招标公告", "bid_deadline": tender.bid_deadline},
                            service_items=tender.service_items.all())
    services.open_procedure(park, tender)
    # after the announcement agency Y (not bidding) reads the procedure's own history, not the park's draft
    check_matrix(world, "get", reverse("contracts:procedure-history", args=[tender.pk]), {
        None: LOGIN, "ent_a_admin": 404, "park_b_admin": 404, "district_b": 404,
        "agency_y_staff": 200, "agency_x_reader": 200, "park_a_reader": 200, "district_a": 200, "city": 200,
    })
    html = history_html(world, "agency_y_staff", tender)
    assert 'id="history-table"' in html  # the announcement itself is there
    assert "内部预算上限八十万" not in html
    # agency X bids; the panel scores
    services.submit_bid(world.actor("agency_x_staff"), tender, {"price": Decimal("123456"), "proposal": "X机密方案"})
    services.close_bidding(park, tender)
    score_all(world, tender, panel_member="评委张三")
    html = history_html(world, "agency_y_staff", tender)
    for secret in ["123456", "X机密方案", "评委张三", world.agency_x.name, "内部预算上限八十万"]:
        assert secret not in html, secret
    # the bidder reads its own bid, not the panel's scores
    html = history_html(world, "agency_x_reader", tender)
    assert "123456" in html and "X机密方案" in html
    assert "评委张三" not in html and "内部预算上限八十万" not in html
    # the park running it and the authorities above read everything
    for name in ["park_a_reader", "district_a", "city"]:
        html = history_html(world, name, tender)
        assert all(s in html for s in ["123456", "X机密方案", "评委张三", "内部预算上限八十万"]), name


def test_it_hides_other_agencies_invitations_from_an_invited_agency(world):
    park = world.actor("park_a_staff")
    procedure = make(world, "invitation", items=ServiceItem.objects.filter(code="strategy"))
    services.invite_agency(park, procedure, world.agency_x)
    services.invite_agency(park, procedure, world.agency_y)
    services.open_procedure(park, procedure)
    html = history_html(world, "agency_y_staff", procedure)
    assert world.agency_y.name in html and world.agency_x.name not in html
    assert world.agency_x.name in history_html(world, "park_a_reader", procedure)


def test_it_shows_admitted_agencies_only_to_the_park_the_authorities_and_the_agency_itself(world):
    procedure = awarded_to_x(world)

    def admitted(name):
        return [a.agency for a in world.client(name).get(procedure.get_absolute_url()).context["admissions"]]

    assert admitted("park_a_reader") == [world.agency_x]
    assert admitted("city") == [world.agency_x]
    assert admitted("agency_x_staff") == [world.agency_x]
    assert admitted("agency_y_staff") == []  # the losing bidder sees the announced tender, not who was admitted
    html = world.client("agency_y_staff").get(procedure.get_absolute_url()).content.decode()
    assert world.agency_x.name not in html


def test_a_bid_cannot_be_awarded_twice(world):
    from ipcustody.audit.services import acting_as
    from ipcustody.contracts.models import BidStatus
    from ipcustody.contracts.services import StaleStatus

    park = world.actor("park_a_staff")
    procedure = strategy_tender(world)
    bid = services.submit_bid(world.actor("agency_x_staff"), procedure, {"price": 1, "proposal": "x"})
    stale = Bid.objects.get(pk=bid.pk)  # read before the award: still "submitted"
    services.close_bidding(park, procedure)
    score_all(world, procedure)
    services.award_procedure(park, procedure, [world.agency_x])
    bid.refresh_from_db()
    assert bid.status == BidStatus.AWARDED
    with pytest.raises(ValidationError):
        services.award_procedure(park, procedure, [world.agency_x])
    with pytest.raises(ValidationError), acting_as(park):
        services.transition_bid(park, bid, BidStatus.AWARDED)
    with pytest.raises(StaleStatus), acting_as(park):  # the guarded UPDATE … WHERE status = 'submitted' finds no row
        services.transition_bid(park, stale, BidStatus.NOT_AWARDED)
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.AWARDED
    assert Admission.objects.filter(procedure=procedure).count() == 1
    from ipcustody.audit.models import ChangeLogEntry

    logged = ChangeLogEntry.objects.filter(content_type__model="bid", object_id=str(bid.pk), action="update")
    assert [e.changes["status"] for e in logged] == [["submitted", "awarded"]]


def test_an_award_refuses_a_bid_already_decided(world):
    park = world.actor("park_a_staff")
    procedure = strategy_tender(world)
    bid = services.submit_bid(world.actor("agency_x_staff"), procedure, {"price": 1, "proposal": "x"})
    services.close_bidding(park, procedure)
    score_all(world, procedure)
    Bid.objects.filter(pk=bid.pk).update(status="not_awarded")  # decided behind the award's back
    with pytest.raises(ValidationError):
        services.award_procedure(park, procedure, [world.agency_x])
    assert Procedure.objects.get(pk=procedure.pk).status == ProcedureStatus.EVALUATING  # rolled back whole
    assert Bid.objects.get(pk=bid.pk).status == "not_awarded"
    assert not Admission.objects.filter(procedure=procedure).exists()


def test_a_bid_cannot_be_awarded_after_the_procedure_is_cancelled(world):
    from ipcustody.audit.services import acting_as
    from ipcustody.contracts.models import BidStatus

    park = world.actor("park_a_staff")
    procedure = strategy_tender(world)
    bid = services.submit_bid(world.actor("agency_x_staff"), procedure, {"price": 1, "proposal": "x"})
    services.cancel_procedure(park, procedure, "预算取消")
    bid.refresh_from_db()
    assert bid.status == BidStatus.NOT_AWARDED
    with pytest.raises(ValidationError):
        services.award_procedure(park, procedure, [world.agency_x])
    with pytest.raises(ValidationError), acting_as(park):
        services.transition_bid(park, bid, BidStatus.AWARDED)
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.NOT_AWARDED
    assert not Admission.objects.filter(procedure=procedure).exists()


def test_invitations_are_seen_by_the_park_the_authorities_and_the_invited_agency_once_sent(world):
    from ipcustody.contracts.models import Invitation

    park = world.actor("park_a_staff")
    procedure = make(world, "invitation", items=ServiceItem.objects.filter(code="strategy"))
    x = services.invite_agency(park, procedure, world.agency_x)
    y = services.invite_agency(park, procedure, world.agency_y)

    def seen(name):
        return set(Invitation.objects.visible_to(world.actor(name)).filter(procedure=procedure))

    assert seen("park_a_reader") == seen("district_a") == seen("city") == {x, y}
    assert seen("agency_x_staff") == set()  # the park still drafts the procedure
    for name in ["park_b_admin", "district_b", "ent_a_admin"]:
        assert seen(name) == set(), name
    services.open_procedure(park, procedure)
    assert seen("agency_x_staff") == {x} and seen("agency_y_staff") == {y}


def test_inviting_rechecks_the_scope_of_the_new_invitation(world, monkeypatch):
    from ipcustody.contracts.models import Invitation
    from ipcustody.contracts.services import procedures as procedure_services

    procedure = make(world, "invitation")
    # even if a permission check let another park's writer through, the scope re-check rolls the invitation back
    monkeypatch.setattr(procedure_services, "is_park_writer", lambda *args, **kwargs: True)
    with pytest.raises(PermissionDenied):
        services.invite_agency(world.actor("park_b_admin"), procedure, world.agency_x)
    assert not Invitation.objects.filter(procedure=procedure).exists()


def test_the_park_invites_agencies_in_a_draft_or_open_invitation(world):
    procedure = make(world, "invitation", items=ServiceItem.objects.filter(code="strategy"))
    url = reverse("contracts:procedure-invite", args=[procedure.pk])
    check_matrix(world, "get", url, {None: LOGIN, "agency_x_staff": 404, "park_b_admin": 404, "park_a_reader": 403,
                                     "city": 403, "park_a_staff": 200, "park_a_admin": 200})
    assert world.client("park_a_staff").post(url, {"agency": world.agency_x.pk}).status_code == 302
    services.open_procedure(world.actor("park_a_staff"), procedure)
    check_matrix(world, "get", url, {"agency_x_staff": 403, "park_a_reader": 403, "park_a_staff": 200})
    assert world.client("park_a_admin").post(url, {"agency": world.agency_y.pk}).status_code == 302
    assert sorted(procedure.invitations.values_list("agency__name", flat=True)) == sorted(
        [world.agency_x.name, world.agency_y.name])


def test_the_park_enters_panel_scores_while_a_tender_is_evaluated(world):
    procedure = strategy_tender(world)
    bid = services.submit_bid(world.actor("agency_x_staff"), procedure, {"price": 1, "proposal": "x"})
    services.close_bidding(world.actor("park_a_staff"), procedure)
    url = reverse("contracts:procedure-scores", args=[procedure.pk])
    check_matrix(world, "get", url, {None: LOGIN, "ent_a_admin": 404, "park_b_admin": 404, "agency_x_staff": 403,
                                     "agency_y_staff": 403, "park_a_reader": 403, "city": 403, "park_a_staff": 200})
    data = {"panel_member": "专家甲", **{f"s_{bid.pk}_{c.pk}": "75" for c in procedure.criteria.all()}}
    assert world.client("park_a_staff").post(url, data).status_code == 302
    [result] = services.tender_ranking(procedure)
    assert result.complete and result.total == Decimal("75.00")


def test_the_park_awards_a_tender_an_invitation_and_a_commission(world):
    # tender: once it is evaluated and scored
    tender = strategy_tender(world)
    services.submit_bid(world.actor("agency_x_staff"), tender, {"price": 1, "proposal": "x"})
    services.close_bidding(world.actor("park_a_staff"), tender)
    score_all(world, tender)
    url = reverse("contracts:procedure-award", args=[tender.pk])
    check_matrix(world, "get", url, {None: LOGIN, "ent_a_admin": 404, "agency_x_staff": 403, "park_a_reader": 403,
                                     "city": 403, "park_a_staff": 200})
    assert world.client("park_a_staff").post(url, {"agencies": [world.agency_x.pk], "note": "第一"}).status_code == 302
    assert Procedure.objects.get(pk=tender.pk).status == ProcedureStatus.AWARDED
    # invitation: while open, among those who accepted
    park = world.actor("park_a_staff")
    invitation = make(world, "invitation", items=ServiceItem.objects.filter(code="strategy"))
    answer = services.invite_agency(park, invitation, world.agency_y)
    services.open_procedure(park, invitation)
    services.answer_invitation(world.actor("agency_y_staff"), answer, accept=True)
    url = reverse("contracts:procedure-award", args=[invitation.pk])
    check_matrix(world, "get", url, {"agency_y_staff": 403, "park_a_reader": 403, "park_a_admin": 200})
    assert world.client("park_a_admin").post(url, {"agencies": [world.agency_y.pk]}).status_code == 302
    assert Admission.objects.filter(procedure=invitation, agency=world.agency_y).exists()
    # commission: appointed from the draft
    commission = make(world, "commission", appointed_agency=world.agency_x, justification="紧急维权")
    url = reverse("contracts:procedure-award", args=[commission.pk])
    check_matrix(world, "get", url, {"agency_x_staff": 404, "park_a_reader": 403, "park_a_staff": 200})
    assert world.client("park_a_staff").post(url, {"note": "直接委托"}).status_code == 302
    assert Procedure.objects.get(pk=commission.pk).status == ProcedureStatus.AWARDED


def test_the_score_sheet_uses_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    from ipcustody.directory.models import Agency

    procedure = strategy_tender(world)  # two criteria
    for i in range(12):  # fixture rows, not the workflow: twelve bidders
        agency = Agency.objects.create(name=f"投标机构{i}", agency_kind="law_firm")
        Bid.objects.create(procedure=procedure, agency=agency, price=1000 + i, proposal="方案")
    services.close_bidding(world.actor("park_a_staff"), procedure)
    client = world.client("park_a_staff")
    with django_assert_max_num_queries(10):  # 19 with a criteria query per bid
        response = client.get(reverse("contracts:procedure-scores", args=[procedure.pk]))
    assert response.status_code == 200 and len(response.context["form"].cells) == 24
