"""Selection procedures run by a park (§6.1): tender, invitation, commission; the award admits agencies.

Workflow per kind (one table, `PROCEDURE_TRANSITIONS`):

    tender:      draft ──announce──▶ open ──close bids──▶ evaluating ──award──▶ awarded
    invitation:  draft ──send invitations──▶ open ──award (among those who accepted)──▶ awarded
    commission:  draft ──appoint──▶ awarded
    any unfinished procedure ──cancel──▶ cancelled

An invitation moves invited → accepted | declined (`INVITATION_TRANSITIONS`), answered by the invited agency.
A bid moves submitted → awarded | not awarded (`BID_TRANSITIONS`) once, when its tender is awarded; a cancelled
tender leaves its submitted bids "not awarded". Every status change goes through the guarded
`UPDATE … WHERE status = old` of `guarded_update`, and is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.services import acting_as
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.core.services import save_changes
from ipcustody.directory.models import Agency, ServiceItem

from .. import rules
from ..models import (
    Admission,
    Bid,
    BidStatus,
    Criterion,
    Invitation,
    InvitationStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    Score,
)
from .common import (
    as_rule_items,
    guarded_update,
    is_park_writer,
    left_draft_at,
    licence_message,
    own_org_writer,
    require,
)

__all__ = [
    "PROCEDURE_TRANSITIONS", "INVITATION_TRANSITIONS", "BID_TRANSITIONS", "can_run_procedures",
    "can_manage_procedure", "get_procedure_for_user", "visible_bids", "visible_invitations",
    "procedure_history_entries", "transition_bid", "save_procedure", "set_criteria", "open_procedure", "invite_agency",
    "can_answer_invitation", "answer_invitation", "can_bid", "submit_bid", "close_bidding", "record_scores",
    "tender_ranking", "award_candidates", "award_procedure", "cancel_procedure", "transition_procedure",
    "eligible_agencies",
]

P = ProcedureStatus

PROCEDURE_TRANSITIONS: dict[str, dict[str, set[str]]] = {
    ProcedureKind.TENDER: {
        P.DRAFT: {P.OPEN, P.CANCELLED}, P.OPEN: {P.EVALUATING, P.CANCELLED}, P.EVALUATING: {P.AWARDED, P.CANCELLED},
    },
    ProcedureKind.INVITATION: {P.DRAFT: {P.OPEN, P.CANCELLED}, P.OPEN: {P.AWARDED, P.CANCELLED}},
    ProcedureKind.COMMISSION: {P.DRAFT: {P.AWARDED, P.CANCELLED}},
}

INVITATION_TRANSITIONS: dict[str, set[str]] = {
    InvitationStatus.INVITED: {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED},
}

BID_TRANSITIONS: dict[str, set[str]] = {
    BidStatus.SUBMITTED: {BidStatus.AWARDED, BidStatus.NOT_AWARDED, BidStatus.WITHDRAWN},
    BidStatus.AWARDED: set(),
    BidStatus.NOT_AWARDED: set(),
    BidStatus.WITHDRAWN: set(),
}


# --- permissions and lookups --------------------------------------------------------------------------------------


def can_run_procedures(actor: Actor) -> bool:
    return is_park_writer(actor)


def can_manage_procedure(actor: Actor, procedure: Procedure) -> bool:
    return is_park_writer(actor, procedure.park_id) and procedure.status not in {P.AWARDED, P.CANCELLED}


def get_procedure_for_user(actor: Actor, pk: int) -> Procedure:
    qs = Procedure.objects.visible_to(actor).select_related("park__district", "appointed_agency")
    return get_object_or_404(qs, pk=pk)


def visible_bids(actor: Actor, procedure: Procedure):
    """The park and the authorities see every bid; a bidder sees only its own (before and after the award)."""
    qs = procedure.bids.select_related("agency")
    scope = scope_for(actor)
    if scope.kind is ScopeKind.AGENCY:
        return qs.filter(agency_id=scope.agency_id)
    if scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}:
        return qs
    return qs.none()


def visible_invitations(actor: Actor, procedure: Procedure):
    """The park and the authorities see every invitation; an invited agency only its own (`Invitation` scoping)."""
    return Invitation.objects.visible_to(actor).filter(procedure=procedure).select_related("agency", "procedure")


def procedure_history_entries(actor: Actor, procedure: Procedure, entries: models.QuerySet) -> models.QuerySet:
    """The change-log entries of a procedure's history page that the actor may read (the procedure is visible).

    The park running it and the authorities above it read the whole history: bids, panel scores, invitations,
    admissions. An agency (which sees every announced tender, and the procedures it is invited to or appointed by)
    reads only
    - the procedure's own entries from the moment it left the draft (announced, invitations sent, appointed): the
      park's drafting stays the park's, like the draft of a contract;
    - the entries of its own bid, its own invitation and its own admission.
    Never another agency's bid (price, proposal), invitation or admission, nor the panel's scores (not even of its
    own bid: the detail page does not show them to bidders either). Filtering, not 404: an agency may read the
    announced tender, so it may read how the tender itself changed.
    """
    scope = scope_for(actor)
    if scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}:
        return entries  # visible_to: the park is the one running it, the authorities are those above it
    if scope.kind is not ScopeKind.AGENCY:
        return entries.none()

    def about(model, ids) -> Q:
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        return Q(content_type=ct, object_id__in=[str(pk) for pk in ids])

    allowed = (
        about(Bid, visible_bids(actor, procedure).values_list("pk", flat=True))
        | about(Invitation, visible_invitations(actor, procedure).values_list("pk", flat=True))
        | about(Admission, Admission.objects.visible_to(actor).filter(procedure=procedure).values_list("pk", flat=True))
    )
    published = left_draft_at(procedure)
    if published is not None:
        allowed |= about(Procedure, [procedure.pk]) & Q(timestamp__gte=published)
    return entries.filter(allowed)


def eligible_agencies():
    return Agency.objects.filter(is_active=True, status="active").order_by("name")


# --- writes -------------------------------------------------------------------------------------------------------


def transition_bid(actor: Actor, bid: Bid, new: str) -> Bid:
    """The one way a bid's status changes (see BID_TRANSITIONS); call inside a transaction and `acting_as`."""
    return guarded_update(bid, BID_TRANSITIONS, new)


