"""List filters for contracts, procedures, needs, offerings and events (shared by the pages and the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ipcustody.directory.filters import SearchFilterSet
from ipcustody.directory.models import Agency, ServiceItem

from .models import (
    Contract,
    ContractStatus,
    CustodyForm,
    MatchingEvent,
    Need,
    NeedStatus,
    Offering,
    OfferingStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    Urgency,
)


class ContractFilter(SearchFilterSet):
    is_active = None
    status = django_filters.ChoiceFilter(label=_("status"), choices=ContractStatus.choices)
    custody_form = django_filters.ChoiceFilter(label=_("custody form"), choices=CustodyForm.choices)
    agency = django_filters.ModelChoiceFilter(label=_("custody agency"), queryset=Agency.objects.none())
    search_fields = ("number__icontains", "enterprise__name__icontains", "agency__name__icontains")

    class Meta:
        model = Contract
        fields = ["q", "status", "custody_form", "agency"]

    def limit_choices(self, actor) -> None:
        self.filters["agency"].queryset = Agency.objects.filter(
            pk__in=Contract.objects.visible_to(actor).values("agency_id")).order_by("name")


class ProcedureFilter(SearchFilterSet):
    is_active = None
    kind = django_filters.ChoiceFilter(label=_("procedure"), choices=ProcedureKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=ProcedureStatus.choices)
    search_fields = ("title__icontains", "park__name__icontains")

    class Meta:
        model = Procedure
        fields = ["q", "kind", "status"]


class NeedFilter(SearchFilterSet):
    is_active = None
    status = django_filters.ChoiceFilter(label=_("status"), choices=NeedStatus.choices)
    urgency = django_filters.ChoiceFilter(label=_("urgency"), choices=Urgency.choices)
    service_item = django_filters.ModelChoiceFilter(label=_("service item"), field_name="service_items", distinct=True,
                                                    queryset=ServiceItem.objects.all())
    search_fields = ("title__icontains", "description__icontains")

    class Meta:
        model = Need
        fields = ["q", "status", "urgency", "service_item"]


class OfferingFilter(SearchFilterSet):
    is_active = None
    status = django_filters.ChoiceFilter(label=_("status"), choices=OfferingStatus.choices)
    service_item = django_filters.ModelChoiceFilter(label=_("service item"), field_name="service_items", distinct=True,
                                                    queryset=ServiceItem.objects.all())
    search_fields = ("title__icontains", "agency__name__icontains", "experience__icontains")

    class Meta:
        model = Offering
        fields = ["q", "service_item", "status"]


class EventFilter(SearchFilterSet):
    is_active = None
    search_fields = ("title__icontains", "place__icontains")

    class Meta:
        model = MatchingEvent
        fields = ["q"]
