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
