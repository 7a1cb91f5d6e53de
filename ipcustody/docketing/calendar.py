"""Working days and calendar arithmetic for Chinese IP time limits.

Implements the date rules of the Patent Implementing Regulations (IR) Rule 5,
repeated for trademarks in TMIR Rule 12 (facts sheet §5.6):

* the day a period starts is not counted;
* a period in months or years ends on the corresponding day of the final
  month, or on that month's last day when it has no such day;
* a last day that is a statutory rest day (法定休假日: the all-citizen holidays
  *plus weekends*) moves to the first working day after it, and a Saturday or
  Sunday that the State Council declared a working day (调休) counts as a
  working day.

Holiday data comes from the ``chinesecalendar`` package (import name
``chinese_calendar``), never from a hand-copied list. That package only knows
the years it ships data for (2004–2026 in version 1.11.0); for any other year
we fall back to a weekends-only calendar and flag the answer *provisional* so
that it is recomputed once the State Council's notice for that year is out.

This module is pure Python (no Django) and never shadows the standard
library's ``calendar`` for callers: it is only reachable as
``ipcustody.docketing.calendar``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

__all__ = [
    "DayStatus",
    "ShiftedDate",
    "add_days",
    "add_months",
    "add_years",
    "day_before_anniversary",
    "day_status",
    "holiday_data_covers",
    "last_day_of_month",
    "next_working_day",
    "period_end",
]

#: How many consecutive rest days we are prepared to skip before deciding the
#: calendar data is broken. The longest real run (Spring Festival with a
#: weekend on each side) is well under three weeks.
_MAX_REST_RUN = 40


def last_day_of_month(year: int, month: int) -> int:
    """Return the number of the last day of ``month`` in ``year``.

    Computed from the first day of the following month so that this module
    does not depend on the standard ``calendar`` module (whose name it shares).
    """
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def add_months(start: date, months: int) -> date:
    """Return the day that ends a period of ``months`` months begun on ``start``.

    IR Rule 5: the period ends on the *corresponding day* of the final month;
    if that month has no such day (e.g. 31 → February) it ends on that
    month's last day. Negative ``months`` count backwards with the same
    clamping, which we need for "12 months before expiry" windows.
    The start day itself is not counted, which is exactly what a plain
    "same day number, n months later" computation gives.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"{start.isoformat()} + {months} months is outside the supported date range")
    day = min(start.day, last_day_of_month(year, month))
    return date(year, month, day)


def add_years(start: date, years: int) -> date:
    """Return the day that ends a period of ``years`` years begun on ``start``.

    A year is twelve months under IR Rule 5, so 29 February maps to
    28 February in a common year.
    """
    return add_months(start, 12 * years)


def add_days(start: date, days: int) -> date:
    """Return the last day of a period of ``days`` days begun on ``start``.

    The start day is not counted (IR Rule 5), so a 15-day period from the
    16th ends on the 31st.
    """
    return start + timedelta(days=days)


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Return the nominal last day of a period, before any rest-day shift.

    Years and months are applied together as months (so "1 year 6 months"
    is "18 months", clamped once), then days are added.
    """
    return add_days(add_months(start, 12 * years + months), days)


def day_before_anniversary(start: date, years: int) -> date:
    """Return the day before the ``years``-th anniversary of ``start``.

    Used by the "the term ends the day before the anniversary" convention
    (trademark registration certificates, and the alternative reading of
    patent expiry). For a 29 February start the anniversary in a common year
    is taken to be 1 March, so the term still ends on 28 February rather than
    losing a day.
    """
    year = start.year + years
    try:
        anniversary = date(year, start.month, start.day)
    except ValueError:  # 29 February in a common year
        anniversary = date(year, 3, 1)
    return anniversary - timedelta(days=1)


def holiday_data_covers(day: date) -> bool:
    """Tell whether ``chinesecalendar`` has holiday data for ``day``'s year."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class DayStatus:
    """Whether one day is a statutory rest day, and how sure we are of it.

    ``provisional`` is true when the year is not covered by the holiday data
    and only weekends were considered. ``name`` is the holiday name from the
    data (e.g. ``"National Day"``), ``"weekend"`` for an ordinary weekend, or
    ``None`` for an ordinary working day.
    """

    day: date
    rest: bool
    provisional: bool
    name: str | None

    def describe(self) -> str:
        """Short human-readable description for rule strings."""
        if not self.rest:
            if self.name:
                return f"{self.day.isoformat()} (adjusted working day, {self.name})"
            return self.day.isoformat()
        label = self.name or "rest day"
        suffix = ", weekends only: no holiday data" if self.provisional else ""
        return f"{self.day.isoformat()} ({label}{suffix})"


@lru_cache(maxsize=20_000)
def day_status(day: date) -> DayStatus:
    """Classify ``day`` as a working day or a statutory rest day.

    Cached: the nightly recomputation asks about the same few thousand days for every asset.

    Uses the State Council holiday data (with 调休 swaps) when the package has
    the year; otherwise weekends only, marked provisional.
    """
    try:
        rest, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        weekend = day.weekday() >= 5
        return DayStatus(day, weekend, True, "weekend" if weekend else None)
    if rest and name is None:
        name = "weekend"
    return DayStatus(day, bool(rest), False, name)


@dataclass(frozen=True)
class ShiftedDate:
    """A last day after applying the rest-day rule.

    ``nominal`` is the computed last day, ``day`` the first working day on or
    after it, ``skipped`` the rest days passed over (empty when nothing
    moved) and ``provisional`` is true when any day looked at lacked holiday
    data.
    """

    nominal: date
    day: date
    skipped: tuple[DayStatus, ...]
    provisional: bool

    @property
    def moved(self) -> bool:
        """True when the nominal last day was a rest day."""
        return self.day != self.nominal

    def describe(self) -> str:
        """Explain the shift for a rule string."""
        text = self.nominal.isoformat()
        if self.moved:
            first = self.skipped[0]
            text += (f", a rest day ({first.name or 'rest day'}), moved to the next working day "
                     f"{self.day.isoformat()} (IR Rule 5 / TMIR Rule 12)")
        if self.provisional:
            text += "; provisional: no holiday data for that year, weekends only"
        return text


def next_working_day(day: date) -> ShiftedDate:
    """Return the first working day on or after ``day`` (IR Rule 5).

    Why "on or after": the rule only moves a last day that *is* a rest day;
    a working last day stays put.
    """
    skipped: list[DayStatus] = []
    provisional = False
    current = day
    for _ in range(_MAX_REST_RUN):
        status = day_status(current)
        provisional = provisional or status.provisional
        if not status.rest:
            return ShiftedDate(day, current, tuple(skipped), provisional)
        skipped.append(status)
        current += timedelta(days=1)
    raise RuntimeError(f"no working day within {_MAX_REST_RUN} days after {day.isoformat()}: holiday data looks wrong")
