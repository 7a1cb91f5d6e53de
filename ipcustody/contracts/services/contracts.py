"""Three-party custody contracts: drafting, confirmation by each party, activation, amendment, termination.

Workflow (one table, `CONTRACT_TRANSITIONS`):

    draft ──send──▶ awaiting ──(3rd confirmation)──▶ active ──▶ completed   (after the end date)
      │               │                               ├──▶ terminated  (early, with a reason)
      └──withdraw─────┴──withdraw──▶ cancelled        └──▶ superseded  (its amendment took effect)

Each party's confirmation is a row, unique per contract version and party. The last one activates the contract in
the same transaction, behind a row lock and the guarded `UPDATE … WHERE status = 'awaiting'`, so two parties
confirming at the same moment can neither skip a step nor confirm twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.models import Action
from ipcustody.audit.services import acting_as, record
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for
from ipcustody.core.services import save_changes
from ipcustody.directory.models import Agency, Enterprise, ServiceItem

from .. import rules
from ..models import Admission, Confirmation, Contract, ContractStatus, CustodyForm, Party
from .common import as_rule_items, catalogue, guarded_update, is_park_writer, left_draft_at, licence_message, require

__all__ = [
    "CONTRACT_TRANSITIONS", "party_of", "can_draft_contract", "can_edit_contract", "can_send_contract",
    "can_confirm_contract", "can_terminate_contract", "can_complete_contract", "can_amend_contract",
    "can_cancel_contract", "get_contract_for_user", "contract_agencies", "agency_staff", "save_contract",
    "send_contract", "confirm_contract", "terminate_contract", "complete_contract", "cancel_contract",
    "amend_contract", "transition_contract", "missing_parties", "contract_errors", "enterprise_choices",
    "contract_history_entries",
]

S = ContractStatus

CONTRACT_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.AWAITING, S.CANCELLED},
    S.AWAITING: {S.ACTIVE, S.CANCELLED},
    S.ACTIVE: {S.COMPLETED, S.TERMINATED, S.SUPERSEDED},
    S.COMPLETED: set(),
    S.TERMINATED: set(),
    S.SUPERSEDED: set(),
    S.CANCELLED: set(),
}

PARTY_SCOPE = {ScopeKind.PARK: Party.PARK, ScopeKind.AGENCY: Party.AGENCY, ScopeKind.ENTERPRISE: Party.ENTERPRISE}


# --- permissions ------------------------------------------------------------------------------------------------


def party_of(actor: Actor, contract: Contract) -> str | None:
    """Which party the actor's organisation is in this contract (None: not a party)."""
    scope = scope_for(actor)
    party = PARTY_SCOPE.get(scope.kind)
    if party is None:
        return None
    own = {Party.PARK: scope.park_id, Party.AGENCY: scope.agency_id, Party.ENTERPRISE: scope.enterprise_id}[party]
    return party if contract.party_org_id(party) == own else None


def can_draft_contract(actor: Actor) -> bool:
    return is_park_writer(actor)


def can_edit_contract(actor: Actor, contract: Contract) -> bool:
    return contract.status == S.DRAFT and is_park_writer(actor, contract.park_id)


def can_send_contract(actor: Actor, contract: Contract) -> bool:
    return can_edit_contract(actor, contract)


def can_confirm_contract(actor: Actor, contract: Contract) -> bool:
    """A staff or admin member of a party that has not yet confirmed this version, while it awaits confirmation."""
    if contract.status != S.AWAITING or not actor.can_write:
        return False
    party = party_of(actor, contract)
    if party is None or not can_write_business(actor):
        return False
    return not any(c.party == party for c in contract.confirmations.all())


def can_terminate_contract(actor: Actor, contract: Contract) -> bool:
    return contract.status == S.ACTIVE and is_park_writer(actor, contract.park_id)


def can_complete_contract(actor: Actor, contract: Contract) -> bool:
    return can_terminate_contract(actor, contract) and contract.end_date < timezone.localdate()


def can_amend_contract(actor: Actor, contract: Contract) -> bool:
    if not can_terminate_contract(actor, contract):
        return False
    return not contract.amendments.filter(status__in=[S.DRAFT, S.AWAITING]).exists()


def can_cancel_contract(actor: Actor, contract: Contract) -> bool:
    return contract.status in {S.DRAFT, S.AWAITING} and is_park_writer(actor, contract.park_id)


# --- lookups ----------------------------------------------------------------------------------------------------


def get_contract_for_user(actor: Actor, pk: int) -> Contract:
    qs = Contract.objects.visible_to(actor).select_related("park__district", "agency", "enterprise", "procedure")
    return get_object_or_404(qs, pk=pk)


