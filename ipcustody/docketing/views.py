"""Deadline pages: the warning list, a deadline with its rule and "mark done", policies, calendar feed, forecast."""

from __future__ import annotations

import datetime
import io
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ipcustody.archive.models import Asset
from ipcustody.core.actor import Actor
from ipcustody.core.navigation import NavItem
from ipcustody.core.scoping import Scope, ScopeKind, scope_for
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView, require
from ipcustody.directory.models import Agency, Enterprise, Park
from ipcustody.directory.relations import active_relations

from . import levels, services
from .filters import DeadlineFilter
from .forms import MarkDoneForm, PolicyForm
from .models import Deadline, DeadlineStatus


def navigation_items(actor: Actor, scope: Scope) -> list[NavItem]:
    section = gettext_lazy("Deadlines")
    return [
        NavItem(gettext_lazy("Early warning"), reverse("docketing:deadline-list"), "alarm", section),
        NavItem(gettext_lazy("Fee forecast"), reverse("docketing:forecast"), "cash-coin", section),
        NavItem(gettext_lazy("Warning settings"), reverse("docketing:settings"), "sliders", section),
    ]


def level_counts(actor: Actor, thresholds: tuple[int, ...]) -> dict[str, int]:
    """Open obligations by warning level, in one query."""
    today = timezone.localdate()
    aggregates = {levels.OVERDUE: Count("pk", filter=Q(due_date__lt=today))}
    for days in thresholds:
        aggregates[f"within_{days}"] = Count(
            "pk", filter=Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))
        )
    return Deadline.objects.visible_to(actor).open().filter(obligation=True).aggregate(**aggregates)


def home_panel(request, actor: Actor, obj=None) -> str:
    """The everyday question, one click from home: what is due, and what is overdue."""
    thresholds, _opportunities = services.policy_for(actor.organisation)
    counts = level_counts(actor, thresholds)
    urgent = (
        Deadline.objects.visible_to(actor).open().filter(obligation=True)
        .filter(due_date__lte=timezone.localdate() + datetime.timedelta(days=min(thresholds)))
        .select_related("asset", "owner").order_by("due_date", "pk")[:8]
    )
    today = timezone.localdate()
    tiles = [(levels.OVERDUE, _("Overdue"), counts[levels.OVERDUE], "danger")]
    tiles += [(f"within_{n}", _("Within %(days)s days") % {"days": n}, counts[f"within_{n}"],
               levels.colour(f"within_{n}", thresholds)) for n in sorted(thresholds)]
    rows = [(d, d.level(today, thresholds), levels.colour(d.level(today, thresholds), thresholds),
             levels.days_left(d.due_date, today)) for d in urgent]
    return render_to_string("docketing/_home_panel.html", {"panel": {"tiles": tiles, "rows": rows}}, request=request)


def asset_panel(request, actor: Actor, asset) -> str | None:
    """The asset's deadlines on its archive page, with the rule behind each date."""
    deadlines = list(Deadline.objects.visible_to(actor).filter(asset=asset).exclude(status=DeadlineStatus.CLOSED)
                     .order_by("status", "due_date")[:30])
    if not deadlines:
        return None
    today = timezone.localdate()
    thresholds = services.policy_for(actor.organisation)[0]
    rows = [_row(d, today, thresholds) for d in deadlines]
    return render_to_string("docketing/_asset_panel.html", {"rows": rows}, request=request)


class ThresholdsMixin:
    def thresholds(self) -> tuple[int, ...]:
        if not hasattr(self, "_thresholds"):
            self._thresholds = services.policy_for(self.actor.organisation)[0]
        return self._thresholds


