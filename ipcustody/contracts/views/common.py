"""Shared views: a POST-only action view (look up (404), check (403), call one service, report its message, go back)
and a history page whose entries are narrowed per reader."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views import View

from ipcustody.audit.models import ChangeLogEntry
from ipcustody.audit.views import HistoryView, describe
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


class ScopedHistoryView(HistoryView):
    """An object's history page (looked up like the object: 404 when not visible) showing only the entries this
    reader may read: `visible_entries(actor, obj, entries)` narrows the change-log entries rooted on the object
    (say, a tender's history holds every bidder's bid; a bidder reads only its own)."""

    visible_entries: Any  # (actor, obj, QuerySet[ChangeLogEntry]) -> QuerySet[ChangeLogEntry]

    def get_context_data(self, **kwargs):
        obj = self.lookup(self.actor, kwargs["pk"])
        ct = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
        entries = ChangeLogEntry.objects.filter(root_content_type=ct, root_object_id=str(obj.pk))
        entries = (
            self.visible_entries(self.actor, obj, entries)
            .select_related("content_type", "organisation")
            .order_by("-timestamp", "-pk")
        )
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        # skip HistoryView's own (unfiltered) query; keep the rest of the chain
        return super(HistoryView, self).get_context_data(
            object=obj, page_obj=page, rows=[describe(e) for e in page.object_list]
        )
