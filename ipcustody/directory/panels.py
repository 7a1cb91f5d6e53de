"""Panels other apps add to an enterprise's page (the contracts app shows the enterprise's custody contracts).

A panel is a callable `(request, actor, enterprise) -> html`; it must apply its own scoping. Registered from an
AppConfig.ready(), so the directory never imports the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import mark_safe

Panel = Callable[..., str]
_panels: list[Panel] = []


def register_enterprise_panel(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def enterprise_panels(request, actor, enterprise) -> list[str]:
    return [mark_safe(panel(request, actor, enterprise)) for panel in _panels]
