"""Patent terms and annual fees (facts sheet §1, §3).

Terms run from the *actual* filing date (IR Rule 12), never the priority
date; annual fees are due on each filing-date anniversary (Guidelines
example: filed 1997-06-03 → 6th-year fee due 2002-06-03), so the priority,
grant and calendar year never enter the due-date computation.

Choices, each documented where it is made:

* ``expiry`` is the day the term ends (期满终止日) and is **not** moved off
  rest days: it is the end of a right, not a time limit for an act. Whether
  that day is the anniversary or the day before is disputed (§1 [?]); the
  setting ``PATENT_EXPIRY_CONVENTION`` chooses, default the anniversary.
* An annual fee's ``due`` **is** moved off rest days, as the sheet says and
  the CNIPA record shows (2016-01-16, a Saturday → paid without surcharge on
  Monday 2016-01-18). The last day of the 6-month grace period is moved too
  (IR Rule 5 covers that period); the inner surcharge tiers are not, unless
  ``move_tier_boundaries`` is set (§3.3 [?]).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import tables
from .calendar import add_months, add_years, day_before_anniversary, next_working_day
from .tables import ExpiryConvention, NoRuleError
from .timelimits import deadline

__all__ = ["Annuity", "PatentExpiry", "annuity", "expiry", "patent_term", "to_decimal", "yuan"]

CENT = Decimal("0.01")


def yuan(amount: Decimal) -> Decimal:
    """Round a money amount to fen (two decimals, half up), as fees are paid."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: Decimal | int | float | str) -> Decimal:
    """Convert a ratio or amount to Decimal via its text, so 0.7 stays 0.7."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    return Decimal(str(value))


def _check_kind(kind: str) -> None:
    if kind not in tables.PATENT_KINDS:
        raise ValueError(f"unknown patent kind {kind!r}; expected one of {', '.join(tables.PATENT_KINDS)}")


def patent_term(kind: str, filing_date: date) -> tables.TermRule:
    """Return the term rule for a patent of ``kind`` filed on ``filing_date``.

    Keyed on the filing date because the 15-year design term applies only to
    designs filed from 2021-06-01 (CNIPA Announcement No. 423).
    """
    _check_kind(kind)
    return tables.select(tables.PATENT_TERMS, filing_date, kind=kind)


@dataclass(frozen=True)
class PatentExpiry:
    """When a patent's term ends."""

    kind: str
    filing_date: date
    term_years: int
    extension_days: int
    expiry: date
    convention: str
    rule: str


def expiry(kind: str, filing_date: date, *, convention: ExpiryConvention = tables.PATENT_EXPIRY_CONVENTION,
           extension_days: int = 0) -> PatentExpiry:
    """Return the day the term of a patent filed on ``filing_date`` ends.

    Not moved off rest days: a right simply ends; there is nothing to do on
    that day. ``convention`` settles the disputed expiry day (§1 [?]):
    ``"anniversary"`` (default; IR Rule 5 reading, CNIPA record for a
    2001-01-16 filing gives 2021-01-16) or ``"day_before"``.
    ``extension_days`` adds a granted PTA/PTE (invention patents only).
    """
    rule_row = patent_term(kind, filing_date)
    if extension_days < 0:
        raise ValueError("extension_days cannot be negative")
    if extension_days and kind != "invention":
        raise ValueError("PTA/PTE extensions exist for invention patents only (PL Art. 42(2), (3))")
    if convention == "anniversary":
        end = add_years(filing_date, rule_row.years)
        how = "ends on the anniversary"
    elif convention == "day_before":
        end = day_before_anniversary(filing_date, rule_row.years)
        how = "ends the day before the anniversary"
    else:
        raise ValueError(f"unknown expiry convention {convention!r}")
    rule = (f"{kind.replace('_', ' ')} term {rule_row.years} years from the filing date {filing_date.isoformat()} "
            f"({rule_row.source}; IR Rule 12), {how} (setting PATENT_EXPIRY_CONVENTION={convention!r}): "
            f"{end.isoformat()}")
    if extension_days:
        end = end.fromordinal(end.toordinal() + extension_days)
        rule += f", plus {extension_days} days of PTA/PTE: {end.isoformat()}"
    rule += "; not moved for rest days (end of a right, not a time limit)"
    return PatentExpiry(kind, filing_date, rule_row.years, extension_days, end, convention, rule)


