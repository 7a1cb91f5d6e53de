"""Home-page panels contributed by apps (the deadlines app shows what is due): each provider returns a template
name and its context, or None when it has nothing for this actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .actor import Actor
from .scoping import Scope

Provider = Callable[[Actor, Scope], tuple[str, dict[str, Any]] | None]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def panels_for(actor: Actor, scope: Scope) -> list[tuple[str, dict[str, Any]]]:
    return [panel for provider in _providers if (panel := provider(actor, scope)) is not None]
