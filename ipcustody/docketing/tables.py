"""Rule tables for Chinese IP deadlines and fees, as data with effective dates.

Every number used by the deadline and fee functions lives here, in tuples of
frozen records that carry ``effective_from`` / ``effective_to`` (inclusive;
``None`` means open-ended or "start not stated in the facts sheet"). A fee
change is then a new row, not a new ``if``. Sources are the facts sheet
``shared/domain/cn-ip-deadlines-and-fees.md`` (section numbers quoted as §x).

Which date a table is keyed on is stated per table: the *filing date* for
patent terms, the *due date* (anniversary) for annual fees, reductions and
surcharge tiers, the *issue date* for presumed receipt of notices, and so on.

The points the facts sheet marks unsettled or conflicting are module-level
settings at the end of this file (``PATENT_EXPIRY_CONVENTION`` …); each is
also a parameter of the function that uses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal, Protocol, TypeVar

__all__ = [
    "ANNUITY_RATES", "AnnuityRate", "COPYRIGHT_TERMS", "CopyrightTerm", "ExpiryConvention", "FEES", "Fee",
    "IC_LAYOUT_TERMS", "IcLayoutTerm", "KINDS", "Kind", "LAPSED_SURCHARGE_RATE",
    "MOVE_PRESUMED_RECEIPT", "MOVE_SURCHARGE_TIER_BOUNDARIES", "NoRuleError", "PATENT_EXPIRY_CONVENTION",
    "PATENT_KINDS", "PATENT_TERMS", "PERIODS", "PLANT_VARIETY_RULE_BASIS", "PLANT_VARIETY_TERMS",
    "PTA_REQUEST_MONTHS", "PatentKind", "PeriodRule", "PlantVarietyTerm", "RATIO_JOINT", "RATIO_SINGLE",
    "REDUCTION_RULES",
    "ReductionRule", "Right", "SERVICE_RULES", "SURCHARGE_TIERS", "ServiceMethod", "ServiceRule",
    "SurchargeTier", "TRADEMARK_EXPIRY_CONVENTION", "TRADEMARK_TERMS", "TermRule", "TrademarkTerm",
    "in_force", "select", "select_all",
]

PatentKind = Literal["invention", "utility_model", "design"]
Kind = Literal["invention", "utility_model", "design", "trademark"]
Right = Literal["patent", "trademark"]
ServiceMethod = Literal["none", "mail", "electronic", "public_notice"]
ExpiryConvention = Literal["anniversary", "day_before"]

PATENT_KINDS: Final[tuple[str, ...]] = ("invention", "utility_model", "design")
KINDS: Final[tuple[str, ...]] = PATENT_KINDS + ("trademark",)


class NoRuleError(ValueError):
    """No table row (or more than one) is in force for the asked date and key."""


class _Dated(Protocol):
    """Anything with an inclusive validity range; frozen records satisfy it."""

    @property
    def effective_from(self) -> date | None: ...

    @property
    def effective_to(self) -> date | None: ...


R = TypeVar("R", bound=_Dated)


def in_force(record: _Dated, on: date) -> bool:
    """Tell whether ``record`` applies on ``on`` (both bounds inclusive)."""
    if record.effective_from is not None and on < record.effective_from:
        return False
    return record.effective_to is None or on <= record.effective_to


def select_all(records: Iterable[R], on: date, **match: Any) -> list[R]:
    """Return every record in force on ``on`` whose attributes equal ``match``."""
    return [
        r for r in records
        if in_force(r, on) and all(getattr(r, key) == value for key, value in match.items())
    ]


def select(records: Iterable[R], on: date, **match: Any) -> R:
    """Return the single record in force on ``on`` matching ``match``.

    Raises :class:`NoRuleError` rather than guessing when the tables have no
    row (or an ambiguous overlap) for that date: a silent fallback is how
    docketing systems end up with wrong deadlines.
    """
    found = select_all(records, on, **match)
    if len(found) != 1:
        what = ", ".join(f"{k}={v}" for k, v in match.items())
        state = "no rule" if not found else "more than one rule"
        raise NoRuleError(f"{state} in force on {on.isoformat()} for {what}")
    return found[0]


# --------------------------------------------------------------------------
# Patent terms (§1). Keyed on the actual filing date (IR Rule 12; for a PCT
# national-phase case the international filing date, IR Rule 119).


@dataclass(frozen=True)
class TermRule:
    kind: str
    years: int
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


PATENT_TERMS: Final[tuple[TermRule, ...]] = (
    TermRule("invention", 20, "PL Art. 42(1)"),
    TermRule("utility_model", 10, "PL Art. 42(1)"),
    TermRule("design", 10, "PL 2008 Art. 42; CNIPA Announcement No. 423 (filed on or before 2021-05-31)",
             effective_to=date(2021, 5, 31)),
    TermRule("design", 15, "PL 2020 Art. 42(1); CNIPA Announcement No. 423 (filed from 2021-06-01)",
             effective_from=date(2021, 6, 1)),
)


# --------------------------------------------------------------------------
# Annual fees (§3.1), RMB per patent year at the full rate. Keyed on the due
# date (the filing-date anniversary that opens the patent year). The start of
# the years 1–10 rates is not stated in the sheet ("amounts unchanged" across
# schedules), hence effective_from=None.


@dataclass(frozen=True)
class AnnuityRate:
    kind: str
    first_year: int
    last_year: int
    amount: Decimal
    source: str
    effective_from: date | None = None
    effective_to: date | None = None

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


_FEE_TABLES = "CNIPA fee schedule (§3.1: caojian43/zscq fee table, plnmw, CNIPA payment record)"

ANNUITY_RATES: Final[tuple[AnnuityRate, ...]] = (
    AnnuityRate("invention", 1, 3, Decimal("900"), _FEE_TABLES),
    AnnuityRate("invention", 4, 6, Decimal("1200"), _FEE_TABLES),
    AnnuityRate("invention", 7, 9, Decimal("2000"), _FEE_TABLES),
    AnnuityRate("invention", 10, 12, Decimal("4000"), _FEE_TABLES),
    AnnuityRate("invention", 13, 15, Decimal("6000"), _FEE_TABLES),
    AnnuityRate("invention", 16, 20, Decimal("8000"), _FEE_TABLES),
    AnnuityRate("utility_model", 1, 3, Decimal("600"), _FEE_TABLES),
    AnnuityRate("utility_model", 4, 5, Decimal("900"), _FEE_TABLES),
    AnnuityRate("utility_model", 6, 8, Decimal("1200"), _FEE_TABLES),
    AnnuityRate("utility_model", 9, 10, Decimal("2000"), _FEE_TABLES),
    AnnuityRate("design", 1, 3, Decimal("600"), _FEE_TABLES),
    AnnuityRate("design", 4, 5, Decimal("900"), _FEE_TABLES),
    AnnuityRate("design", 6, 8, Decimal("1200"), _FEE_TABLES),
    AnnuityRate("design", 9, 10, Decimal("2000"), _FEE_TABLES),
    AnnuityRate("design", 11, 15, Decimal("3000"), "发改价格〔2022〕465号; CNIPA announcement 2022-04-25",
                effective_from=date(2022, 5, 5)),
)


# --------------------------------------------------------------------------
# Fee reduction (§3.4). Keyed on the annuity's due date. ``ratios`` are the
# reduction ratios granted (0.85 = 85 % off, pay 15 %): one qualifying owner,
# or two or more jointly. The 2006 scheme is obsolete and not modelled, so a
# reduction on a due date before 2016-09-01 raises NoRuleError.


@dataclass(frozen=True)
class ReductionRule:
    years_from_grant: int  # annual fees of this many years, starting with the grant year
    ratios: tuple[Decimal, ...]
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


RATIO_SINGLE: Final = Decimal("0.85")
RATIO_JOINT: Final = Decimal("0.70")

REDUCTION_RULES: Final[tuple[ReductionRule, ...]] = (
    ReductionRule(6, (RATIO_SINGLE, RATIO_JOINT), "财税〔2016〕78号 专利收费减缴办法 (grant year + 5)",
                  effective_from=date(2016, 9, 1), effective_to=date(2018, 7, 31)),
    ReductionRule(10, (RATIO_SINGLE, RATIO_JOINT), "财税〔2016〕78号 as amended by 财税〔2018〕37号 (grant year + 9)",
                  effective_from=date(2018, 8, 1)),
)


# --------------------------------------------------------------------------
# Late-payment surcharge (§3.3), on the *full* annuity even when reduced.
# A payment on a day in (due + after_months, due + through_months] pays
# ``rate``. Keyed on the due date. IR Rule 115 (2010 IR Rule 98 worded alike);
# start date not stated in the sheet.


@dataclass(frozen=True)
class SurchargeTier:
    after_months: int
    through_months: int
    rate: Decimal
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


_TIER_SOURCE = "IR Rule 115; tiered practice per §3.3 (first month free, then 5 % more for each further month)"

SURCHARGE_TIERS: Final[tuple[SurchargeTier, ...]] = (
    SurchargeTier(0, 1, Decimal("0"), _TIER_SOURCE),
    SurchargeTier(1, 2, Decimal("0.05"), _TIER_SOURCE),
    SurchargeTier(2, 3, Decimal("0.10"), _TIER_SOURCE),
    SurchargeTier(3, 4, Decimal("0.15"), _TIER_SOURCE),
    SurchargeTier(4, 5, Decimal("0.20"), _TIER_SOURCE),
    SurchargeTier(5, 6, Decimal("0.25"), _TIER_SOURCE),
)


# --------------------------------------------------------------------------
# Flat fees (§2, §4, §5). Keyed on the date the fee is paid or the request
# made. effective_from=None where the sheet gives no start date.


@dataclass(frozen=True)
class Fee:
    code: str
    amount: Decimal
    reducible: bool
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


FEES: Final[tuple[Fee, ...]] = (
    Fee("restoration", Decimal("1000"), False, "IR Rule 116; caojian43 fee table and plnmw fee list (§4)"),
    Fee("extension_first_month", Decimal("300"), False, "IR Rule 116; caojian43 fee table, cpahkltd (§4)"),
    Fee("extension_further_month", Decimal("2000"), False, "IR Rule 116; caojian43 fee table, cpahkltd (§4)"),
    Fee("substantive_examination", Decimal("2500"), True, "IR Rule 113 (§5)"),
    Fee("pct_late_entry", Decimal("1000"), False, "IR Rule 120 宽限费; [S] fee-code list in public code only (§5)"),
    Fee("pta_request", Decimal("200"), False, "CNIPA Announcement No. 594 (2024-08-06), 财税〔2024〕23号 (§2)"),
    Fee("pte_request", Decimal("200"), False, "CNIPA Announcement No. 594 (2024-08-06), 财税〔2024〕23号 (§2)"),
    Fee("compensation_period_annuity", Decimal("8000"), False,
        "CNIPA Announcement No. 594: per year of PTA/PTE, part-years free (§2)"),
)


# --------------------------------------------------------------------------
# Periods in months (or days) from a trigger date. Each rule names the date it
# is keyed on in ``keyed_on``.


@dataclass(frozen=True)
class PeriodRule:
    name: str
    kind: str  # a Kind, or "any"
    months: int
    days: int
    keyed_on: str
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


PERIODS: Final[tuple[PeriodRule, ...]] = (
    PeriodRule("exam_request", "invention", 36, 0, "filing or priority date",
               "PL Art. 35; IR Rule 12 (filing date = priority date when claimed)"),
    PeriodRule("pct_entry", "any", 30, 0, "priority date", "IR Rule 120"),
    PeriodRule("pct_late_entry", "any", 32, 0, "priority date", "IR Rule 120 (with the 宽限费 late-entry fee)"),
    PeriodRule("priority", "invention", 12, 0, "first filing date", "PL Art. 29(1); Paris Convention Art. 4C"),
    PeriodRule("priority", "utility_model", 12, 0, "first filing date", "PL Art. 29(1); Paris Convention Art. 4C"),
    PeriodRule("priority", "design", 6, 0, "first filing date", "PL Art. 29(1); Paris Convention Art. 4C"),
    PeriodRule("priority", "trademark", 6, 0, "first filing date", "TML Art. 25"),
    PeriodRule("domestic_priority", "invention", 12, 0, "first filing date", "PL Art. 29(2)"),
    PeriodRule("domestic_priority", "utility_model", 12, 0, "first filing date", "PL Art. 29(2)"),
    PeriodRule("domestic_priority", "design", 6, 0, "later filing date", "PL 2020 Art. 29(2) (new for designs)",
               effective_from=date(2021, 6, 1)),
    PeriodRule("annuity_grace", "any", 6, 0, "annuity due date", "IR Rule 115"),
    PeriodRule("registration", "any", 2, 0, "grant notice received", "IR Rules 60, 114"),
    PeriodRule("pta_request", "invention", 3, 0, "grant announcement date", "PL Art. 42(2); IR Rule 77",
               effective_from=date(2021, 6, 1)),
    PeriodRule("pte_request", "invention", 3, 0, "marketing approval date", "PL Art. 42(3); IR Rule 81",
               effective_from=date(2021, 6, 1)),
    PeriodRule("restoration_justified", "any", 2, 0, "notice of loss of rights received", "IR Rule 6 ¶2"),
    PeriodRule("restoration_force_majeure", "any", 2, 0, "obstacle removed", "IR Rule 6 ¶1"),
    PeriodRule("restoration_force_majeure_cap", "any", 24, 0, "missed deadline", "IR Rule 6 ¶1"),
)


# --------------------------------------------------------------------------
# Presumed receipt of notices (§5.7). Keyed on the issue (dispatch) date.


@dataclass(frozen=True)
class ServiceRule:
    right: str
    method: str
    days: int
    months: int
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


SERVICE_RULES: Final[tuple[ServiceRule, ...]] = (
    ServiceRule("patent", "none", 0, 0, "no service: the period runs from the given date"),
    ServiceRule("patent", "mail", 15, 0, "IR Rule 4 ¶4 (issue date + 15 days)"),
    ServiceRule("patent", "electronic", 15, 0, "局令第57号 §9 (electronic notices + 15 days before 2024-01-20)",
                effective_to=date(2024, 1, 19)),
    ServiceRule("patent", "electronic", 0, 0, "IR 2023 Rule 4 ¶7 (received the day it enters the system)",
                effective_from=date(2024, 1, 20)),
    ServiceRule("patent", "public_notice", 0, 1, "IR Rule 4 (deemed served 1 month after publication)"),
    ServiceRule("trademark", "none", 0, 0, "no service: the period runs from the given date"),
    ServiceRule("trademark", "mail", 15, 0, "TMIR Rule 10 (dispatch + 15 days)"),
    ServiceRule("trademark", "electronic", 15, 0, "TMIR Rule 10 (dispatch + 15 days, electronic too)"),
    ServiceRule("trademark", "public_notice", 30, 0, "TMIR Rule 10 (deemed served 30 days after publication)"),
)


# --------------------------------------------------------------------------
# Trademark term and renewal (§7). Keyed on the registration date.


@dataclass(frozen=True)
class TrademarkTerm:
    term_years: int
    renewal_window_months: int
    grace_months: int
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


TRADEMARK_TERMS: Final[tuple[TrademarkTerm, ...]] = (
    TrademarkTerm(10, 12, 6, "TML Arts. 39, 40"),
)


# --------------------------------------------------------------------------
# Copyright and software (§8). Terms end on 31 December. Only the current
# texts (Copyright Law 2020, Software Regulations 2013) are in the sheet; the
# rows are not date-limited because the sheet does not say when these terms
# began (see the module docstring of other_rights.py).


@dataclass(frozen=True)
class CopyrightTerm:
    subject: str  # "work" or "software"
    owner: str  # "natural_person", "legal_person", "audiovisual"
    years: int
    counted_from: str  # "death", "publication"
    unpublished_cutoff_years: int | None  # no protection if unpublished this long after creation
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


COPYRIGHT_TERMS: Final[tuple[CopyrightTerm, ...]] = (
    CopyrightTerm("work", "natural_person", 50, "death", None, "Copyright Law 2020 Art. 23(1)"),
    CopyrightTerm("work", "legal_person", 50, "publication", 50, "Copyright Law 2020 Art. 23(2)"),
    CopyrightTerm("work", "audiovisual", 50, "publication", 50, "Copyright Law 2020 Art. 23(3)"),
    CopyrightTerm("software", "natural_person", 50, "death", None, "计算机软件保护条例 2013 Art. 14"),
    CopyrightTerm("software", "legal_person", 50, "publication", 50, "计算机软件保护条例 2013 Art. 14"),
)


@dataclass(frozen=True)
class IcLayoutTerm:
    years: int  # from the earlier of registration application and first commercial exploitation
    cap_years_from_creation: int
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


IC_LAYOUT_TERMS: Final[tuple[IcLayoutTerm, ...]] = (
    IcLayoutTerm(10, 15, "集成电路布图设计保护条例 2001 Art. 12"),
)


@dataclass(frozen=True)
class PlantVarietyTerm:
    category: str  # "woody" (vines, forest/fruit/ornamental trees) or "other"
    years: int  # from the grant date
    source: str
    effective_from: date | None = None
    effective_to: date | None = None


PLANT_VARIETY_TERMS: Final[tuple[PlantVarietyTerm, ...]] = (
    PlantVarietyTerm("woody", 20, "植物新品种保护条例 2014 Art. 34", effective_to=date(2025, 5, 31)),
    PlantVarietyTerm("other", 15, "植物新品种保护条例 2014 Art. 34", effective_to=date(2025, 5, 31)),
    PlantVarietyTerm("woody", 25, "植物新品种保护条例 2025 (State Council Decree No. 807)",
                     effective_from=date(2025, 6, 1)),
    PlantVarietyTerm("other", 20, "植物新品种保护条例 2025 (State Council Decree No. 807)",
                     effective_from=date(2025, 6, 1)),
)


# --------------------------------------------------------------------------
# Settings for points the facts sheet marks unsettled, conflicting or silent.
# Each is the default of a parameter of the function that uses it.

#: §1 [?]: the sources disagree whether a patent term ends *on* the filing
#: anniversary (IR Rule 5 reading, CNIPA record CN01101467.9 "rd":"20210116")
#: or the day before it (Guidelines' patent-year definition). Default: the
#: anniversary, as the brief's CLI contract requires. Alternative: "day_before".
PATENT_EXPIRY_CONVENTION: Final[ExpiryConvention] = "anniversary"

#: §7 [S]: registration data shows a trademark term as "2013-05-21 至
#: 2023-05-20", i.e. ending the day before the 10th anniversary. Default
#: "day_before"; alternative "anniversary".
TRADEMARK_EXPIRY_CONVENTION: Final[ExpiryConvention] = "day_before"

#: §2 conflict: IR Rule 77 says 3 months from the grant announcement; WSGR
#: says 30 days. The sheet says treat WSGR as wrong, so 3 months.
PTA_REQUEST_MONTHS: Final[int] = 3

#: §3.3 [?]: whether the inner surcharge-tier boundaries (due + 1…5 months)
#: move off rest days is unverified. Default False: only the final day of the
#: 6-month grace period moves (clearly covered by IR Rule 5); the inner
#: boundaries stay on the calendar day, which can only over-estimate a
#: surcharge, never under-estimate it.
MOVE_SURCHARGE_TIER_BOUNDARIES: Final[bool] = False

#: §3.3 [S]: when a lapsed patent is restored, the surcharge is charged at
#: 25 % (dfrtw only). Used for the surcharge of a payment after the grace
#: period; the restoration fee comes on top.
LAPSED_SURCHARGE_RATE: Final = Decimal("0.25")

#: §5.7 silent: whether a presumed receipt date (issue + 15 days) that falls
#: on a rest day moves. Default False: IR Rule 5 moves the *last day of a
#: period*, and the receipt date is the day the next period starts from, so
#: it stays where it falls.
MOVE_PRESUMED_RECEIPT: Final[bool] = False

#: §8 [?]: the 2025 plant-variety regulations lengthened terms from
#: 2025-06-01, and their treatment of rights granted earlier was not found.
#: Default "grant_date": use the rule in force on the grant date (older
#: grants keep 15/20 years, the shorter, safer answer). Alternative
#: "current": apply the rule in force on a given evaluation date.
PLANT_VARIETY_RULE_BASIS: Final[Literal["grant_date", "current"]] = "grant_date"
