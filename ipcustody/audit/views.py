"""An object's history page, scoped exactly like the object itself."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.views.generic import TemplateView

from ipcustody.core.views import ActorRequiredMixin

from .models import ChangeLogEntry


class HistoryView(ActorRequiredMixin, TemplateView):
    template_name = "audit/history.html"
    lookup: Any  # (actor, pk) -> object, raising 404 when not visible

    def get_context_data(self, **kwargs):
        obj = self.lookup(self.actor, kwargs["pk"])
        ct = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
        entries = (
            ChangeLogEntry.objects.filter(root_content_type=ct, root_object_id=str(obj.pk))
            .select_related("content_type", "organisation")
            .order_by("-timestamp", "-pk")
        )
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(object=obj, page_obj=page, rows=[describe(e) for e in page.object_list])


def describe(entry: ChangeLogEntry) -> dict[str, Any]:
    """Turn raw field names and stored values into labels a reader understands (choices shown by label)."""
    model = entry.content_type.model_class()
    changes = []
    for name, (old, new) in entry.changes.items():
        label, old_text, new_text = name, old, new
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except Exception:  # a field removed since the entry was written
                field = None
            if field is not None:
                label = getattr(field, "verbose_name", name)
                if getattr(field, "choices", None) and not field.many_to_many:
                    choices = dict(field.flatchoices)
                    old_text, new_text = choices.get(old, old), choices.get(new, new)
        changes.append({"field": label, "old": _text(old_text), "new": _text(new_text)})
    return {"entry": entry, "model_name": model._meta.verbose_name if model else "", "changes": changes}


def _text(value: Any) -> Any:
    from django.utils.translation import gettext as _

    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    return value
