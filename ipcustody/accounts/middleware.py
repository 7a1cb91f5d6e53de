"""Resolve `request.actor` (user + membership in use) once per request, and make it the change log's actor."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from ipcustody.audit.services import _current
from ipcustody.core.actor import Actor

from .services import SESSION_KEY, active_membership


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: _resolve(request))
        token = _current.set(request.actor)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def _resolve(request) -> Actor:
    user = request.user if request.user.is_authenticated else None
    if user is None:
        return Actor(user=None)
    return Actor(user=user, membership=active_membership(user, request.session.get(SESSION_KEY)))