@dataclass(frozen=True)
class Annuity:
    """One patent year's annual fee, and what paying it on a given day costs.

    ``base`` is the full fee; ``payable`` the fee after any reduction;
    ``surcharge`` the late surcharge for payment on ``paid_on`` (always on the
    full fee); ``total`` = payable + surcharge. ``lapsed`` means ``paid_on``
    (or ``as_of``) is after ``grace_until``: the patent ended as of the due
    date and can only be restored (restoration fee in ``restoration_fee``).
    """

    kind: str
    filing_date: date
    year: int
    anniversary: date
    due: date
    base: Decimal
    reduction: Decimal
    payable: Decimal
    paid_on: date | None
    surcharge_rate: Decimal
    surcharge: Decimal
    total: Decimal
    grace_until: date
    lapsed: bool
    restoration_fee: Decimal
    provisional: bool
    rule: str


def _annuity_rate(kind: str, year: int, on: date) -> tables.AnnuityRate:
    rows = [r for r in tables.select_all(tables.ANNUITY_RATES, on, kind=kind) if r.covers(year)]
    if len(rows) != 1:
        raise NoRuleError(f"no annual-fee rate for {kind} year {year} in force on {on.isoformat()}")
    return rows[0]


def _reduction(ratio: Decimal, year: int, grant_year: int | None, due: date) -> tuple[Decimal, str]:
    """Return the ratio that actually applies to ``year`` and an explanation."""
    if ratio == 0:
        return Decimal("0"), "no fee reduction"
    rule_row = tables.select(tables.REDUCTION_RULES, due)
    if ratio not in rule_row.ratios:
        allowed = ", ".join(str(r) for r in rule_row.ratios)
        raise ValueError(f"reduction {ratio} is not a granted ratio; expected 0 or one of {allowed}")
    pay = (1 - ratio) * 100
    if grant_year is None:
        return ratio, (f"reduction {ratio} (pay {pay:.0f} %) applied as given: grant year unknown, so the "
                       f"grant year + {rule_row.years_from_grant - 1} window ({rule_row.source}) was not checked")
    last = grant_year + rule_row.years_from_grant - 1
    if grant_year <= year <= last:
        return ratio, (f"reduction {ratio} (pay {pay:.0f} %) for years {grant_year}–{last}, the "
                       f"{rule_row.years_from_grant} years starting with the grant year ({rule_row.source})")
    return Decimal("0"), (f"no reduction: year {year} is outside years {grant_year}–{last}, the "
                          f"{rule_row.years_from_grant} reducible years starting with the grant year "
                          f"({rule_row.source})")


def _surcharge_rate(anniversary: date, paid_on: date, grace_until: date, move_boundaries: bool) -> tuple[Decimal, str]:
    for tier in sorted(tables.select_all(tables.SURCHARGE_TIERS, anniversary), key=lambda t: t.through_months):
        if tier.through_months >= 6:
            upper = grace_until  # the last day of the grace period, moved per IR Rule 5
        else:
            upper = add_months(anniversary, tier.through_months)
            if move_boundaries:
                upper = next_working_day(upper).day
        if paid_on <= upper:
            if tier.rate == 0:
                return tier.rate, f"paid {paid_on.isoformat()}, within the first month after the due date: no surcharge"
            return tier.rate, (f"paid {paid_on.isoformat()}, more than {tier.after_months} and at most "
                               f"{tier.through_months} months after the due date: surcharge {tier.rate * 100:.0f} % "
                               f"of the full fee ({tier.source})")
    raise AssertionError("payment inside the grace period matched no tier")  # pragma: no cover


