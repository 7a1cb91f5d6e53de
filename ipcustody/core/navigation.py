"""The left navigation, per role: only what the actor may open appears (access itself is enforced by views).

Each app contributes its own items from its AppConfig.ready() with `register(provider)`; the frame shows them
in INSTALLED_APPS order, grouped by section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .actor import Actor
from .scoping import Scope, ScopeKind, scope_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    section: str


Provider = Callable[[Actor, Scope], list[NavItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def items_for(actor: Actor) -> list[NavItem]:
    scope = scope_for(actor)
    if scope.kind is ScopeKind.NONE:
        return []
    items = [NavItem(_("Home"), reverse("home"), "house", _("Overview"))]
    for provider in _providers:
        items.extend(provider(actor, scope))
    return items
