"""Needs, offerings, matching and matching events."""

from __future__ import annotations

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipcustody.audit.views import HistoryView
from ipcustody.core.forms import model_data
from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView
from ipcustody.directory.models import Enterprise

from .. import services
from ..filters import EventFilter, NeedFilter, OfferingFilter
from ..forms import EventForm, NeedForm, OfferingForm
from ..models import MatchingEvent, Need, NeedStatus, Offering, OfferingStatus
from .common import ActionView

__all__ = ["NeedList", "NeedDetail", "NeedFormView", "NeedActions", "NeedHistory", "OfferingList", "OfferingDetail",
           "OfferingFormView", "OfferingActions", "OfferingHistory", "EventList", "EventDetail", "EventFormView",
           "EventHistory"]


def _items(o) -> str:
    return "、".join(str(i) for i in o.service_items.all())


# --- needs ------------------------------------------------------------------------------------------------------


class NeedList(ScopedListView):
    model = Need
    filterset_class = NeedFilter
    title = _("Needs")
    row_template = "contracts/_need_row.html"
    export_name = "needs"
    default_sort = "-created_at"
    create_url = reverse_lazy("contracts:need-create")
    columns = [
        Column("title", _("title"), sort="title", export=lambda o: o.title),
        Column("enterprise", _("enterprise"), sort="enterprise__name", export=lambda o: o.enterprise.name),
        Column("items", _("service items needed"), export=_items),
        Column("urgency", _("urgency"), sort="urgency", export=lambda o: o.get_urgency_display()),
        Column("open_to_market", _("open to the market"), sort="open_to_market", export=lambda o: o.open_to_market),
        Column("created_at", _("published"), sort="created_at", export=lambda o: o.created_at.date()),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
    ]

    def optimise(self, queryset):
        return queryset.select_related("enterprise").prefetch_related("service_items")

    def can_create(self) -> bool:
        return services.can_publish_need(self.actor)


class NeedDetail(ActorRequiredMixin, TemplateView):
    template_name = "contracts/need_detail.html"

    def get_context_data(self, **kwargs):
        need = services.get_need_for_user(self.actor, kwargs["pk"])
        can_match = services.can_see_matching(self.actor, need)
        matches = services.match_need(need) if can_match else None
        return super().get_context_data(
            object=need,
            items=need.service_items.all(),
            matches=matches,
            # annual assessments are not recorded yet: the page says so instead of claiming the criterion counts
            assessment_counts=any(m.assessed for m in matches or []),
            can_edit=services.can_edit_need(self.actor, need),
            can_draft=services.is_park_writer(self.actor, need.enterprise.park_id),
            statuses=NeedStatus,
        )


