"""Archive pages: the asset list (search, filters, export), detail, create/edit, events, attachments, history.

The import pages are in views_import.py and the analysis in views_analysis.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ipcustody.audit.views import HistoryView
from ipcustody.core import panels
from ipcustody.core.forms import model_data
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView, require

from . import services
from .filters import AssetFilter
from .forms import AssetForm, AttachmentForm, EventForm
from .models import Asset, AssetKind


class AssetList(ScopedListView):
    model = Asset
    filterset_class = AssetFilter
    title = _("IP archive")
    row_template = "archive/_asset_row.html"
    export_name = "ip-archive"
    create_url = reverse_lazy("archive:asset-create")
    default_sort = "-filing_date"
    columns = [
        Column("number", _("number"), sort="number", export=lambda o: o.number),
        Column("title", _("title"), sort="title", export=lambda o: o.title),
        Column("kind", _("kind"), sort="kind", export=lambda o: o.get_kind_display()),
        Column("owner", _("enterprise"), sort="owner__name", export=lambda o: o.owner.name),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
        Column("filing_date", _("filing date"), sort="filing_date", export=lambda o: o.filing_date),
        Column("grant_date", _("grant / registration date"), sort="grant_date", export=lambda o: o.grant_date),
        Column("right_holders", _("right holders"), export=lambda o: o.right_holders),
        Column("main_class", _("IPC"), sort="main_class", export=lambda o: o.main_class),
    ]

    def optimise(self, queryset):
        # one query for the page: the owner's name by join, no large text columns
        return queryset.select_related("owner").only(
            "pk", "kind", "title", "number", "status", "status_since", "filing_date", "grant_date", "right_holders",
            "grant_number", "main_class", "owner__name", "owner__organisation_ptr",
        )

    def can_create(self) -> bool:
        return services.can_create_asset(self.actor)

    template_name = "archive/asset_list.html"
    results_template = "archive/_asset_results.html"
    search_placeholder = _("Title, abstract, right holder, inventor, number")

    def get_context_data(self, queryset, **kwargs):
        context = super().get_context_data(queryset, **kwargs)
        context["kinds"] = [k for k in AssetKind.choices]
        return context


class AssetDetail(ActorRequiredMixin, TemplateView):
    template_name = "archive/asset_detail.html"

    def get_context_data(self, **kwargs):
        asset = services.get_asset_for_user(self.actor, kwargs["pk"])
        services.record_view(self.actor, asset)
        can_edit = services.can_edit_asset(self.actor, asset)
        return super().get_context_data(
            object=asset,
            title=asset.title,
            events=asset.events.all(),
            attachments=asset.attachments.all(),
            staff=asset.responsible_staff.all(),
            panels=panels.render("asset", self.request, self.actor, asset),
            can_edit=can_edit,
            event_form=EventForm() if can_edit and not asset.is_trade_secret else None,
            attachment_form=AttachmentForm() if can_edit else None,
        )


class AssetFormView(ScopedFormView):
    def get_object(self):
        return services.get_asset_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def kind(self) -> str:
        if self.object is not None:
            return self.object.kind
        kind = self.request.GET.get("kind") or self.request.POST.get("_kind") or AssetKind.INVENTION
        if kind not in AssetKind.values:
            raise Http404
        return kind

    @property
    def title(self):
        if self.object:
            return _("Edit %(kind)s") % {"kind": self.object.get_kind_display()}
        return _("New %(kind)s") % {"kind": AssetKind(self.kind).label}

    def allowed(self, obj) -> bool:
        return services.can_edit_asset(self.actor, obj) if obj else services.can_create_asset(self.actor)

    def make_forms(self, obj, data=None, files=None):
        instance = obj or Asset(kind=self.kind)
        return {"form": AssetForm(data, instance=instance, actor=self.actor, kind=self.kind)}

    def save(self, obj, forms):
        form = forms["form"]
        data = model_data(form)
        if obj is None:
            data["kind"] = self.kind
        staff = form.cleaned_data.get("responsible_staff")
        return services.save_asset(self.actor, obj, data, responsible_staff=staff)

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("archive:asset-list")

    def context(self, forms):
        context = super().context(forms)
        context["kind"] = self.kind
        return context

    def get_template_names(self):
        return ["archive/asset_form.html"]


class AssetDelete(ActorRequiredMixin, View):
    def post(self, request, pk):
        asset = services.get_asset_for_user(self.actor, pk)
        require(services.can_edit_asset(self.actor, asset))
        services.delete_asset(self.actor, asset, request.POST.get("reason", ""))
        messages.success(request, _("The asset was removed from the archive; its record and history are kept."))
        return redirect("archive:asset-list")


class EventFormView(ScopedFormView):
    """Add an event to an asset (asset pk) or correct one (event pk)."""

    def _prepare(self):
        if "event" in self.kwargs:
            self.object = services.get_event_for_user(self.actor, self.kwargs["event"])
            self.asset = self.object.asset
        else:
            self.object = None
            self.asset = services.get_asset_for_user(self.actor, self.kwargs["pk"])
        require(services.can_edit_asset(self.actor, self.asset))
        if self.asset.is_trade_secret:
            raise Http404

    @property
    def title(self):
        return _("Correct legal event") if self.object else _("Add legal event")

    def make_forms(self, obj, data=None, files=None):
        return {"form": EventForm(data, instance=obj)}

    def save(self, obj, forms):
        return services.save_event(self.actor, self.asset, obj, forms["form"].cleaned_data)

    def success_url(self, obj):
        return self.asset.get_absolute_url() + "#events"

    def cancel_url(self, obj):
        return self.asset.get_absolute_url()


class EventDelete(ActorRequiredMixin, View):
    def post(self, request, event):
        obj = services.get_event_for_user(self.actor, event)
        require(services.can_edit_asset(self.actor, obj.asset))
        try:
            services.delete_event(self.actor, obj)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The event was removed; the status was derived again."))
        return redirect(obj.asset.get_absolute_url() + "#events")


class AttachmentCreate(ActorRequiredMixin, View):
    def post(self, request, pk):
        asset = services.get_asset_for_user(self.actor, pk)
        require(services.can_edit_asset(self.actor, asset))
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_attachment(self.actor, asset, form.cleaned_data["file"], form.cleaned_data["name"])
            messages.success(request, _("The file was attached."))
        else:
            messages.error(request, _("Choose a file to attach."))
        return redirect(asset.get_absolute_url() + "#attachments")


class AttachmentDownload(ActorRequiredMixin, View):
    """Attachments are served through the scoping, never from a public media URL."""

    def get(self, request, pk):
        attachment = services.get_attachment_for_user(self.actor, pk)
        services.record_view(self.actor, attachment.asset)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


class AttachmentDelete(ActorRequiredMixin, View):
    def post(self, request, pk):
        attachment = services.get_attachment_for_user(self.actor, pk)
        require(services.can_edit_asset(self.actor, attachment.asset))
        services.delete_attachment(self.actor, attachment)
        return redirect(attachment.asset.get_absolute_url() + "#attachments")


class AssetHistory(HistoryView):
    lookup = staticmethod(services.get_asset_for_user)


