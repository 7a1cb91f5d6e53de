"""The left navigation, per role: only what the actor may open appears (access itself is enforced by views)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .actor import Actor
from .scoping import ScopeKind, scope_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    section: str


def items_for(actor: Actor) -> list[NavItem]:
    scope = scope_for(actor)
    if scope.kind is ScopeKind.NONE:
        return []
    items = [NavItem(_("Home"), reverse("home"), "house", _("Overview"))]
    directory = _("Directory")
    if scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}:
        items.append(NavItem(_("Authorities"), reverse("directory:authority-list"), "bank", directory))
    items.append(NavItem(_("Parks / associations"), reverse("directory:park-list"), "buildings", directory))
    items.append(NavItem(_("Custody agencies"), reverse("directory:agency-list"), "briefcase", directory))
    if scope.kind is ScopeKind.ENTERPRISE:
        items.append(
            NavItem(_("Our enterprise"), reverse("directory:enterprise-detail", args=[scope.enterprise_id]), "building", directory)
        )
    else:
        items.append(NavItem(_("Enterprises"), reverse("directory:enterprise-list"), "building", directory))
    return items
