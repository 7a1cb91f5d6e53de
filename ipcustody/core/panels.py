"""Panels that apps add to other apps' pages, by slot, so no app imports the apps built on top of it.

- "home": the overview page (the deadlines app shows what is due);
- "enterprise": an enterprise's page (the contracts app shows its custody contracts);
- "asset": an asset's page in the archive (the deadlines app shows the asset's deadlines).

A provider is `(request, actor, obj) -> html or None`, registered from its AppConfig.ready(); it applies its own
scoping (it is handed an object the actor may see, and must show only what the actor may see of the rest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from .actor import Actor

Provider = Callable[[Any, Actor, Any], str | None]
_providers: dict[str, list[Provider]] = defaultdict(list)


def register(slot: str, provider: Provider) -> None:
    if provider not in _providers[slot]:
        _providers[slot].append(provider)


def render(slot: str, request, actor: Actor, obj: Any = None) -> list[SafeString]:
    return [mark_safe(html) for provider in _providers[slot] if (html := provider(request, actor, obj))]
