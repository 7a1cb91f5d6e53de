"""Trademark term and renewal windows (facts sheet §7).

A registered mark lasts 10 years from the registration approval date (TML
Art. 39); renewal may be filed in the 12 months before expiry, with a
6-month grace period after it (Art. 40); each renewal runs 10 years from the
day after the previous term ends. Where an opposition failed, the caller
passes the date rights run from (end of the 3-month publication period,
Art. 36) as ``registration_date``. Madrid designations (TMIR Rule 46) count
from the international registration or subsequent designation date, which
the caller passes the same way.

Choices:

* ``expiry`` is the last day of the term and is **not** moved off rest days
  (the end of a right). By default it is the day before the 10th
  anniversary, as registration data shows ("2013-05-21 至 2023-05-20";
  §7 [S]); setting ``TRADEMARK_EXPIRY_CONVENTION``.
* ``renewal_from`` is the first day of the 12-month window: the day after
  the same date 12 months before expiry. It is the opening of a window, so
  it is not moved either.
* ``grace_until`` is the last day of the 6-month grace period counted from
  expiry under TMIR Rule 12, and **is** moved off rest days: it is a time
  limit for filing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import tables
from .calendar import add_months, add_years, day_before_anniversary
from .tables import ExpiryConvention
from .timelimits import deadline

__all__ = ["TrademarkExpiry", "trademark_expiry"]


@dataclass(frozen=True)
class TrademarkExpiry:
    """A trademark term's end and its renewal window."""

    registration_date: date
    renewals: int
    term_start: date
    expiry: date
    renewal_from: date
    nominal_grace_until: date
    grace_until: date
    provisional: bool
    rule: str


def trademark_expiry(registration_date: date, *, renewals: int = 0,
                     convention: ExpiryConvention = tables.TRADEMARK_EXPIRY_CONVENTION) -> TrademarkExpiry:
    """Return expiry, renewal window start and grace-period end of a mark.

    ``renewals`` counts renewals already granted; the term asked for is the
    one after them (each renewal adds exactly one 10-year term, so the
    ``n``-th term still ends on an anniversary of the registration date).
    """
    if isinstance(renewals, bool) or not isinstance(renewals, int) or renewals < 0:
        raise ValueError("renewals must be a whole number from 0")
    row = tables.select(tables.TRADEMARK_TERMS, registration_date)
    years = row.term_years * (renewals + 1)
    if convention == "day_before":
        end_of, how = day_before_anniversary, "ends the day before the anniversary"
    elif convention == "anniversary":
        end_of, how = add_years, "ends on the anniversary"
    else:
        raise ValueError(f"unknown expiry convention {convention!r}")
    end = end_of(registration_date, years)
    # A renewed term runs from the day after the previous term ends (TML Art. 40).
    term_start = registration_date
    if renewals:
        term_start = end_of(registration_date, years - row.term_years) + timedelta(days=1)
    renewal_from = add_months(end, -row.renewal_window_months) + timedelta(days=1)
    grace = deadline(end, months=row.grace_months, what="renewal grace period", source="TML Art. 40; TMIR Rule 12")
    term_text = f"term {renewals + 1}" if renewals else "first term"
    rule = (f"trademark registered {registration_date.isoformat()}, {term_text}: {row.term_years} years "
            f"({row.source}) {how} (setting TRADEMARK_EXPIRY_CONVENTION={convention!r}): {end.isoformat()}, "
            f"not moved for rest days; renewal window opens {renewal_from.isoformat()} "
            f"({row.renewal_window_months} months before expiry); {grace.rule}")
    return TrademarkExpiry(registration_date, renewals, term_start, end, renewal_from, grace.nominal_due,
                           grace.due, grace.provisional, rule)
