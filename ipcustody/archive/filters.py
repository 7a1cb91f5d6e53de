"""Archive list filters (shared by the pages, the export and the API, so a bookmarked list and an API query mean
the same). Relation choices are limited to what the actor may see."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ipcustody.core.forms import DateInput
from ipcustody.directory.models import Enterprise, Park

from .models import Asset, AssetKind, AssetStatus, normalise_search


class AssetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=AssetKind.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("status"), choices=AssetStatus.choices, empty_label=_("All"))
    owner = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=Enterprise.objects.none(), empty_label=_("All"))
    park = django_filters.ModelChoiceFilter(
        label=_("park / association"), field_name="owner__park", queryset=Park.objects.none(), empty_label=_("All")
    )
    ipc = django_filters.CharFilter(label=_("IPC class"), method="filter_ipc")
    filed_from = django_filters.DateFilter(label=_("filed from"), field_name="filing_date", lookup_expr="gte", widget=DateInput)
    filed_to = django_filters.DateFilter(label=_("filed until"), field_name="filing_date", lookup_expr="lte", widget=DateInput)
    granted_from = django_filters.DateFilter(
        label=_("granted from"), field_name="grant_date", lookup_expr="gte", widget=DateInput
    )
    granted_to = django_filters.DateFilter(label=_("granted until"), field_name="grant_date", lookup_expr="lte", widget=DateInput)

    class Meta:
        model = Asset
        fields = ["q", "kind", "status", "owner", "park", "ipc", "filed_from", "filed_to", "granted_from", "granted_to"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor is not None:
            self.filters["owner"].queryset = Enterprise.objects.visible_to(actor).only("pk", "name")
            self.filters["park"].queryset = Park.objects.visible_to(actor).only("pk", "name")
        for name in ("filed_from", "filed_to", "granted_from", "granted_to", "ipc"):
            self.filters[name].field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def search(self, queryset, name, value):
        """Chinese full text: any substring of the title, abstract, right holders, inventors or numbers. The stored
        search text and the query are normalised alike (see models.normalise_search); PostgreSQL answers from a
        trigram index, SQLite with a LIKE scan."""
        words = normalise_search(value).split()
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_ipc(self, queryset, name, value):
        text = value.strip().upper().replace(" ", "")
        if len(text) <= 4:
            return queryset.filter(main_class__startswith=text)
        return queryset.filter(classes__icontains=value.strip().upper())