class DeadlineList(ThresholdsMixin, ScopedListView):
    model = Deadline
    filterset_class = DeadlineFilter
    title = gettext_lazy("Early warning")
    row_template = "docketing/_deadline_row.html"
    export_name = "deadlines"
    default_sort = "due_date"
    columns = [
        Column("due_date", gettext_lazy("due date"), sort="due_date", export=lambda d: d.due_date),
        Column("kind", gettext_lazy("deadline"), sort="kind", export=lambda d: str(d).rsplit(" · ", 1)[0]),
        Column("asset", gettext_lazy("asset"), sort="asset__title",
               export=lambda d: f"{d.asset.title} {d.asset.number}".strip()),
        Column("owner", gettext_lazy("enterprise"), sort="owner__name", export=lambda d: d.owner.name),
        Column("fee", gettext_lazy("fee"), sort="fee", export=lambda d: d.fee),
        Column("grace_until", gettext_lazy("grace period until"), sort="grace_until", export=lambda d: d.grace_until),
        Column("status", gettext_lazy("status"), sort="status", export=lambda d: d.get_status_display()),
    ]

    def filterset_kwargs(self):
        return {"actor": self.actor, "thresholds": self.thresholds()}

    def optimise(self, queryset):
        return queryset.select_related("asset", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["rows"] = [_row(d, today, self.thresholds()) for d in context["rows"]]
        return context


def _row(deadline: Deadline, today, thresholds):
    deadline.level_name = deadline.level(today, thresholds)
    deadline.level_colour = levels.colour(deadline.level_name, thresholds)
    deadline.days_left = levels.days_left(deadline.due_date, today)
    return deadline


class DeadlineDetail(ThresholdsMixin, ActorRequiredMixin, TemplateView):
    template_name = "docketing/deadline_detail.html"

    def get_context_data(self, **kwargs):
        deadline = services.get_deadline_for_user(self.actor, kwargs["pk"])
        _row(deadline, timezone.localdate(), self.thresholds())
        can_mark = deadline.status == DeadlineStatus.OPEN and services.can_mark_done(self.actor, deadline)
        return super().get_context_data(
            object=deadline, title=str(deadline), can_mark=can_mark,
            form=kwargs.get("form") or (MarkDoneForm() if can_mark else None),
            others=Deadline.objects.filter(asset=deadline.asset).exclude(pk=deadline.pk).order_by("due_date")[:20],
        )

    def post(self, request, pk: int):
        deadline = services.get_deadline_for_user(self.actor, pk)
        require(services.can_mark_done(self.actor, deadline))
        form = MarkDoneForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.mark_done(self.actor, deadline, done_on=form.cleaned_data["done_on"],
                                   note=form.cleaned_data["note"], evidence=form.cleaned_data["evidence"])
            except ValidationError as exc:
                for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Marked done; the legal event is on the asset's record."))
                return redirect("docketing:deadline-detail", pk=pk)
        return self.render_to_response(self.get_context_data(pk=pk, form=form), status=400)


class EvidenceDownload(ActorRequiredMixin, View):
    def get(self, request, pk: int):
        deadline = services.get_deadline_for_user(self.actor, pk)
        if not deadline.evidence:
            raise Http404
        return FileResponse(deadline.evidence.open("rb"), as_attachment=True,
                            filename=deadline.evidence.name.rsplit("/", 1)[-1])


def rule_choices() -> list[tuple[str, str, str]]:
    """The points the domain sheet marks unsettled, with the default the platform applies (shown to users)."""
    from . import derive as d
    from . import tables as t

    yes, no = _("yes"), _("no")
    return [
        (_("Patent term ends"), _("on the filing-date anniversary") if t.PATENT_EXPIRY_CONVENTION == "anniversary"
         else _("the day before the anniversary"),
         _("Sources disagree (IR Rule 5 reading and CNIPA records vs. the Guidelines' patent year).")),
        (_("Trademark term ends"), _("the day before the 10th anniversary") if t.TRADEMARK_EXPIRY_CONVENTION == "day_before"
         else _("on the anniversary"), _("As registration certificates show it (e.g. 2013-05-21 to 2023-05-20).")),
        (_("PTA request period"), _("%(n)s months from the grant announcement") % {"n": t.PTA_REQUEST_MONTHS},
         _("IR Rule 77; a secondary source's 30 days is treated as wrong.")),
        (_("Inner surcharge tiers move off rest days"), yes if t.MOVE_SURCHARGE_TIER_BOUNDARIES else no,
         _("Unverified; not moving them can only over-estimate a surcharge, never under-estimate it.")),
        (_("Surcharge on payment after the grace period"), f"{t.LAPSED_SURCHARGE_RATE:.0%}",
         _("Single secondary source; the restoration fee comes on top.")),
        (_("Presumed receipt date moves off rest days"), yes if t.MOVE_PRESUMED_RECEIPT else no,
         _("The rules are silent; Rule 5 moves the last day of a period, not its start.")),
        (_("Plant-variety term of older grants"), _("the rule in force on the grant date"),
         _("The 2025 regulations' transition rule was not found; the shorter, safer term is used.")),
        (_("Service of office-action notices"), _("electronic") if d.DEFAULT_NOTICE_SERVICE == "electronic" else _("by mail"),
         _("When the archive does not say; electronic notices count as received the day sent from 2024-01-20.")),
        (_("Office-action response period"),
         _("%(first)s months for an invention's first, %(other)s months otherwise (extendable)")
         % {"first": d.OA_MONTHS_FIRST_INVENTION, "other": d.OA_MONTHS_OTHER}, _("Guidelines.")),
        (_("Years without holiday data"), _("weekends only, marked provisional"),
         _("The State Council publishes each year's holidays late in the year before.")),
    ]


class WarningSettings(ThresholdsMixin, ActorRequiredMixin, TemplateView):
    """The organisation's warning levels and the user's calendar feed."""

    template_name = "docketing/settings.html"

    def get_context_data(self, **kwargs):
        from .models import CalendarFeed, WarningPolicy

        return super().get_context_data(
            title=_("Warning settings"),
            policy=WarningPolicy.objects.filter(organisation=self.actor.organisation).first(),
            thresholds=self.thresholds(),
            can_edit=self.actor.is_org_admin,
            feeds=CalendarFeed.objects.filter(user=self.request.user, membership=self.actor.membership,
                                              revoked_at__isnull=True),
            feed_url=kwargs.get("feed_url"),
            rule_choices=rule_choices(),
            **{k: v for k, v in kwargs.items() if k != "feed_url"},
        )

    def post(self, request):
        key = services.create_feed(self.actor)
        url = request.build_absolute_uri(reverse("docketing:calendar", args=[key]))
        messages.success(request, _("A new calendar address was made; the previous one no longer works."))
        return self.render_to_response(self.get_context_data(feed_url=url))


class PolicyEdit(ScopedFormView):
    title = gettext_lazy("Warning levels")

    def get_object(self):
        from .models import WarningPolicy

        return WarningPolicy.objects.filter(organisation=self.actor.organisation).first()

    def allowed(self, obj) -> bool:
        return self.actor.is_org_admin

    def make_forms(self, obj, data=None, files=None):
        return {"form": PolicyForm(data, instance=obj)}

    def save(self, obj, forms):
        return services.save_policy(self.actor, dict(forms["form"].cleaned_data))

    def success_url(self, obj):
        return reverse("docketing:settings")

    def cancel_url(self, obj):
        return reverse("docketing:settings")


class CalendarFeedView(View):
    """iCalendar (RFC 5545) of the open deadlines the feed's membership sees; the key in the address is the login."""

    def get(self, request, key: str):
        actor = services.actor_for_feed(key)
        if actor is None:
            raise Http404
        from icalendar import Calendar, Event

        calendar = Calendar()
        calendar.add("prodid", "-//IP Custody Platform//Deadlines//ZH")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", f"{_('Deadlines')} · {actor.organisation}")
        today = timezone.localdate()
        deadlines = (
            Deadline.objects.visible_to(actor).open()
            .filter(due_date__gte=today - datetime.timedelta(days=90))
            .select_related("asset", "owner").order_by("due_date")[:5000]
        )
        for deadline in deadlines:
            event = Event()
            event.add("uid", f"deadline-{deadline.pk}@ipcustody")
            event.add("summary", f"{deadline} · {deadline.asset.title}")
            event.add("dtstart", deadline.due_date)
            event.add("dtend", deadline.due_date + datetime.timedelta(days=1))
            event.add("dtstamp", timezone.now())
            event.add("description", f"{deadline.owner.name} {deadline.asset.number}\n{deadline.rule}")
            event.add("url", request.build_absolute_uri(reverse("docketing:deadline-detail", args=[deadline.pk])))
            calendar.add_component(event)
        return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


class ForecastView(ActorRequiredMixin, TemplateView):
    """Fees due in the next 12 or 36 months, by month and kind: for one enterprise, one park, or all in scope."""

    template_name = "docketing/forecast.html"

    def setup_forecast(self):
        request = self.request
        months = 36 if request.GET.get("months") == "36" else 12
        assets = Asset.objects.visible_to(self.actor)
        enterprises = Enterprise.objects.visible_to(self.actor)
        parks = Park.objects.visible_to(self.actor)
        agencies = Agency.objects.visible_to(self.actor)
        owner = request.GET.get("owner")
        park = request.GET.get("park")
        agency = request.GET.get("agency")
        label = services.forecast_scope_label(self.actor)
        if owner and owner.isdigit():
            enterprise = enterprises.filter(pk=owner).first()
            if enterprise is None:
                raise Http404
            assets, label = assets.filter(owner=enterprise), enterprise.name
        elif park and park.isdigit():
            chosen = parks.filter(pk=park).first()
            if chosen is None:
                raise Http404
            assets, label = assets.filter(owner__park=chosen), chosen.name
        elif agency and agency.isdigit():
            chosen = agencies.filter(pk=agency).first()
            if chosen is None:
                raise Http404
            served = active_relations().filter(agency_id=chosen.pk).values("enterprise_id")
            assets, label = assets.filter(owner__in=served), chosen.name
        return months, label, services.forecast(self.actor, assets, months), enterprises, parks, agencies

    def get(self, request, *args, **kwargs):
        months, label, result, enterprises, parks, agencies = self.setup_forecast()
        if request.GET.get("export") == "xlsx":
            return self.export(result, label)
        kinds = dict(Asset._meta.get_field("kind").flatchoices)
        chart = {
            "months": result.months,
            "series": [{"name": str(kinds.get(k, k)), "type": "bar", "stack": "fees",
                        "data": [float(v) for v in result.by_month(k)]} for k in result.kinds],
        }
        context = self.get_context_data(
            title=_("Fee forecast"), months=months, label=label, result=result, chart=json.dumps(chart),
            table=[(m, [result.cells.get((m, k)) for k in result.kinds],
                    sum((result.cells.get((m, k)) or 0) for k in result.kinds)) for m in result.months],
            kind_labels=[kinds.get(k, k) for k in result.kinds],
            enterprises=enterprises.only("pk", "name") if self.actor.membership else [],
            parks=parks.only("pk", "name"),
            agencies=agencies.only("pk", "name"),
            show_scope_choice=scope_for(self.actor).kind is not ScopeKind.ENTERPRISE,
        )
        return self.render_to_response(context)

    def export(self, result, label) -> HttpResponse:
        from openpyxl import Workbook

        kinds = dict(Asset._meta.get_field("kind").flatchoices)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("By month"))[:31]
        sheet.append([str(_("Month")), *[str(kinds.get(k, k)) for k in result.kinds], str(_("Total"))])
        for month in result.months:
            values = [float(result.cells.get((month, k), 0)) for k in result.kinds]
            sheet.append([month, *values, sum(values)])
        detail = workbook.create_sheet(str(_("Fees"))[:31])
        detail.append([str(_("Enterprise")), str(_("Asset")), str(_("Number")), str(_("Kind")), str(_("Year")),
                       str(_("Due date")), str(_("Fee (yuan)"))])
        for row in result.rows:
            detail.append([row[0], row[1], row[2], row[3], row[4], row[5], float(row[6])])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="fee-forecast-{timezone.localdate():%Y%m%d}.xlsx"'
        return response
