from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.navigation import NavItem
from ipcustody.core.scoping import Scope

from . import services


def items(actor: Actor, scope: Scope) -> list[NavItem]:
    section = _("IP archive")
    result = [
        NavItem(_("Assets"), reverse("archive:asset-list"), "archive", section),
        NavItem(_("Patent analysis"), reverse("archive:analysis"), "bar-chart", section),
    ]
    if services.can_create_asset(actor):
        result.append(NavItem(_("Import"), reverse("archive:import"), "upload", section))
    return result
