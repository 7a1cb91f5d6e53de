"""Directory services and permissions: who may create or change which organisation.

Visibility is the managers' `visible_to(actor)`; these functions add the write rules on top:
- authorities, parks and agencies form the registry the city bureau keeps (its admins and staff), and each
  organisation's own administrators keep their own profile;
- enterprises are business data: their park's staff, the enterprise's own staff, and authority members whose
  membership grants business writes.
Which agency serves which enterprise is decided by custody contracts (the contracts app), not here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for
from ipcustody.core.services import save_changes

from .models import Agency, AgencyStatus, Authority, Enterprise, Organisation, Park


def _is_city_writer(actor: Actor) -> bool:
    scope = scope_for(actor)
    return scope.kind is ScopeKind.ALL and actor.can_write


def _is_own_admin(actor: Actor, org: Organisation) -> bool:
    return actor.is_org_admin and actor.membership.organisation_id == org.pk


# --- permissions ------------------------------------------------------------------------------------------


def can_create_authority(actor: Actor) -> bool:
    return _is_city_writer(actor) and actor.is_org_admin


def can_edit_authority(actor: Actor, authority: Authority) -> bool:
    return can_create_authority(actor) or _is_own_admin(actor, authority)


def can_create_park(actor: Actor) -> bool:
    return _is_city_writer(actor)


def can_edit_park(actor: Actor, park: Park) -> bool:
    return _is_city_writer(actor) or _is_own_admin(actor, park)


def can_create_agency(actor: Actor) -> bool:
    return _is_city_writer(actor)


def can_edit_agency(actor: Actor, agency: Agency) -> bool:
    return _is_city_writer(actor) or _is_own_admin(actor, agency)


def can_create_enterprise(actor: Actor) -> bool:
    scope = scope_for(actor)
    return can_write_business(actor) and scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}


def can_edit_enterprise(actor: Actor, enterprise: Enterprise) -> bool:
    """Assumes the enterprise is visible to the actor (callers fetch it through visible_to first)."""
    scope = scope_for(actor)
    if not can_write_business(actor):
        return False
    return scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK, ScopeKind.ENTERPRISE}


def can_move_enterprise(actor: Actor) -> bool:
    """Only the park and authorities choose an enterprise's park; the enterprise edits the rest of its profile."""
    return scope_for(actor).kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}


# --- lookups (not visible → 404) --------------------------------------------------------------------------


def get_authority_for_user(actor: Actor, pk: int) -> Authority:
    return get_object_or_404(Authority.objects.visible_to(actor), pk=pk)


def get_park_for_user(actor: Actor, pk: int) -> Park:
    return get_object_or_404(Park.objects.visible_to(actor).select_related("district"), pk=pk)


def get_agency_for_user(actor: Actor, pk: int) -> Agency:
    return get_object_or_404(Agency.objects.visible_to(actor), pk=pk)


def get_enterprise_for_user(actor: Actor, pk: int) -> Enterprise:
    return get_object_or_404(Enterprise.objects.visible_to(actor).select_related("park", "segment"), pk=pk)


# --- writes -----------------------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def save_authority(actor: Actor, authority: Authority | None, data: dict[str, Any]) -> Authority:
    _require(can_create_authority(actor) if authority is None else can_edit_authority(actor, authority))
    authority = authority or Authority()
    return save_changes(actor, authority, data, visible=lambda: Authority.objects.visible_to(actor))


def save_park(actor: Actor, park: Park | None, data: dict[str, Any]) -> Park:
    _require(can_create_park(actor) if park is None else can_edit_park(actor, park))
    if park is not None and not _is_city_writer(actor):
        data = {k: v for k, v in data.items() if k not in {"district", "is_active"}}
    park = park or Park()
    return save_changes(actor, park, data, visible=lambda: Park.objects.visible_to(actor))


def save_agency(
    actor: Actor, agency: Agency | None, data: dict[str, Any], *, service_items: Iterable[Any] | None = None
) -> Agency:
    _require(can_create_agency(actor) if agency is None else can_edit_agency(actor, agency))
    if agency is not None and not _is_city_writer(actor):
        # an agency keeps its own profile but not its place in the registry
        data = {k: v for k, v in data.items() if k != "is_active"}
    data = {k: v for k, v in data.items() if k != "status"}  # see change_agency_status
    agency = agency or Agency()
    m2m = {"service_items": list(service_items)} if service_items is not None else None
    return save_changes(actor, agency, data, visible=lambda: Agency.objects.visible_to(actor), m2m=m2m)


def save_enterprise(
    actor: Actor,
    enterprise: Enterprise | None,
    data: dict[str, Any],
    *,
    also: Callable[[Enterprise], None] | None = None,
) -> Enterprise:
    _require(can_create_enterprise(actor) if enterprise is None else can_edit_enterprise(actor, enterprise))
    if enterprise is not None and not can_move_enterprise(actor):
        data = {k: v for k, v in data.items() if k not in {"park", "is_active"}}
    enterprise = enterprise or Enterprise()
    return save_changes(actor, enterprise, data, visible=lambda: Enterprise.objects.visible_to(actor), also=also)


# --- the agency registry workflow ---------------------------------------------------------------------------

# The one place that says how an agency's registry status may change (the city bureau keeps the registry).
AGENCY_TRANSITIONS: dict[str, set[str]] = {
    AgencyStatus.ACTIVE: {AgencyStatus.SUSPENDED, AgencyStatus.WITHDRAWN},
    AgencyStatus.SUSPENDED: {AgencyStatus.ACTIVE, AgencyStatus.WITHDRAWN},
    AgencyStatus.WITHDRAWN: set(),
}


def can_change_agency_status(actor: Actor, agency: Agency, new: str) -> bool:
    return _is_city_writer(actor) and new in AGENCY_TRANSITIONS.get(agency.status, set())


def change_agency_status(actor: Actor, agency: Agency, new: str, reason: str) -> Agency:
    """Suspend, reinstate or withdraw an agency: allowed by AGENCY_TRANSITIONS, a conditional UPDATE so two
    officials cannot both win, and one change-log entry with the reason."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils.translation import gettext as _

    from ipcustody.audit.models import Action
    from ipcustody.audit.services import acting_as, record

    _require(can_change_agency_status(actor, agency, new))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; it is kept in the agency's history.")})
    old = agency.status
    with transaction.atomic(), acting_as(actor):
        if not Agency.objects.filter(pk=agency.pk, status=old).update(status=new):
            raise ValidationError(_("Someone else has just changed this agency's status. Please reload the page."))
        agency.status = new
        record(agency, Action.UPDATE, {"status": [old, new], "reason": [None, reason.strip()]})
    return agency
