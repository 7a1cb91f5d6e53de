"""Pure rules of agency selection and custody contracts (no Django; tested directly).

- custody form ↔ service items (§5.2): full custody covers every item of the catalogue, advisory custody covers
  consulting items only (at least one), single-item custody names at least one item;
- patent qualification (§6.1): items that need a patent agency licence need an agency that holds one;
- matching: a ranked list of agencies for a need, each rank with its reasons;
- tender scoring: the panel's average per criterion, weighted by the published criteria.

Messages are returned as codes with parameters; the caller translates them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

FULL = "full"
ADVISORY = "advisory"
SINGLE = "single"


@dataclass(frozen=True)
class Item:
    code: str
    is_consulting: bool = False
    requires_patent_licence: bool = False


# --- custody form and items -----------------------------------------------------------------------------------


def items_for_form(form: str, catalogue: Iterable[Item]) -> list[str] | None:
    """The item codes a form implies by itself (full custody: the whole catalogue); None when the user chooses."""
    if form == FULL:
        return [item.code for item in catalogue]
    return None


def form_item_errors(form: str, chosen: Iterable[Item], catalogue: Iterable[Item]) -> list[str]:
    """Error codes for a custody form and the chosen items: 'full_incomplete', 'none', 'not_consulting'."""
    chosen = list(chosen)
    codes = {item.code for item in chosen}
    if form == FULL:
        missing = {item.code for item in catalogue} - codes
        return ["full_incomplete"] if missing else []
    if not chosen:
        return ["none"]
    if form == ADVISORY and any(not item.is_consulting for item in chosen):
        return ["not_consulting"]
    return []


def licence_needed(items: Iterable[Item]) -> list[str]:
    """The codes of the items that only an agency with a patent agency licence may take."""
    return [item.code for item in items if item.requires_patent_licence]


def licence_error(items: Iterable[Item], agency_has_licence: bool) -> list[str]:
    needed = licence_needed(items)
    return [] if agency_has_licence or not needed else needed


# --- matching -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedFacts:
    items: frozenset[str]
    segment_id: int | None = None
    licence_items: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AgencyFacts:
    agency_id: int
    items: frozenset[str]
    segment_ids: frozenset[int] = frozenset()
    has_licence: bool = False
    load: int = 0  # enterprises served under contracts in force
    capacity: int = 0  # 0: not stated
    assessment: float | None = None  # last annual assessment result, 0–100, once assessments exist


@dataclass(frozen=True)
class Reason:
    code: str
    points: float
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    agency_id: int
    score: float
    eligible: bool
    reasons: tuple[Reason, ...]
    rank: int = 0


WEIGHTS = {"coverage": 50.0, "industry": 20.0, "load": 20.0, "assessment": 10.0}


def score_agency(need: NeedFacts, agency: AgencyFacts) -> Ranked:
    reasons: list[Reason] = []
    eligible = True
    wanted = need.items
    covered = wanted & agency.items
    coverage = len(covered) / len(wanted) if wanted else 1.0
    reasons.append(Reason("coverage", round(WEIGHTS["coverage"] * coverage, 1),
                          {"covered": len(covered), "wanted": len(wanted), "missing": sorted(wanted - agency.items)}))
    if need.licence_items & wanted and not agency.has_licence:
        eligible = False
        reasons.append(Reason("no_licence", 0.0, {"items": sorted(need.licence_items & wanted)}))
    if need.segment_id is not None and need.segment_id in agency.segment_ids:
        reasons.append(Reason("industry", WEIGHTS["industry"]))
    else:
        reasons.append(Reason("no_industry", 0.0))
    if agency.capacity:
        free = max(agency.capacity - agency.load, 0) / agency.capacity
        if agency.load >= agency.capacity:
            reasons.append(Reason("full", 0.0, {"load": agency.load, "capacity": agency.capacity}))
        else:
            reasons.append(Reason("load", round(WEIGHTS["load"] * free, 1),
                                  {"load": agency.load, "capacity": agency.capacity}))
    else:
        reasons.append(Reason("capacity_unknown", 0.0, {"load": agency.load}))
    if agency.assessment is not None:
        reasons.append(Reason("assessment", round(WEIGHTS["assessment"] * agency.assessment / 100, 1),
                              {"result": agency.assessment}))
    total = round(sum(r.points for r in reasons), 1)
    return Ranked(agency.agency_id, total, eligible, tuple(reasons))


def rank(need: NeedFacts, agencies: Iterable[AgencyFacts]) -> list[Ranked]:
    """Eligible agencies first, then by score (higher first); ties keep the agency id order. Ranks are 1-based."""
    scored = [score_agency(need, agency) for agency in agencies]
    scored.sort(key=lambda r: (not r.eligible, -r.score, r.agency_id))
    return [Ranked(r.agency_id, r.score, r.eligible, r.reasons, rank=i + 1) for i, r in enumerate(scored)]


# --- tender scoring -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreEntry:
    bid_id: int
    criterion_id: int
    panel_member: str
    value: Decimal


@dataclass(frozen=True)
class BidResult:
    bid_id: int
    total: Decimal
    per_criterion: dict[int, Decimal]  # panel average per criterion
    complete: bool  # every criterion scored by at least one panel member
    rank: int = 0


TWO = Decimal("0.01")


def weights_error(weights: Iterable[int]) -> str | None:
    weights = list(weights)
    if not weights:
        return "no_criteria"
    if sum(weights) != 100:
        return "weights_not_100"
    return None


def tender_results(criteria: dict[int, int], entries: Iterable[ScoreEntry], bid_ids: Iterable[int]) -> list[BidResult]:
    """Weighted totals (0–100): for each criterion the panel's average score, times weight / 100; ranked."""
    by_cell: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for entry in entries:
        by_cell[(entry.bid_id, entry.criterion_id)].append(Decimal(entry.value))
    results = []
    for bid_id in bid_ids:
        per: dict[int, Decimal] = {}
        total = Decimal(0)
        for criterion_id, weight in criteria.items():
            values = by_cell.get((bid_id, criterion_id))
            if not values:
                continue
            average = sum(values) / len(values)
            per[criterion_id] = average.quantize(TWO, ROUND_HALF_UP)
            total += average * weight / 100
        complete = bool(criteria) and len(per) == len(criteria)
        results.append(BidResult(bid_id, total.quantize(TWO, ROUND_HALF_UP), per, complete))
    results.sort(key=lambda r: (not r.complete, -r.total, r.bid_id))
    return [BidResult(r.bid_id, r.total, r.per_criterion, r.complete, rank=i + 1) for i, r in enumerate(results)]


# --- renewal reminders -----------------------------------------------------------------------------------------

REMINDER_DAYS = (60, 30)


def reminder_due(days_left: int) -> int | None:
    """Which reminder (60 or 30 days) is due for a contract ending in `days_left` days; None when none is."""
    if days_left < 0:
        return None
    due = [d for d in REMINDER_DAYS if days_left <= d]
    return min(due) if due else None
