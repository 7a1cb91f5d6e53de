from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.navigation import NavItem
from ipcustody.core.scoping import Scope, ScopeKind


def items(actor: Actor, scope: Scope) -> list[NavItem]:
    section = _("Directory")
    result = []
    if scope.kind in {ScopeKind.ALL, ScopeKind.DISTRICT, ScopeKind.PARK}:
        result.append(NavItem(_("Authorities"), reverse("directory:authority-list"), "bank", section))
    result.append(NavItem(_("Parks / associations"), reverse("directory:park-list"), "buildings", section))
    result.append(NavItem(_("Custody agencies"), reverse("directory:agency-list"), "briefcase", section))
    if scope.kind is ScopeKind.ENTERPRISE:
        url = reverse("directory:enterprise-detail", args=[scope.enterprise_id])
        result.append(NavItem(_("Our enterprise"), url, "building", section))
    else:
        result.append(NavItem(_("Enterprises"), reverse("directory:enterprise-list"), "building", section))
    return result