def transition_procedure(actor: Actor, procedure: Procedure, new: str, **fields: Any) -> Procedure:
    """The one way a procedure's status changes; call inside a transaction."""
    return guarded_update(procedure, PROCEDURE_TRANSITIONS[procedure.kind], new, **fields)


def save_procedure(
    actor: Actor, procedure: Procedure | None, data: dict[str, Any], *, service_items: Iterable[ServiceItem]
) -> Procedure:
    if procedure is None:
        require(can_run_procedures(actor))
        procedure = Procedure(park_id=scope_for(actor).park_id)
    else:
        require(is_park_writer(actor, procedure.park_id) and procedure.status == P.DRAFT)
    data = {k: v for k, v in data.items() if k not in {"park", "status"}}
    items = list(service_items)
    errors: dict[str, list] = {}
    if not items:
        errors["service_items"] = [_("Name at least one service item.")]
    kind = data.get("kind", procedure.kind)
    if kind == ProcedureKind.COMMISSION:
        if not data.get("appointed_agency", procedure.appointed_agency if procedure.pk else None):
            errors["appointed_agency"] = [_("Choose the agency to appoint.")]
        if not str(data.get("justification", procedure.justification)).strip():
            errors["justification"] = [_("A direct appointment needs its justification.")]
        agency = data.get("appointed_agency")
        if agency is not None:
            needed = rules.licence_error(as_rule_items(items), agency.has_patent_licence)
            if needed:
                errors["appointed_agency"] = [licence_message(needed)]
    else:
        data["appointed_agency"] = None
    if kind == ProcedureKind.TENDER and not data.get("bid_deadline"):
        errors["bid_deadline"] = [_("A tender needs a date by which bids are due.")]
    if errors:
        raise ValidationError(errors)
    return save_changes(actor, procedure, data, visible=lambda: Procedure.objects.visible_to(actor),
                        m2m={"service_items": items})


