from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.directory.models import Enterprise, Park

from . import levels
from .models import Deadline, DeadlineKind, DeadlineStatus


class DeadlineFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    level = django_filters.ChoiceFilter(label=_("Warning level"), method="filter_level", empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Deadline"), choices=DeadlineKind.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DeadlineStatus.choices, empty_label=_("All"))
    owner = django_filters.ModelChoiceFilter(label=_("Enterprise"), queryset=Enterprise.objects.none(), empty_label=_("All"))
    park = django_filters.ModelChoiceFilter(
        label=_("Park / association"), field_name="owner__park", queryset=Park.objects.none(), empty_label=_("All")
    )
    due_from = django_filters.DateFilter(label=_("Due from"), field_name="due_date", lookup_expr="gte")
    due_to = django_filters.DateFilter(label=_("Due until"), field_name="due_date", lookup_expr="lte")
    obligation = django_filters.ChoiceFilter(
        label=_("Type"), method="filter_obligation", empty_label=_("All"),
        choices=[("true", _("Obligations")), ("false", _("Opportunities and information"))],
    )

    class Meta:
        model = Deadline
        fields = ["q", "level", "kind", "status", "owner", "park", "due_from", "due_to"]

    def __init__(self, data=None, *args, actor=None, thresholds=levels.DEFAULT_THRESHOLDS, **kwargs):
        # open deadlines unless the user asks otherwise ("status=" shows all)
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", DeadlineStatus.OPEN)
        super().__init__(data, *args, **kwargs)
        self.thresholds = thresholds
        self.filters["level"].extra["choices"] = [(levels.OVERDUE, _("Overdue"))] + [
            (f"within_{n}", _("Within %(days)s days") % {"days": n}) for n in sorted(thresholds)
        ]
        if actor is not None:
            self.filters["owner"].queryset = Enterprise.objects.visible_to(actor)
            self.filters["park"].queryset = Park.objects.visible_to(actor)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(asset__title__icontains=value) | Q(asset__number__icontains=value))

    def filter_level(self, queryset, name, value):
        today = timezone.localdate()
        if value == levels.OVERDUE:
            return queryset.filter(due_date__lt=today)
        if value.startswith("within_") and value.removeprefix("within_").isdigit():
            days = int(value.removeprefix("within_"))
            return queryset.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))
        return queryset

    def filter_obligation(self, queryset, name, value):
        return queryset.filter(obligation=value == "true") if value in {"true", "false"} else queryset
