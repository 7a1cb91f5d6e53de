"""Supply–demand matching (§6.2.1 a, §6.2.2 b): enterprises' needs, agencies' offerings, ranking, events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.services import acting_as
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.core.services import save_changes
from ipcustody.directory.models import Agency, Enterprise, ServiceItem
from ipcustody.directory.relations import active_relations

from .. import rules
from ..models import MatchingEvent, Need, NeedStatus, Offering, OfferingStatus
from .common import as_rule_items, guarded_update, is_park_writer, licence_message, own_org_writer, require

__all__ = [
    "NEED_TRANSITIONS", "OFFERING_TRANSITIONS", "can_publish_need", "can_edit_need", "get_need_for_user",
    "save_need", "set_need_status", "can_publish_offering", "can_edit_offering", "get_offering_for_user",
    "save_offering", "set_offering_status", "can_see_matching", "match_need", "MatchRow", "can_record_events",
    "can_edit_event", "get_event_for_user", "save_event", "reason_text", "need_enterprises",
]

NEED_TRANSITIONS: dict[str, set[str]] = {
    NeedStatus.OPEN: {NeedStatus.MATCHED, NeedStatus.WITHDRAWN},
    NeedStatus.MATCHED: {NeedStatus.OPEN},
    NeedStatus.WITHDRAWN: {NeedStatus.OPEN},
}
OFFERING_TRANSITIONS: dict[str, set[str]] = {
    OfferingStatus.ACTIVE: {OfferingStatus.WITHDRAWN},
    OfferingStatus.WITHDRAWN: {OfferingStatus.ACTIVE},
}


# --- needs --------------------------------------------------------------------------------------------------------


def can_publish_need(actor: Actor) -> bool:
    """An enterprise states its own needs; its park may record them for it (e.g. at a matching event)."""
    return own_org_writer(actor, ScopeKind.ENTERPRISE) or is_park_writer(actor)


def can_edit_need(actor: Actor, need: Need) -> bool:
    return (own_org_writer(actor, ScopeKind.ENTERPRISE, need.enterprise_id)
            or is_park_writer(actor, need.enterprise.park_id))


def need_enterprises(actor: Actor):
    scope = scope_for(actor)
    if scope.kind is ScopeKind.ENTERPRISE:
        return Enterprise.objects.filter(pk=scope.enterprise_id)
    return Enterprise.objects.visible_to(actor).filter(is_active=True).order_by("name")


def get_need_for_user(actor: Actor, pk: int) -> Need:
    return get_object_or_404(Need.objects.visible_to(actor).select_related("enterprise__park", "enterprise__segment"),
                             pk=pk)


def save_need(actor: Actor, need: Need | None, data: dict[str, Any], *, service_items: Iterable[ServiceItem]) -> Need:
    scope = scope_for(actor)
    if need is None:
        require(can_publish_need(actor))
        need = Need()
        if scope.kind is ScopeKind.ENTERPRISE:
            data = {**data, "enterprise": Enterprise.objects.get(pk=scope.enterprise_id)}
    else:
        require(can_edit_need(actor, need))
        data = {k: v for k, v in data.items() if k != "enterprise"}
    items = list(service_items)
    if not items:
        raise ValidationError({"service_items": [_("Name at least one service item.")]})
    return save_changes(actor, need, data, visible=lambda: Need.objects.visible_to(actor),
                        m2m={"service_items": items})


def set_need_status(actor: Actor, need: Need, new: str) -> Need:
    require(can_edit_need(actor, need))
    with transaction.atomic(), acting_as(actor):
        return guarded_update(need, NEED_TRANSITIONS, new)


# --- offerings ----------------------------------------------------------------------------------------------------


def can_publish_offering(actor: Actor) -> bool:
    return own_org_writer(actor, ScopeKind.AGENCY)


def can_edit_offering(actor: Actor, offering: Offering) -> bool:
    return own_org_writer(actor, ScopeKind.AGENCY, offering.agency_id)


def get_offering_for_user(actor: Actor, pk: int) -> Offering:
    return get_object_or_404(Offering.objects.visible_to(actor).select_related("agency"), pk=pk)


def save_offering(
    actor: Actor, offering: Offering | None, data: dict[str, Any], *, service_items: Iterable[ServiceItem],
    segments: Iterable[Any] = (),
) -> Offering:
    if offering is None:
        require(can_publish_offering(actor))
        offering = Offering(agency=Agency.objects.get(pk=scope_for(actor).agency_id))
    else:
        require(can_edit_offering(actor, offering))
    data = {k: v for k, v in data.items() if k not in {"agency", "status"}}
    items = list(service_items)
    errors: dict[str, list] = {}
    if not items:
        errors["service_items"] = [_("Name at least one service item.")]
    needed = rules.licence_error(as_rule_items(items), offering.agency.has_patent_licence)
    if needed:
        errors["service_items"] = [licence_message(needed)]
    if errors:
        raise ValidationError(errors)
    return save_changes(actor, offering, data, visible=lambda: Offering.objects.visible_to(actor),
                        m2m={"service_items": items, "segments": list(segments)})


def set_offering_status(actor: Actor, offering: Offering, new: str) -> Offering:
    require(can_edit_offering(actor, offering))
    with transaction.atomic(), acting_as(actor):
        return guarded_update(offering, OFFERING_TRANSITIONS, new)


# --- matching -----------------------------------------------------------------------------------------------------


def can_see_matching(actor: Actor, need: Need) -> bool:
    """The ranking is for the enterprise, its park and the authorities; agencies do not see their competitors."""
    return scope_for(actor).kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK, ScopeKind.ENTERPRISE}


@dataclass
class MatchRow:
    rank: int
    agency: Agency
    score: float
    eligible: bool
    reasons: list[str]
    offerings: list[Offering]
    assessed: bool = False  # an annual assessment result counted in the score


def reason_text(reason: rules.Reason, items: Mapping[str, ServiceItem] | None = None) -> str:
    """A reason in words. `items` ({code: item}) names the missing items; pass it when ranking (one query, not one
    per agency)."""
    p = reason.params
    match reason.code:
        case "coverage":
            text = _("covers %(covered)s of %(wanted)s service items needed") % p
            if p["missing"]:
                if items is None:
                    items = {i.code: i for i in ServiceItem.objects.filter(code__in=p["missing"])}
                missing = sorted((items[code] for code in p["missing"] if code in items),
                                 key=lambda i: (i.position, i.name_zh))  # catalogue order
                names = "、".join(str(i) for i in missing)
                text = _("%(coverage)s (missing: %(names)s)") % {"coverage": text, "names": names}
            return str(text)
        case "no_licence":
            return str(_("no patent agency licence: may not take patent items"))
        case "industry":
            return str(_("experience in the enterprise's industry segment"))
        case "no_industry":
            return str(_("no stated experience in the enterprise's industry segment"))
        case "load":
            return str(_("serving %(load)s of %(capacity)s enterprises it can take") % p)
        case "full":
            return str(_("at capacity: serving %(load)s of %(capacity)s enterprises") % p)
        case "capacity_unknown":
            return str(_("serving %(load)s enterprises; capacity not stated") % p)
        case "assessment":
            return str(_("last assessment result %(result)s") % p)
    return reason.code


def match_need(need: Need) -> list[MatchRow]:
    """Agencies with published offerings, ranked for the need (coverage, industry, load; assessment once annual
    assessment results exist — until then no agency has one, and no agency gets those points)."""
    offerings = list(
        Offering.objects.filter(status=OfferingStatus.ACTIVE, agency__is_active=True, agency__status="active")
        .select_related("agency").prefetch_related("service_items", "segments")
    )
    by_agency: dict[int, list[Offering]] = defaultdict(list)
    for offering in offerings:
        by_agency[offering.agency_id].append(offering)
    loads = dict(
        active_relations().filter(agency_id__in=list(by_agency)).values("agency_id")
        .annotate(n=Count("enterprise_id", distinct=True)).values_list("agency_id", "n")
    )
    facts = []
    for agency_id, rows in by_agency.items():
        agency = rows[0].agency
        facts.append(rules.AgencyFacts(
            agency_id=agency_id,
            items=frozenset(i.code for o in rows for i in o.service_items.all()),
            segment_ids=frozenset(s.pk for o in rows for s in o.segments.all()),
            has_licence=agency.has_patent_licence,
            load=loads.get(agency_id, 0),
            capacity=max(o.capacity for o in rows),
        ))
    wanted = list(need.service_items.all())
    by_code = {item.code: item for item in wanted}  # missing items are always among the wanted ones
    need_facts = rules.NeedFacts(
        items=frozenset(i.code for i in wanted), segment_id=need.enterprise.segment_id,
        licence_items=frozenset(rules.licence_needed(as_rule_items(wanted))),
    )
    return [
        MatchRow(r.rank, by_agency[r.agency_id][0].agency, r.score, r.eligible,
                 [reason_text(x, by_code) for x in r.reasons], by_agency[r.agency_id],
                 assessed=any(x.code == "assessment" for x in r.reasons))
        for r in rules.rank(need_facts, facts)
    ]


# --- matching events ----------------------------------------------------------------------------------------------


def can_record_events(actor: Actor) -> bool:
    return is_park_writer(actor)


def can_edit_event(actor: Actor, event: MatchingEvent) -> bool:
    return is_park_writer(actor, event.park_id)


def get_event_for_user(actor: Actor, pk: int) -> MatchingEvent:
    return get_object_or_404(MatchingEvent.objects.visible_to(actor).select_related("park"), pk=pk)


def save_event(
    actor: Actor, event: MatchingEvent | None, data: dict[str, Any], *, enterprises: Iterable[Enterprise],
    agencies: Iterable[Agency],
) -> MatchingEvent:
    if event is None:
        require(can_record_events(actor))
        event = MatchingEvent(park_id=scope_for(actor).park_id)
    else:
        require(can_edit_event(actor, event))
    enterprises = list(enterprises)
    if any(e.park_id != event.park_id for e in enterprises):
        raise ValidationError({"enterprises": [_("Only the park's own enterprises can be recorded.")]})
    data = {k: v for k, v in data.items() if k != "park"}
    return save_changes(actor, event, data, visible=lambda: MatchingEvent.objects.visible_to(actor),
                        m2m={"enterprises": enterprises, "agencies": list(agencies)})
