"""Time limits: presumed receipt of notices, and the last day of a period.

Two steps, as CNIPA and the trademark office compute them:

1. When the period runs from a notice, find the day the notice counts as
   received (facts sheet §5.7): mailed patent notices issue date + 15 days;
   electronic patent notices the issue date itself when served from
   2024-01-20 (+15 days before); trademark notices + 15 days however sent.
2. Apply IR Rule 5 / TMIR Rule 12 (§5.6): the start day is not counted,
   months end on the corresponding day or that month's last day, and a last
   day on a statutory rest day moves to the next working day.

The *presumed receipt* day itself is not moved off rest days (setting
``MOVE_PRESUMED_RECEIPT``): the sheet is silent, and Rule 5 only moves the
last day of a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import tables
from .calendar import next_working_day, period_end
from .tables import Right, ServiceMethod

__all__ = ["Deadline", "Receipt", "TimeLimit", "deadline", "presumed_receipt", "time_limit"]

SERVICE_METHODS: tuple[str, ...] = ("none", "mail", "electronic", "public_notice")
RIGHTS: tuple[str, ...] = ("patent", "trademark")


@dataclass(frozen=True)
class Receipt:
    """The day a notice counts as received, and why."""

    issued: date
    received: date
    provisional: bool
    rule: str


@dataclass(frozen=True)
class Deadline:
    """The last day for an act.

    ``nominal_due`` is the computed last day; ``due`` is that day moved off
    rest days (equal when it was a working day). ``provisional`` means a year
    without holiday data was involved, so ``due`` may still change.
    """

    nominal_due: date
    due: date
    provisional: bool
    rule: str


@dataclass(frozen=True)
class TimeLimit:
    """A period running from a notice (or a plain start date)."""

    issued: date
    received: date
    nominal_due: date
    due: date
    provisional: bool
    rule: str


def _describe_length(years: int, months: int, days: int) -> str:
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if days or not parts:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " ".join(parts)


def deadline(start: date, *, years: int = 0, months: int = 0, days: int = 0, what: str = "period",
             source: str = "IR Rule 5") -> Deadline:
    """Return the last day of a period of the given length begun on ``start``.

    This is the single place that applies IR Rule 5 / TMIR Rule 12, so every
    deadline in the package moves off rest days the same way.
    """
    if years < 0 or months < 0 or days < 0:
        raise ValueError("a period length cannot be negative")
    nominal = period_end(start, years=years, months=months, days=days)
    shifted = next_working_day(nominal)
    rule = (f"{what}: {_describe_length(years, months, days)} from {start.isoformat()} ({source}; start day "
            f"not counted) ends {shifted.describe()}")
    return Deadline(nominal, shifted.day, shifted.provisional, rule)


def presumed_receipt(issued: date, service: ServiceMethod = "none", right: Right = "patent", *,
                     move_off_rest_days: bool = tables.MOVE_PRESUMED_RECEIPT) -> Receipt:
    """Return the day a notice issued on ``issued`` counts as received.

    The rule depends on the right, the service method and, for electronic
    patent notices, on the issue date (the 15-day buffer went away for
    documents served from 2024-01-20), so it is looked up in
    ``tables.SERVICE_RULES`` by issue date. Proven earlier or later actual
    receipt is outside this function: pass ``service="none"`` with the
    proven date instead.
    """
    if service not in SERVICE_METHODS:
        raise ValueError(f"unknown service {service!r}; expected one of {', '.join(SERVICE_METHODS)}")
    if right not in RIGHTS:
        raise ValueError(f"unknown right {right!r}; expected one of {', '.join(RIGHTS)}")
    row = tables.select(tables.SERVICE_RULES, issued, right=right, method=service)
    received = period_end(issued, months=row.months, days=row.days)
    provisional = False
    rule = (f"{right} notice, service {service}, issued {issued.isoformat()}: received {received.isoformat()} "
            f"({row.source})")
    if move_off_rest_days and received != issued:
        shifted = next_working_day(received)
        received, provisional = shifted.day, shifted.provisional
        rule += f", moved off rest days to {received.isoformat()}"
    return Receipt(issued, received, provisional, rule)


def time_limit(start: date, *, months: int = 0, years: int = 0, days: int = 0, service: ServiceMethod = "none",
               right: Right = "patent", move_receipt_off_rest_days: bool = tables.MOVE_PRESUMED_RECEIPT) -> TimeLimit:
    """Return the last day of a period running from a notice or a date.

    ``start`` is the notice's issue date when ``service`` is not ``"none"``,
    otherwise the day the period starts from. The period runs from the
    presumed receipt day (start day not counted) and its last day is moved off
    statutory rest days, honouring 调休 swapped working days. Patent (IR
    Rule 5) and trademark (TMIR Rule 12) time limits use the same arithmetic.
    """
    receipt = presumed_receipt(start, service, right, move_off_rest_days=move_receipt_off_rest_days)
    law = "IR Rule 5" if right == "patent" else "TMIR Rule 12"
    period = deadline(receipt.received, years=years, months=months, days=days, what="time limit", source=law)
    rule = receipt.rule + "; " + period.rule if service != "none" else period.rule
    return TimeLimit(start, receipt.received, period.nominal_due, period.due,
                     receipt.provisional or period.provisional, rule)
