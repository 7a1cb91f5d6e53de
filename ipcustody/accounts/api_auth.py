"""API authentication: personal tokens (acting for one membership) and the browser session."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from ipcustody.audit.services import set_actor
from ipcustody.core.actor import Actor

from .services import authenticate_token


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = authenticate_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        actor = Actor(user=token.user, membership=token.membership)
        set_actor(actor)
        return (token.user, actor)


class ActorSessionAuthentication(authentication.SessionAuthentication):
    """The browsable API and HTMX calls use the page session, and the organisation chosen there."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, _auth = result
        actor = request._request.actor
        return (user, actor)
