from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.navigation import NavItem
from ipcustody.core.scoping import Scope, ScopeKind


def items(actor: Actor, scope: Scope) -> list[NavItem]:
    section = _("Custody")
    result = [NavItem(_("Custody contracts"), reverse("contracts:contract-list"), "file-earmark-text", section)]
    if scope.kind is not ScopeKind.ENTERPRISE:
        result.append(NavItem(_("Selection procedures"), reverse("contracts:procedure-list"), "trophy", section))
    result.append(NavItem(_("Needs"), reverse("contracts:need-list"), "megaphone", section))
    result.append(NavItem(_("Offerings"), reverse("contracts:offering-list"), "shop", section))
    result.append(NavItem(_("Matching events"), reverse("contracts:event-list"), "people", section))
    return result
