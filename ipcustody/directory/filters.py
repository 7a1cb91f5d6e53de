"""List filters (shared by the pages and the API, so a bookmarked list and an API query mean the same)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import (
    Agency,
    AgencyKind,
    AgencyStatus,
    Authority,
    AuthorityLevel,
    Enterprise,
    EnterpriseSize,
    IndustrySegment,
    Park,
    ServiceItem,
)


class ActiveFilter(django_filters.ChoiceFilter):
    """Active / inactive / all, instead of django-filter's "Unknown / Yes / No"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Status"))
        kwargs.setdefault("choices", [("1", _("Active")), ("0", _("Inactive"))])
        kwargs.setdefault("empty_label", _("All"))
        kwargs.setdefault("method", "filter_active")
        super().__init__(**kwargs)


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    is_active = ActiveFilter(field_name="is_active")

    def filter_active(self, queryset, name, value):
        return queryset.filter(**{name: value == "1"})
    search_fields: tuple[str, ...] = ("name__icontains",)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.filters.values():
            if hasattr(f, "extra") and "empty_label" not in f.extra and isinstance(
                f, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter
            ):
                f.extra["empty_label"] = _("All")
        self.actor = actor
        if actor is not None:
            self.limit_choices(actor)

    def limit_choices(self, actor) -> None:
        """Narrow the choices of relation filters to what the actor may see."""

    def search(self, queryset, name, value):
        condition = Q()
        for lookup in self.search_fields:
            condition |= Q(**{lookup: value.strip()})
        return queryset.filter(condition)


class AuthorityFilter(SearchFilterSet):
    level = django_filters.ChoiceFilter(label=_("level"), choices=AuthorityLevel.choices)

    class Meta:
        model = Authority
        fields = ["q", "level", "is_active"]


class ParkFilter(SearchFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("district office"), queryset=Authority.objects.filter(level=AuthorityLevel.DISTRICT)
    )

    def limit_choices(self, actor) -> None:
        self.filters["district"].queryset = Authority.objects.visible_to(actor).filter(level=AuthorityLevel.DISTRICT)
    search_fields = ("name__icontains", "address__icontains")

    class Meta:
        model = Park
        fields = ["q", "district", "park_kind", "is_active"]


class AgencyFilter(SearchFilterSet):
    agency_kind = django_filters.ChoiceFilter(label=_("agency type"), choices=AgencyKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=AgencyStatus.choices)
    service_item = django_filters.ModelChoiceFilter(
        label=_("service item"), field_name="service_items", queryset=ServiceItem.objects.all()
    )
    search_fields = ("name__icontains", "licence_number__icontains")

    class Meta:
        model = Agency
        fields = ["q", "agency_kind", "status", "service_item", "is_branch"]


class EnterpriseFilter(SearchFilterSet):
    park = django_filters.ModelChoiceFilter(label=_("park / association"), queryset=Park.objects.none())
    segment = django_filters.ModelChoiceFilter(label=_("industry segment"), queryset=IndustrySegment.objects.all())
    size = django_filters.ChoiceFilter(label=_("size"), choices=EnterpriseSize.choices)
    search_fields = ("name__icontains", "credit_code__icontains")

    class Meta:
        model = Enterprise
        fields = ["q", "park", "segment", "size", "is_active"]

    def limit_choices(self, actor) -> None:
        self.filters["park"].queryset = Park.objects.visible_to(actor)
