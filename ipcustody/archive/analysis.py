"""Patent analysis of the archive an actor may see, for one enterprise, one park or one district (附录A 三.5–三.7).

Read-only aggregates over `Asset.objects.visible_to(actor)`; each figure is one GROUP BY query, except the top
inventors, whose names are a list inside one column and are counted while streaming that column.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from .models import PATENT_KINDS, AssetKind, AssetStatus, split_names


@dataclass
class Analysis:
    years: list[int]
    filings: dict[str, list[int]]  # kind → count per year
    grants: list[int]
    kinds: list[tuple[str, str, int]]  # value, label, count
    statuses: list[tuple[str, str, int]]
    top_ipc: list[tuple[str, int]]
    top_inventors: list[tuple[str, int]]
    total: int
    inventions: int
    inventions_in_force: int
    in_force: int

    @property
    def invention_share(self) -> float:
        return self.inventions / self.total if self.total else 0.0

    @property
    def invention_share_in_force(self) -> float:
        return self.inventions_in_force / self.in_force if self.in_force else 0.0


def analyse(queryset) -> Analysis:
    patents = queryset.filter(kind__in=list(PATENT_KINDS))
    per_year = (
        patents.filter(filing_date__isnull=False).annotate(year=ExtractYear("filing_date"))
        .values("year", "kind").annotate(n=Count("pk")).order_by("year")
    )
    granted = (
        patents.filter(grant_date__isnull=False).annotate(year=ExtractYear("grant_date"))
        .values("year").annotate(n=Count("pk")).order_by("year")
    )
    per_year, granted = list(per_year), list(granted)
    years = sorted({r["year"] for r in per_year} | {r["year"] for r in granted})
    index = {y: i for i, y in enumerate(years)}
    patent_kinds = [AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN]
    filings = {k.value: [0] * len(years) for k in patent_kinds}
    for row in per_year:
        filings[row["kind"]][index[row["year"]]] = row["n"]
    grants = [0] * len(years)
    for row in granted:
        grants[index[row["year"]]] = row["n"]
    kind_counts = dict(patents.values_list("kind").annotate(n=Count("pk")).order_by())
    status_counts = dict(patents.values_list("status").annotate(n=Count("pk")).order_by())
    top_ipc = list(
        patents.exclude(main_class="").values_list("main_class").annotate(n=Count("pk")).order_by("-n", "main_class")[:10]
    )
    inventors: Counter[str] = Counter()
    for text in patents.exclude(inventors="").values_list("inventors", flat=True).iterator(chunk_size=5000):
        inventors.update(split_names(text))
    totals = patents.aggregate(
        total=Count("pk"),
        inventions=Count("pk", filter=Q(kind=AssetKind.INVENTION)),
        in_force=Count("pk", filter=Q(status=AssetStatus.IN_FORCE)),
        inventions_in_force=Count("pk", filter=Q(kind=AssetKind.INVENTION, status=AssetStatus.IN_FORCE)),
    )
    return Analysis(
        years=years,
        filings=filings,
        grants=grants,
        kinds=[(k.value, str(k.label), kind_counts.get(k.value, 0)) for k in patent_kinds],
        statuses=[(s.value, str(s.label), status_counts[s.value]) for s in AssetStatus if status_counts.get(s.value)],
        top_ipc=top_ipc,
        top_inventors=sorted(inventors.items(), key=lambda kv: (-kv[1], kv[0]))[:10],
        **totals,
    )