class NeedFormView(ScopedFormView):
    def get_object(self):
        return services.get_need_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit need") if self.object else _("Publish a need")

    def allowed(self, obj) -> bool:
        return services.can_edit_need(self.actor, obj) if obj else services.can_publish_need(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": NeedForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        return services.save_need(self.actor, obj, model_data(form), service_items=form.cleaned_data["service_items"])

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("contracts:need-list")


def _need_status(new):
    return lambda actor, need: services.set_need_status(actor, need, new)


class NeedActions(ActionView):
    lookup = staticmethod(services.get_need_for_user)
    actions = {
        "withdraw": (services.can_edit_need, _need_status(NeedStatus.WITHDRAWN), _("The need is withdrawn.")),
        "matched": (services.can_edit_need, _need_status(NeedStatus.MATCHED), _("The need is marked as matched.")),
        "reopen": (services.can_edit_need, _need_status(NeedStatus.OPEN), _("The need is open again.")),
    }


class NeedHistory(HistoryView):
    lookup = staticmethod(services.get_need_for_user)


# --- offerings --------------------------------------------------------------------------------------------------


class OfferingList(ScopedListView):
    model = Offering
    filterset_class = OfferingFilter
    title = _("Offerings")
    row_template = "contracts/_offering_row.html"
    export_name = "offerings"
    default_sort = "agency"
    create_url = reverse_lazy("contracts:offering-create")
    columns = [
        Column("agency", _("custody agency"), sort="agency__name", export=lambda o: o.agency.name),
        Column("title", _("title"), sort="title", export=lambda o: o.title),
        Column("items", _("service items offered"), export=_items),
        Column("segments", _("industry experience"), export=lambda o: "、".join(str(s) for s in o.segments.all())),
        Column("staff_count", _("staff available"), sort="staff_count", export=lambda o: o.staff_count),
        Column("capacity", _("capacity (enterprises)"), sort="capacity", export=lambda o: o.capacity),
        Column("price", _("price range (yuan per year)"), sort="price_min",
               export=lambda o: f"{o.price_min}–{o.price_max}"),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
    ]

    def optimise(self, queryset):
        return queryset.select_related("agency").prefetch_related("service_items", "segments")

    def can_create(self) -> bool:
        return services.can_publish_offering(self.actor)


class OfferingDetail(ActorRequiredMixin, TemplateView):
    template_name = "contracts/offering_detail.html"

    def get_context_data(self, **kwargs):
        offering = services.get_offering_for_user(self.actor, kwargs["pk"])
        return super().get_context_data(
            object=offering, items=offering.service_items.all(), segments=offering.segments.all(),
            can_edit=services.can_edit_offering(self.actor, offering), statuses=OfferingStatus,
        )


class OfferingFormView(ScopedFormView):
    def get_object(self):
        return services.get_offering_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit offering") if self.object else _("Publish an offering")

    def allowed(self, obj) -> bool:
        return services.can_edit_offering(self.actor, obj) if obj else services.can_publish_offering(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": OfferingForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        return services.save_offering(self.actor, obj, model_data(form), service_items=form.cleaned_data["service_items"],
                                      segments=form.cleaned_data["segments"])

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("contracts:offering-list")


class OfferingActions(ActionView):
    lookup = staticmethod(services.get_offering_for_user)
    actions = {
        "withdraw": (services.can_edit_offering,
                     lambda actor, o: services.set_offering_status(actor, o, OfferingStatus.WITHDRAWN),
                     _("The offering is withdrawn.")),
        "publish": (services.can_edit_offering,
                    lambda actor, o: services.set_offering_status(actor, o, OfferingStatus.ACTIVE),
                    _("The offering is published again.")),
    }


class OfferingHistory(HistoryView):
    lookup = staticmethod(services.get_offering_for_user)


# --- matching events --------------------------------------------------------------------------------------------


class EventList(ScopedListView):
    model = MatchingEvent
    filterset_class = EventFilter
    title = _("Matching events")
    row_template = "contracts/_event_row.html"
    export_name = "matching-events"
    default_sort = "-held_on"
    create_url = reverse_lazy("contracts:event-create")
    columns = [
        Column("title", _("title"), sort="title", export=lambda o: o.title),
        Column("held_on", _("held on"), sort="held_on", export=lambda o: o.held_on),
        Column("park", _("park / association"), sort="park__name", export=lambda o: o.park.name),
        Column("place", _("place"), sort="place", export=lambda o: o.place),
        Column("enterprises", _("enterprises attending"), export=lambda o: len(o.enterprises.all())),
        Column("agencies", _("agencies attending"), export=lambda o: len(o.agencies.all())),
    ]

    def optimise(self, queryset):
        return queryset.select_related("park").prefetch_related("enterprises", "agencies")

    def can_create(self) -> bool:
        return services.can_record_events(self.actor)


class EventDetail(ActorRequiredMixin, TemplateView):
    template_name = "contracts/event_detail.html"

    def get_context_data(self, **kwargs):
        event = services.get_event_for_user(self.actor, kwargs["pk"])
        scope = scope_for(self.actor)
        enterprises = event.enterprises.order_by("name")
        if scope.kind in {ScopeKind.AGENCY, ScopeKind.ENTERPRISE}:
            # An attending agency or enterprise sees, among the enterprises that came, only those it may see anyway
            # (itself; the enterprises an agency serves). Agencies are named to everyone who may see the event:
            # their offerings are public.
            enterprises = enterprises.filter(pk__in=Enterprise.objects.visible_to(self.actor).values("pk"))
        return super().get_context_data(
            object=event, enterprises=enterprises, agencies=event.agencies.all(),
            can_edit=services.can_edit_event(self.actor, event),
        )


class EventFormView(ScopedFormView):
    def get_object(self):
        return services.get_event_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit matching event") if self.object else _("Record a matching event")

    def allowed(self, obj) -> bool:
        return services.can_edit_event(self.actor, obj) if obj else services.can_record_events(self.actor)

    def make_forms(self, obj, data=None, files=None):
        return {"form": EventForm(data, instance=obj, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        data = {k: v for k, v in model_data(form).items()}
        return services.save_event(self.actor, obj, data, enterprises=form.cleaned_data["enterprises"],
                                   agencies=form.cleaned_data["agencies"])

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("contracts:event-list")


class EventHistory(HistoryView):
    lookup = staticmethod(services.get_event_for_user)
