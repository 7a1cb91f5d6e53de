"""The default API permission (kept apart from api.py: DRF imports it while its own views module loads)."""

from __future__ import annotations

from rest_framework import exceptions, permissions

from .actor import Actor
from .scoping import ScopeKind, scope_for


class HasActor(permissions.BasePermission):
    """Authenticated, and acting for an organisation with some scope; otherwise nothing is visible (404 style)."""

    def has_permission(self, request, view) -> bool:
        if request.user is None or not getattr(request.user, "is_authenticated", False):
            raise exceptions.NotAuthenticated
        actor = request.auth
        if not isinstance(actor, Actor) or scope_for(actor).kind is ScopeKind.NONE:
            raise exceptions.NotFound
        return True
