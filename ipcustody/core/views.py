"""Generic page views that every app builds on: scoped lists (filter, sort, page, export) and the home page.

A list's queryset always starts from `Model.objects.visible_to(actor)`; nothing here can widen it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .scoping import ScopeKind, scope_for

PAGE_SIZES = (20, 50, 100)


class ActorRequiredMixin(LoginRequiredMixin):
    """Logged in, and acting for an organisation; a user with no membership sees no business pages."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.actor = request.actor
        if scope_for(self.actor).kind is ScopeKind.NONE:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def require(allowed: bool) -> None:
    """Visible but not writable → 403."""
    if not allowed:
        raise PermissionDenied


class Column:
    """A list column: header, how to sort by it (an ORM ordering) and how to export it."""

    def __init__(self, key: str, label: Any, *, sort: str | None = None, export: Callable[[Any], Any] | None = None):
        self.key = key
        self.label = label
        self.sort = sort
        self.export = export


class ScopedListView(ActorRequiredMixin, TemplateView):
    model: type
    filterset_class: type
    columns: list[Column] = []
    default_sort: str = "name"
    row_template: str
    export_name: str = "export"
    title: Any = ""
    create_url: str | None = None
    # a list that needs other cells or another empty state extends these templates' blocks
    template_name = "core/list.html"
    results_template = "core/_list_results.html"
    search_placeholder: Any = None

    def base_queryset(self) -> QuerySet:
        return self.model.objects.visible_to(self.actor)

    def optimise(self, queryset: QuerySet) -> QuerySet:
        """select_related / annotate for the columns, so the page costs the same few queries at any size."""
        return queryset

    def can_create(self) -> bool:
        return False

    def sorted(self, queryset: QuerySet) -> tuple[QuerySet, str]:
        requested = self.request.GET.get("sort", self.default_sort)
        allowed = {c.key: c.sort for c in self.columns if c.sort}
        key = requested.lstrip("-")
        if key not in allowed:
            requested, key = self.default_sort, self.default_sort.lstrip("-")
        ordering = allowed.get(key, key)
        descending = requested.startswith("-")
        return queryset.order_by(("-" if descending else "") + ordering, "pk"), requested

    def filterset_kwargs(self) -> dict[str, Any]:
        return {"actor": self.actor}

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(request.GET or None, queryset=self.base_queryset(), **self.filterset_kwargs())
        queryset = self.filterset.qs if self.filterset.is_bound else self.filterset.queryset
        queryset, self.sort = self.sorted(self.optimise(queryset))
        if request.GET.get("export") == "xlsx":
            return self.export(queryset)
        return super().get(request, *args, **kwargs, queryset=queryset)

    def get_context_data(self, queryset: QuerySet, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            size = int(self.request.GET.get("size", PAGE_SIZES[0]))
        except ValueError:
            size = PAGE_SIZES[0]
        size = size if size in PAGE_SIZES else PAGE_SIZES[0]
        paginator = Paginator(queryset, size)
        page = paginator.get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            title=self.title,
            filter=self.filterset,
            page_obj=page,
            rows=page.object_list,
            columns=self.columns,
            sort=self.sort,
            page_size=size,
            page_sizes=PAGE_SIZES,
            querystring=params.urlencode(),
            row_template=self.row_template,
            results_template=self.results_template,
            search_placeholder=self.search_placeholder,
            can_create=self.can_create(),
            create_url=self.create_url,
            is_filtered=any(v for k, v in self.request.GET.items() if k not in {"sort", "page", "size"}),
        )
        return context

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "list-results":
            return [self.results_template]
        return [self.template_name]

    def export(self, queryset: QuerySet) -> HttpResponse:
        """Export exactly what is filtered, in the on-screen order, as .xlsx."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(self.title)[:31] or "Sheet1")
        columns = [c for c in self.columns if c.export]
        sheet.append([str(c.label) for c in columns])
        for row in queryset.iterator(chunk_size=2000):
            sheet.append([_cell(c.export(row)) for c in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        filename = f"{self.export_name}-{timezone.localdate():%Y%m%d}.xlsx"
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _relations_in_force(actor, scope, enterprises) -> int:
    """Custody relations in force among the enterprises the actor sees (an agency counts only its own)."""
    from ipcustody.directory.relations import active_relations

    relations = active_relations().filter(enterprise__in=enterprises)
    if scope.kind is ScopeKind.AGENCY:
        relations = relations.filter(agency_id=scope.agency_id)
    return relations.count()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, int | float | str) or hasattr(value, "isoformat"):
        return value
    return str(value)


class ScopedFormView(ActorRequiredMixin, TemplateView):
    """Create or edit one object through a service: 404 when not visible, 403 when not writable.

    Errors the service raises (model validation, constraints) are put back on the form next to their field, and
    the user's input is kept.
    """

    template_name = "core/form.html"
    title: Any = ""

    def get_object(self):
        return None

    def allowed(self, obj) -> bool:
        raise NotImplementedError

    def make_forms(self, obj, data=None, files=None) -> dict[str, Any]:
        """The main form under "form", plus any formsets."""
        raise NotImplementedError

    def save(self, obj, forms: dict[str, Any]):
        raise NotImplementedError

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def cancel_url(self, obj) -> str | None:
        return obj.get_absolute_url() if obj is not None else None

    def _prepare(self):
        self.object = self.get_object()
        require(self.allowed(self.object))

    def get(self, request, *args, **kwargs):
        self._prepare()
        return self.render_to_response(self.context(self.make_forms(self.object)))

    def post(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.shortcuts import redirect

        self._prepare()
        forms = self.make_forms(self.object, request.POST, request.FILES)
        if all(f.is_valid() for f in forms.values()):
            try:
                obj = self.save(self.object, forms)
            except ValidationError as exc:
                _apply_errors(forms["form"], exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.success_url(obj))
        return self.render_to_response(self.context(forms), status=400)

    def context(self, forms: dict[str, Any]) -> dict[str, Any]:
        return self.get_context_data(
            title=self.title, object=self.object, cancel_url=self.cancel_url(self.object), **forms
        )


def _apply_errors(form, exc) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class HomeView(LoginRequiredMixin, TemplateView):
    """The overview: what the acting organisation can see, one click from each list."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        from ipcustody.directory.models import Agency, Enterprise, Park

        actor = self.request.actor
        scope = scope_for(actor)
        context = super().get_context_data(title=_("Overview"), scope=scope.kind.value, **kwargs)
        if scope.kind is ScopeKind.NONE:
            return context
        enterprises = Enterprise.objects.visible_to(actor)
        segments = (
            enterprises.values("segment__name_zh", "segment__name_en")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        from django.utils.translation import get_language

        english = not (get_language() or "zh").startswith("zh")
        from . import panels

        context.update(
            panels=panels.render("home", self.request, actor),
            counts={
                "enterprises": enterprises.count(),
                "parks": Park.objects.visible_to(actor).count(),
                "agencies": Agency.objects.visible_to(actor).count(),
                "links": _relations_in_force(actor, scope, enterprises),
            },
            segment_chart=[
                {
                    "name": (row["segment__name_en"] if english and row["segment__name_en"] else row["segment__name_zh"])
                    or str(_("Unclassified")),
                    "value": row["n"],
                }
                for row in segments
            ],
        )
        return context