def annuity(kind: str, filing_date: date, year: int, *, reduction: Decimal | float | str = 0,
            grant_year: int | None = None, paid_on: date | None = None, as_of: date | None = None,
            grant_notice_received: date | None = None,
            move_tier_boundaries: bool = tables.MOVE_SURCHARGE_TIER_BOUNDARIES,
            lapsed_surcharge_rate: Decimal = tables.LAPSED_SURCHARGE_RATE) -> Annuity:
    """Return due date, amounts, surcharge and grace period of one annual fee.

    Why each piece is computed as it is:

    * due: the filing-date anniversary that opens patent ``year`` (IR Rule
      115, Guidelines), moved off rest days (§3.2).
    * base: full fee from ``ANNUITY_RATES`` in force on the anniversary.
    * reduction: the granted ratio (0.85 single owner, 0.70 joint → pay 15 %
      or 30 %), applied only to the ten years starting with the *grant year*
      (a patent-year number, 1–20, not a calendar year); with
      ``grant_year=None`` the ratio is applied unchecked.
    * surcharge: tier of ``SURCHARGE_TIERS`` for ``paid_on``, on the full fee.
    * grace_until: due + 6 months (IR Rule 115) moved off rest days.
    * lapsed: ``paid_on`` (or, when unpaid, ``as_of``) after grace_until. A
      payment then is a restoration: surcharge at ``lapsed_surcharge_rate``
      (25 % per §3.3 [S]) plus the restoration fee.

    The grant-year fee is really due with the registration formalities,
    2 months from receiving the grant notice (IR Rules 60, 114). When
    ``year == grant_year`` and ``grant_notice_received`` is given, that
    deadline is used (no grace period or surcharge); without it the
    anniversary-based dates are returned and the rule string says so.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year < 1:
        raise ValueError("year must be a patent year number from 1")
    term = patent_term(kind, filing_date)
    if year > term.years:
        raise ValueError(f"a {kind} filed on {filing_date.isoformat()} has a {term.years}-year term; "
                         f"there is no year {year}")
    if grant_year is not None:
        if isinstance(grant_year, bool) or not isinstance(grant_year, int) or not 1 <= grant_year <= term.years:
            raise ValueError(f"grant_year is the patent year (1–{term.years}) in which the patent was granted, "
                             "not a calendar year")
        if year < grant_year:
            raise ValueError(f"no annual fee is owed for year {year}: fees start with the grant year "
                             f"{grant_year} (PL Art. 43)")
    ratio_asked = to_decimal(reduction)
    anniversary = add_years(filing_date, year - 1)
    rate = _annuity_rate(kind, year, anniversary)
    base = yuan(rate.amount)
    ratio, reduction_text = _reduction(ratio_asked, year, grant_year, anniversary)
    payable = yuan(base * (1 - ratio))

    parts = [f"annual fee, {kind.replace('_', ' ')} filed {filing_date.isoformat()}, patent year {year} "
             f"(patent years run from the filing date; IR Rule 115)"]
    registration = year == grant_year and grant_notice_received is not None
    if registration:
        reg = deadline(grant_notice_received, months=2, what="grant-year fee with registration",
                       source="IR Rules 60, 114")
        due, grace_until, provisional = reg.due, reg.due, reg.provisional
        parts.append(reg.rule + "; no grace period or surcharge (unpaid = registration not completed)")
    else:
        shifted = next_working_day(anniversary)
        due = shifted.day
        parts.append(f"due on the anniversary {shifted.describe()}")
        grace = deadline(anniversary, months=6, what="grace period", source="IR Rule 115")
        grace_until = grace.due
        provisional = shifted.provisional or grace.provisional
        parts.append(grace.rule)
        if year == grant_year:
            parts.append("note: the grant-year fee is legally due with the registration formalities, 2 months "
                         "from receiving the grant notice (IR Rules 60, 114); give the notice date for that deadline")
    parts.append(f"base RMB {base} (years {rate.first_year}–{rate.last_year}, {rate.source})")
    parts.append(reduction_text + f": payable RMB {payable}")

    surcharge_rate = Decimal("0")
    restoration_fee = Decimal("0.00")
    checked = paid_on if paid_on is not None else as_of
    lapsed = checked is not None and checked > grace_until
    if paid_on is None:
        parts.append("not paid yet: no surcharge" + (
            f"; as of {as_of.isoformat()} the grace period has ended: lapsed" if lapsed else ""))
    elif lapsed:
        surcharge_rate = lapsed_surcharge_rate
        restoration_fee = yuan(tables.select(tables.FEES, paid_on, code="restoration").amount)
        parts.append(f"paid {paid_on.isoformat()}, after the last day {grace_until.isoformat()}: lapsed as of the "
                     f"due date; restoration needs surcharge {surcharge_rate * 100:.0f} % (setting "
                     f"LAPSED_SURCHARGE_RATE) and the restoration fee RMB {restoration_fee} (IR Rules 6, 116)")
    elif registration or paid_on <= due:
        parts.append(f"paid {paid_on.isoformat()}, by the due date: no surcharge")
    else:
        surcharge_rate, text = _surcharge_rate(anniversary, paid_on, grace_until, move_tier_boundaries)
        parts.append(text + f" (setting MOVE_SURCHARGE_TIER_BOUNDARIES={move_tier_boundaries})")
    surcharge = yuan(base * surcharge_rate)
    total = payable + surcharge
    parts.append(f"total RMB {total}" + (" (fee + surcharge; restoration fee on top)" if lapsed and paid_on else ""))
    if provisional:
        parts.append("provisional: a year without holiday data is involved")
    return Annuity(kind, filing_date, year, anniversary, due, base, ratio, payable, paid_on, surcharge_rate,
                   surcharge, total, grace_until, lapsed, restoration_fee, provisional, "; ".join(parts))
