"""Procedural deadlines and fees: examination request, PCT entry, priority,
PTA/PTE requests, restoration and extension (facts sheet §2, §4, §5, §7).

Every ``due`` here **is** moved off statutory rest days: each is the last day
of a period for doing something at CNIPA or the trademark office, and IR
Rule 5 / TMIR Rule 12 move such a last day to the next working day (the PCT
30/32-month limits and Paris priority periods are also extended that way by
PCT Rule 80.5 and Paris Convention Art. 4C(3)). ``nominal_due`` keeps the
unmoved day for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import tables
from .tables import Right, ServiceMethod
from .timelimits import Deadline, deadline, presumed_receipt

__all__ = ["PctEntry", "exam_request", "extension_fee", "pct_entry", "priority", "pta_request", "pte_request",
           "restoration_request"]


def _period(name: str, kind: str, on: date) -> tables.PeriodRule:
    return tables.select(tables.PERIODS, on, name=name, kind=kind)


def exam_request(filing_date: date, priority_date: date | None = None) -> Deadline:
    """Return the last day to request substantive examination of an invention.

    Three years from the filing date, which for this purpose is the
    (earliest) priority date when priority is claimed (PL Art. 35, IR Rule
    12). Guidelines example: filed 1998-06-01 → 2001-06-01, not 05-31,
    because the start day is not counted. The exam fee is due in the same
    period (IR Rule 113).
    """
    if priority_date is not None and priority_date > filing_date:
        raise ValueError("priority_date cannot be after filing_date")
    start = priority_date or filing_date
    basis = "priority date" if priority_date else "filing date"
    row = _period("exam_request", "invention", start)
    return deadline(start, months=row.months, what=f"substantive examination request ({basis})", source=row.source)


@dataclass(frozen=True)
class PctEntry:
    """PCT national-phase entry: the normal and the late (宽限费) deadline."""

    priority_date: date
    nominal_due: date
    due: date
    nominal_late_due: date
    late_due: date
    late_fee: Decimal
    provisional: bool
    rule: str


def pct_entry(priority_date: date) -> PctEntry:
    """Return the 30-month and 32-month national-phase entry deadlines.

    IR Rule 120: enter within 30 months from the priority date (the
    international filing date when no priority is claimed), or up to 32
    months with the late-entry fee (RMB 1,000 per §5, [S]).
    """
    normal_row = _period("pct_entry", "any", priority_date)
    late_row = _period("pct_late_entry", "any", priority_date)
    normal = deadline(priority_date, months=normal_row.months, what="PCT national phase entry",
                      source=normal_row.source)
    late = deadline(priority_date, months=late_row.months, what="late entry", source=late_row.source)
    fee = tables.select(tables.FEES, late.due, code="pct_late_entry")
    rule = f"{normal.rule}; {late.rule}, late-entry fee RMB {fee.amount:.2f} ({fee.source})"
    return PctEntry(priority_date, normal.nominal_due, normal.due, late.nominal_due, late.due, fee.amount,
                    normal.provisional or late.provisional, rule)


def priority(kind: str, first_filing_date: date, *, domestic: bool = False) -> Deadline:
    """Return the last day to file a later application claiming priority.

    12 months for inventions and utility models, 6 months for designs (PL
    Art. 29) and trademarks (TML Art. 25), from the first filing date.
    Domestic priority for designs exists only for later applications filed
    from 2021-06-01; a period that closes before then raises ValueError.
    Priority periods cannot be restored (IR Rule 6 ¶5), except the separate
    2-month IR Rule 36 restoration for inventions and utility models.
    """
    if kind not in tables.KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(tables.KINDS)}")
    if domestic and kind == "trademark":
        raise ValueError("domestic priority is a patent concept; trademarks have none")
    name = "domestic_priority" if domestic else "priority"
    rows = [r for r in tables.PERIODS if r.name == name and r.kind == kind]
    if len(rows) != 1:
        raise tables.NoRuleError(f"no single {name} rule for {kind}")
    row = rows[0]
    result = deadline(first_filing_date, months=row.months, what=f"{name.replace('_', ' ')} ({kind})",
                      source=row.source)
    # Keyed on the day the later application is filed, i.e. at the latest the due date.
    if not tables.in_force(row, result.due):
        raise tables.NoRuleError(f"{name} for {kind} is not available for a later application filed by "
                                 f"{result.due.isoformat()} (only from {row.effective_from})")
    return result


def pta_request(grant_announcement: date, *, months: int = tables.PTA_REQUEST_MONTHS) -> Deadline:
    """Return the last day to request patent term adjustment (invention only).

    IR Rule 77: 3 months from the grant announcement (``months``, setting
    ``PTA_REQUEST_MONTHS``: the sheet rejects WSGR's "30 days"). Only for
    grants announced from 2021-06-01. Request fee RMB 200.
    """
    row = _period("pta_request", "invention", grant_announcement)
    return deadline(grant_announcement, months=months, what="PTA request",
                    source=f"{row.source}; setting PTA_REQUEST_MONTHS={months}")


def pte_request(marketing_approval: date) -> Deadline:
    """Return the last day to request new-drug patent term compensation.

    IR Rule 81: 3 months from the NMPA marketing approval in China.
    """
    row = _period("pte_request", "invention", marketing_approval)
    return deadline(marketing_approval, months=row.months, what="PTE request", source=row.source)


def restoration_request(*, notice_issued: date | None = None, service: ServiceMethod = "mail",
                        right: Right = "patent", obstacle_removed: date | None = None,
                        missed_deadline: date | None = None) -> Deadline:
    """Return the last day to request restoration of a lost right (IR Rule 6).

    Two branches that the brief's "2 months / 2 years max" conflates:

    * justified reason (¶2, restoration fee RMB 1,000): 2 months from
      receiving the notice of the loss; give ``notice_issued`` and ``service``.
    * force majeure (¶1, no fee): 2 months from the obstacle's removal but at
      most 2 years after the missed deadline; give ``obstacle_removed`` and
      ``missed_deadline``. The earlier of the two last days wins.
    """
    if notice_issued is not None:
        receipt = presumed_receipt(notice_issued, service, right)
        row = _period("restoration_justified", "any", receipt.received)
        result = deadline(receipt.received, months=row.months, what="restoration request", source=row.source)
        return Deadline(result.nominal_due, result.due, result.provisional or receipt.provisional,
                        f"{receipt.rule}; {result.rule}")
    if obstacle_removed is None or missed_deadline is None:
        raise ValueError("give notice_issued, or both obstacle_removed and missed_deadline")
    row = _period("restoration_force_majeure", "any", obstacle_removed)
    cap_row = _period("restoration_force_majeure_cap", "any", missed_deadline)
    first = deadline(obstacle_removed, months=row.months, what="restoration (force majeure)", source=row.source)
    cap = deadline(missed_deadline, months=cap_row.months, what="outer limit", source=cap_row.source)
    chosen = first if first.due <= cap.due else cap
    return Deadline(chosen.nominal_due, chosen.due, first.provisional or cap.provisional,
                    f"{first.rule}; {cap.rule}; the earlier applies: {chosen.due.isoformat()}")


def extension_fee(months: int, *, further: bool = False, on: date | None = None) -> Decimal:
    """Return the fee for extending a designated (指定) time limit.

    IR Rule 6 ¶4 / Rule 116: 1 or 2 months (a part month counts as a whole),
    RMB 300 a month for the first extension, RMB 2,000 a month for a further
    one. Must be requested and paid before the limit expires; statutory
    limits cannot be extended. ``on`` is the payment date (default: today's
    rules, i.e. the open-ended rows).
    """
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 2:
        raise ValueError("an extension is 1 or 2 months")
    code = "extension_further_month" if further else "extension_first_month"
    row = tables.select(tables.FEES, on or date.max, code=code)
    return row.amount * months