def contract_history_entries(actor: Actor, contract: Contract, entries):
    """The change-log entries of a contract's history page that the actor may read (the contract is visible).

    The park (its drafter) and the authorities above it read everything. The agency and the enterprise see a
    contract only from the moment the park sent it to them for confirmation, and so its history: entries from
    `sent_at` on (or, for a contract without it, from the change-log entry that took it out of the draft). The draft
    stage — say a first draft naming another agency or another fee — stays the park's.
    """
    scope = scope_for(actor)
    if scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}:
        return entries
    if scope.kind not in {ScopeKind.AGENCY, ScopeKind.ENTERPRISE}:
        return entries.none()
    since = contract.sent_at or left_draft_at(contract)
    if since is None:
        return entries.none()  # never sent: nothing of it is theirs (confidentiality first)
    return entries.filter(timestamp__gte=since)


def contract_agencies(park_id: int, on: datetime.date | None = None):
    """Agencies the park may contract with: admitted to the park (by a selection procedure) on the day."""
    admitted = Admission.objects.filter(park_id=park_id).valid_on(on).values("agency_id")
    return Agency.objects.filter(pk__in=admitted, is_active=True, status="active").order_by("name")


def agency_staff(agency_ids: Iterable[int]):
    """Users with an active staff or admin membership at one of these agencies."""
    return (
        get_user_model().objects.filter(
            memberships__organisation_id__in=list(agency_ids), memberships__is_active=True,
            memberships__role__in=["admin", "staff"], is_active=True,
        ).distinct().order_by("username")
    )


def missing_parties(contract: Contract) -> list[str]:
    done = {c.party for c in contract.confirmations.all()}
    return [p for p in Party.values if p not in done]


# --- validation -------------------------------------------------------------------------------------------------


def contract_errors(contract: Contract, items: list[ServiceItem], staff: list[Any]) -> dict[str, list]:
    """Rules beyond the model's own: custody form ↔ items (§5.2), patent licence (§6.1), admission, staff."""
    errors: dict[str, list] = {}
    codes = rules.form_item_errors(contract.custody_form, as_rule_items(items), catalogue())
    messages = {
        "full_incomplete": _("Full custody covers every service item."),
        "none": _("Name at least one service item."),
        "not_consulting": _("Advisory custody covers consulting items only (marked as consulting in the catalogue)."),
    }
    if codes:
        errors["service_items"] = [messages[c] for c in codes]
    if contract.agency_id:
        needed = rules.licence_error(as_rule_items(items), contract.agency.has_patent_licence)
        if needed:
            errors.setdefault("agency", []).append(licence_message(needed))
        if contract.park_id and contract.start_date and not Admission.objects.filter(
            park_id=contract.park_id, agency_id=contract.agency_id,
            valid_from__lte=contract.start_date, valid_until__gte=contract.start_date,
        ).exists():
            errors.setdefault("agency", []).append(
                _("This agency is not admitted to the park on the start date. Select it by tender, invitation or "
                  "commission first.")
            )
        outsiders = [u for u in staff if not agency_staff([contract.agency_id]).filter(pk=u.pk).exists()]
        if outsiders:
            errors["staff"] = [_("%(names)s do not work for the chosen agency.")
                               % {"names": "、".join(u.get_username() for u in outsiders)}]
    return errors


# --- writes -----------------------------------------------------------------------------------------------------


def save_contract(
    actor: Actor, contract: Contract | None, data: dict[str, Any], *, service_items: Iterable[ServiceItem],
    staff: Iterable[Any] = (),
) -> Contract:
    """Create or change a draft. The park is the actor's park; full custody takes the whole catalogue."""
    if contract is None:
        require(can_draft_contract(actor))
        contract = Contract(park_id=scope_for(actor).park_id)
    else:
        require(can_edit_contract(actor, contract))
    data = {k: v for k, v in data.items() if k not in {"park", "status", "number", "version", "amends"}}
    for name, value in data.items():
        setattr(contract, name, value)
    items = list(service_items)
    if contract.custody_form == CustodyForm.FULL:
        items = list(ServiceItem.objects.all())
    staff = list(staff)
    errors = contract_errors(contract, items, staff)
    try:
        contract.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    def numbered(saved: Contract) -> None:
        # inside save_changes' transaction and acting_as(actor): the number and its log entry land together
        if not saved.number:
            old, saved.number = saved.number, f"TG{saved.start_date:%Y}-{saved.pk:05d}"
            Contract.objects.filter(pk=saved.pk).update(number=saved.number)
            record(saved, Action.UPDATE, {"number": [old, saved.number]})

    return save_changes(
        actor, contract, {}, visible=lambda: Contract.objects.visible_to(actor),
        m2m={"service_items": items, "staff": staff}, also=numbered,
    )


