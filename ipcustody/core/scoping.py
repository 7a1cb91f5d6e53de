"""The one scoping rule: what part of the business data an actor's organisation may see.

Every model manager's `visible_to(actor)` starts here, so the answer to "who sees what" is decided in one place.
The platform-admin rule also lives here and nowhere else: a superuser sees configuration and users, but no
business data unless also a member of an organisation (then the membership decides, like for anyone).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .actor import Actor


class ScopeKind(enum.Enum):
    NONE = "none"
    ALL = "all"  # city bureau
    DISTRICT = "district"  # district office: its district's parks and their enterprises
    PARK = "park"  # park: its own enterprises and the agencies serving them
    AGENCY = "agency"  # agency: only the enterprises it serves
    ENTERPRISE = "enterprise"  # enterprise: only itself


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    district_id: int | None = None
    park_id: int | None = None
    agency_id: int | None = None
    enterprise_id: int | None = None
    # Authorities read business data; they write it only when their membership grants it.
    authority: bool = False


NOTHING = Scope(ScopeKind.NONE)


def scope_for(actor: Actor | None) -> Scope:
    if actor is None or actor.user is None or not actor.user.is_active:
        return NOTHING
    membership = actor.membership
    # The platform-admin rule (the only superuser special case): no membership, no business data.
    if membership is None or not membership.is_active:
        return NOTHING
    cached = getattr(membership, "_scope", None)
    if cached is not None:
        return cached
    membership._scope = _membership_scope(membership)
    return membership._scope


def _membership_scope(membership) -> Scope:
    org = membership.organisation
    if not org.is_active:
        return NOTHING
    match org.kind:
        case "authority":
            authority = org.authority_profile
            if authority.level == "city":
                return Scope(ScopeKind.ALL, authority=True)
            return Scope(ScopeKind.DISTRICT, district_id=authority.pk, authority=True)
        case "park":
            return Scope(ScopeKind.PARK, park_id=org.pk)
        case "agency":
            return Scope(ScopeKind.AGENCY, agency_id=org.pk)
        case "enterprise":
            return Scope(ScopeKind.ENTERPRISE, enterprise_id=org.pk)
    return NOTHING


def can_write_business(actor: Actor) -> bool:
    """May this actor change business data it can see? Authorities only when granted (city bureau rule)."""
    if not actor.can_write:
        return False
    scope = scope_for(actor)
    if scope.kind is ScopeKind.NONE:
        return False
    if scope.authority:
        return bool(actor.membership.business_write)
    return True


def supervised(queryset, scope: Scope, park: str = "park"):
    """What the supervising scopes see of rows that hang off a park: the city bureau all of them, a district
    office those of its district's parks, a park its own. `park` is the lookup path from the row to its park
    ("" when the rows are parks). None for agency and enterprise scopes, whose rules each model states itself."""
    district_lookup = f"{park}__district_id" if park else "district_id"
    park_lookup = f"{park}_id" if park else "pk"
    match scope.kind:
        case ScopeKind.ALL:
            return queryset
        case ScopeKind.DISTRICT:
            return queryset.filter(**{district_lookup: scope.district_id})
        case ScopeKind.PARK:
            return queryset.filter(**{park_lookup: scope.park_id})
    return None