def set_criteria(actor: Actor, procedure: Procedure, criteria: list[tuple[str, int]]) -> Procedure:
    """Replace a draft tender's criteria; they are published with the announcement and fixed from then on."""
    require(is_park_writer(actor, procedure.park_id) and procedure.status == P.DRAFT
            and procedure.kind == ProcedureKind.TENDER)
    error = rules.weights_error([w for _n, w in criteria])
    if error:
        raise ValidationError({"__all__": [_("The weights of the criteria must add up to 100.")]}, code=error)
    with transaction.atomic(), acting_as(actor):
        # unscored draft criteria only (a tender's criteria are fixed once it is announced)
        procedure.criteria.all().delete()
        for position, (name, weight) in enumerate(criteria):
            Criterion.objects.create(procedure=procedure, name=name, weight=weight, position=position)
    return procedure


def open_procedure(actor: Actor, procedure: Procedure) -> Procedure:
    """Announce a tender (criteria published) or send an invitation's invitations."""
    require(is_park_writer(actor, procedure.park_id))
    if procedure.kind == ProcedureKind.TENDER and rules.weights_error(procedure.criteria.values_list("weight", flat=True)):
        raise ValidationError(_("Publish scoring criteria whose weights add up to 100 before announcing the tender."))
    if procedure.kind == ProcedureKind.INVITATION and not procedure.invitations.exists():
        raise ValidationError(_("Invite at least one agency first."))
    with transaction.atomic(), acting_as(actor):
        return transition_procedure(actor, procedure, P.OPEN)


def invite_agency(actor: Actor, procedure: Procedure, agency: Agency) -> Invitation:
    require(is_park_writer(actor, procedure.park_id) and procedure.kind == ProcedureKind.INVITATION
            and procedure.status in {P.DRAFT, P.OPEN})
    invitation = Invitation(procedure=procedure, agency=agency)
    try:
        with transaction.atomic():
            return save_changes(actor, invitation, {}, visible=lambda: Invitation.objects.visible_to(actor))
    except IntegrityError:
        raise ValidationError({"agency": [_("This agency is already invited.")]}) from None


def can_answer_invitation(actor: Actor, invitation: Invitation) -> bool:
    return (invitation.status == InvitationStatus.INVITED and invitation.procedure.status == P.OPEN
            and own_org_writer(actor, ScopeKind.AGENCY, invitation.agency_id))


def answer_invitation(actor: Actor, invitation: Invitation, accept: bool, note: str = "") -> Invitation:
    require(can_answer_invitation(actor, invitation))
    new = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    with transaction.atomic(), acting_as(actor):
        return guarded_update(invitation, INVITATION_TRANSITIONS, new, note=note, responded_at=timezone.now())


def can_bid(actor: Actor, procedure: Procedure) -> bool:
    if procedure.kind != ProcedureKind.TENDER or procedure.status != P.OPEN:
        return False
    if procedure.bid_deadline and procedure.bid_deadline < timezone.localdate():
        return False
    scope = scope_for(actor)
    return own_org_writer(actor, ScopeKind.AGENCY) and not procedure.bids.filter(agency_id=scope.agency_id).exists()


def submit_bid(actor: Actor, procedure: Procedure, data: dict[str, Any]) -> Bid:
    require(can_bid(actor, procedure))
    agency = Agency.objects.get(pk=scope_for(actor).agency_id)
    needed = rules.licence_error(as_rule_items(procedure.service_items.all()), agency.has_patent_licence)
    if needed:
        raise ValidationError({"__all__": [licence_message(needed)]})
    bid = Bid(procedure=procedure, agency=agency)
    return save_changes(actor, bid, data, visible=lambda: Bid.objects.filter(agency=agency))


def close_bidding(actor: Actor, procedure: Procedure) -> Procedure:
    require(is_park_writer(actor, procedure.park_id) and procedure.kind == ProcedureKind.TENDER)
    if not procedure.bids.exists():
        raise ValidationError(_("No bid has been received; cancel the tender or wait for bids."))
    with transaction.atomic(), acting_as(actor):
        return transition_procedure(actor, procedure, P.EVALUATING)