def transition_contract(actor: Actor, contract: Contract, new: str, **fields: Any) -> Contract:
    """The one way a contract's status changes (see CONTRACT_TRANSITIONS); call inside a transaction."""
    if new == S.ACTIVE and missing_parties(contract):
        raise ValidationError(_("A contract becomes active only when all three parties have confirmed it."),
                              code="unconfirmed")
    return guarded_update(contract, CONTRACT_TRANSITIONS, new, **fields)


def send_contract(actor: Actor, contract: Contract) -> Contract:
    """Send the draft to the three parties for confirmation."""
    require(can_send_contract(actor, contract))
    if not contract.confidentiality:
        raise ValidationError({"confidentiality": _("The agency's confidentiality undertaking is required "
                                                    "before the contract is sent.")})
    errors = contract_errors(contract, list(contract.service_items.all()), list(contract.staff.all()))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(actor):
        return transition_contract(actor, contract, S.AWAITING, sent_at=timezone.now())


def confirm_contract(actor: Actor, contract: Contract) -> Contract:
    """Record the actor's party's confirmation; the third confirmation activates the contract.

    The contract row is locked first (SELECT … FOR UPDATE), so a concurrent confirmation waits and then sees
    this one; the unique (contract, party) row refuses a second confirmation of the same party.
    """
    party = party_of(actor, contract)
    require(party is not None and actor.can_write and can_write_business(actor))
    with transaction.atomic(), acting_as(actor):
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status != S.AWAITING:
            raise ValidationError(_("This contract is not awaiting confirmation (status: %(status)s)."),
                                  code="status", params={"status": locked.get_status_display()})
        try:
            with transaction.atomic():
                Confirmation.objects.create(contract=locked, party=party, confirmed_by=actor.user)
        except IntegrityError:
            raise ValidationError(_("Your party has already confirmed this contract."), code="duplicate") from None
        if not missing_parties(locked):
            transition_contract(actor, locked, S.ACTIVE, activated_at=timezone.now())
            if locked.amends_id:
                previous = Contract.objects.select_for_update().get(pk=locked.amends_id)
                if previous.status == S.ACTIVE:
                    transition_contract(actor, previous, S.SUPERSEDED)
        return locked


def terminate_contract(actor: Actor, contract: Contract, on: datetime.date, reason: str) -> Contract:
    """End a contract early; custody (and the agency's access) stops after `on`."""
    require(can_terminate_contract(actor, contract))
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason for ending the contract early.")
    if on < contract.start_date or on > contract.end_date:
        errors["terminated_on"] = _("The termination date must lie within the contract's term.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(actor):
        return transition_contract(actor, contract, S.TERMINATED, terminated_on=on, termination_reason=reason.strip())


def complete_contract(actor: Actor, contract: Contract) -> Contract:
    require(can_complete_contract(actor, contract))
    with transaction.atomic(), acting_as(actor):
        return transition_contract(actor, contract, S.COMPLETED)


def cancel_contract(actor: Actor, contract: Contract) -> Contract:
    """Withdraw a draft or a contract awaiting confirmation (kept on record, never deleted)."""
    require(can_cancel_contract(actor, contract))
    with transaction.atomic(), acting_as(actor):
        return transition_contract(actor, contract, S.CANCELLED)


def amend_contract(actor: Actor, contract: Contract) -> Contract:
    """Start an amendment: a new draft version with the same content; the active version stays in force."""
    require(can_amend_contract(actor, contract))
    copy = Contract(
        number=contract.number, version=contract.version + 1, amends=contract, park=contract.park,
        agency=contract.agency, enterprise=contract.enterprise, procedure=contract.procedure,
        custody_form=contract.custody_form, start_date=contract.start_date, end_date=contract.end_date,
        fee=contract.fee, payer=contract.payer, confidentiality=contract.confidentiality,
        confidentiality_terms=contract.confidentiality_terms, notes=contract.notes,
    )
    latest = Contract.objects.filter(number=contract.number).order_by("-version").values_list("version", flat=True)
    copy.version = (latest.first() or contract.version) + 1
    return save_changes(
        actor, copy, {}, visible=lambda: Contract.objects.visible_to(actor),
        m2m={"service_items": list(contract.service_items.all()), "staff": list(contract.staff.all())},
    )


def enterprise_choices(actor: Actor):
    return Enterprise.objects.visible_to(actor).filter(is_active=True).order_by("name")
