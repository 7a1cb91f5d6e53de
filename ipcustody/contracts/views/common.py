"""A POST-only action view: look up (404), check (403), call one service, report its message, go back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views import View

from ipcustody.core.views import ActorRequiredMixin


class ActionView(ActorRequiredMixin, View):
    """Subclasses define `lookup(actor, pk)` and `actions = {name: (permission, service, success message)}`."""

    http_method_names = ["post"]
    actions: dict[str, tuple[Any, Any, Any]] = {}

    def lookup(self, actor, pk):
        raise NotImplementedError

    def post(self, request, pk, action):
        from django.http import Http404

        from ipcustody.core.views import require

        obj = self.lookup(self.actor, pk)
        if action not in self.actions:
            raise Http404
        allowed, service, done = self.actions[action]
        require(allowed(self.actor, obj))
        try:
            result = service(self.actor, obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(obj.get_absolute_url())
        messages.success(request, done)
        target = result if hasattr(result, "get_absolute_url") else obj
        return redirect(target.get_absolute_url())