def record_scores(actor: Actor, procedure: Procedure, panel_member: str, values: dict[tuple[int, int], Decimal]) -> int:
    """Enter (or correct) one panel member's score sheet: {(bid id, criterion id): 0–100}."""
    require(is_park_writer(actor, procedure.park_id) and procedure.status == P.EVALUATING)
    panel_member = panel_member.strip()
    if not panel_member:
        raise ValidationError({"panel_member": [_("Name the panel member whose scores these are.")]})
    bids = set(procedure.bids.values_list("pk", flat=True))
    criteria = set(procedure.criteria.values_list("pk", flat=True))
    count = 0
    with transaction.atomic(), acting_as(actor):
        for (bid_id, criterion_id), value in values.items():
            if bid_id not in bids or criterion_id not in criteria:
                raise ValidationError(_("A score refers to another procedure."))
            if value is None:
                continue
            if not Decimal(0) <= Decimal(value) <= Decimal(100):
                raise ValidationError({"__all__": [_("Scores lie between 0 and 100.")]})
            score = Score.objects.filter(bid_id=bid_id, criterion_id=criterion_id, panel_member=panel_member).first()
            score = score or Score(bid_id=bid_id, criterion_id=criterion_id, panel_member=panel_member)
            score.value = Decimal(value)
            score.entered_by = actor.user
            score.save()
            count += 1
    return count


def tender_ranking(procedure: Procedure) -> list[rules.BidResult]:
    criteria = {c.pk: c.weight for c in procedure.criteria.all()}
    entries = [rules.ScoreEntry(s.bid_id, s.criterion_id, s.panel_member, s.value)
               for s in Score.objects.filter(bid__procedure=procedure)]
    return rules.tender_results(criteria, entries, procedure.bids.values_list("pk", flat=True))


def award_candidates(procedure: Procedure):
    """The agencies an award may name: bidders (tender), those who accepted (invitation), the appointee."""
    match procedure.kind:
        case ProcedureKind.TENDER:
            return Agency.objects.filter(bids__procedure=procedure).order_by("name")
        case ProcedureKind.INVITATION:
            return Agency.objects.filter(invitations__procedure=procedure,
                                         invitations__status=InvitationStatus.ACCEPTED).order_by("name")
    return Agency.objects.filter(pk=procedure.appointed_agency_id)


def award_procedure(actor: Actor, procedure: Procedure, agencies: Iterable[Agency], note: str = "") -> Procedure:
    """Close the procedure: the named agencies become the park's admitted agencies for the admission period."""
    require(is_park_writer(actor, procedure.park_id))
    agencies = list(agencies)
    if procedure.kind == ProcedureKind.COMMISSION:
        agencies = [procedure.appointed_agency]
    if not agencies:
        raise ValidationError({"agencies": [_("Choose at least one agency.")]})
    allowed = set(award_candidates(procedure).values_list("pk", flat=True))
    if any(a.pk not in allowed for a in agencies):
        raise ValidationError({"agencies": [_("Only agencies that took part in this procedure can be chosen.")]})
    items = as_rule_items(procedure.service_items.all())
    for agency in agencies:
        needed = rules.licence_error(items, agency.has_patent_licence)
        if needed:
            raise ValidationError({"agencies": [licence_message(needed)]})
    if procedure.kind == ProcedureKind.TENDER:
        results = {r.bid_id: r for r in tender_ranking(procedure)}
        chosen_bids = procedure.bids.filter(agency__in=agencies)
        if any(not results[b.pk].complete for b in chosen_bids):
            raise ValidationError({"agencies": [_("Score every criterion of the chosen bids before the award.")]})
    with transaction.atomic(), acting_as(actor):
        transition_procedure(actor, procedure, P.AWARDED, award_note=note.strip())
        for agency in agencies:
            Admission.objects.create(park_id=procedure.park_id, agency=agency, procedure=procedure,
                                     valid_from=procedure.admission_from, valid_until=procedure.admission_until)
        chosen = {a.pk for a in agencies}
        # every bid still in the running; one already decided refuses a second decision (BID_TRANSITIONS)
        for bid in procedure.bids.exclude(status=BidStatus.WITHDRAWN):
            transition_bid(actor, bid, BidStatus.AWARDED if bid.agency_id in chosen else BidStatus.NOT_AWARDED)
    return procedure


def cancel_procedure(actor: Actor, procedure: Procedure, reason: str = "") -> Procedure:
    """Cancel an unfinished procedure; its submitted bids end "not awarded" (and can never be awarded later)."""
    require(is_park_writer(actor, procedure.park_id))
    with transaction.atomic(), acting_as(actor):
        transition_procedure(actor, procedure, P.CANCELLED, award_note=reason.strip())
        for bid in procedure.bids.exclude(status=BidStatus.WITHDRAWN):
            transition_bid(actor, bid, BidStatus.NOT_AWARDED)
        return procedure
