"""API plumbing shared by every app: the actor permission and a scoped model viewset base."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, viewsets

from .actor import Actor
from .api_permissions import HasActor  # noqa: F401  (re-exported for apps)


class ScopedViewSet(viewsets.GenericViewSet):
    """Querysets start from `visible_to(actor)`; writes go through the app's services.

    Django's PermissionDenied and ValidationError raised by a service become 403 and 400 answers, so the API and
    the pages share one set of rules.
    """

    model: type

    @property
    def actor(self) -> Actor:
        return self.request.auth

    def get_queryset(self):
        return self.model.objects.visible_to(self.actor)

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied()
        elif isinstance(exc, Http404):
            exc = exceptions.NotFound()
        elif isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            )
        return super().handle_exception(exc)
