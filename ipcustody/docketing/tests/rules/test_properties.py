"""Property tests (hypothesis) for the date arithmetic and the rules built on it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ipcustody.docketing.calendar import add_months, day_status
from ipcustody.docketing.patents import annuity, expiry
from ipcustody.docketing.timelimits import time_limit
from ipcustody.docketing.trademarks import trademark_expiry

dates = st.dates(min_value=date(1985, 4, 1), max_value=date(2060, 12, 31))
months = st.integers(min_value=0, max_value=60)
services = st.sampled_from(["none", "mail", "electronic", "public_notice"])
rights = st.sampled_from(["patent", "trademark"])
kinds = st.sampled_from(["invention", "utility_model", "design"])

# database=None: keep no .hypothesis/ example database in the work tree.
fast = settings(max_examples=300, deadline=None, database=None)


@fast
@given(dates, months, services, rights)
def test_a_due_date_is_never_a_rest_day(start: date, n: int, service: str, right: str) -> None:
    result = time_limit(start, months=n, service=service, right=right)  # type: ignore[arg-type]
    status = day_status(result.due)
    assert not status.rest
    assert result.provisional or not status.provisional


@fast
@given(dates, months, services, rights)
def test_a_due_date_is_on_or_after_its_nominal_day_and_the_receipt(start: date, n: int, service: str,
                                                                   right: str) -> None:
    result = time_limit(start, months=n, service=service, right=right)  # type: ignore[arg-type]
    assert start <= result.received <= result.nominal_due <= result.due
    assert result.due - result.nominal_due < timedelta(days=20)


@fast
@given(dates, dates, months)
def test_adding_months_never_goes_backwards_in_the_start_date(a: date, b: date, n: int) -> None:
    early, late = min(a, b), max(a, b)
    assert add_months(early, n) <= add_months(late, n)


@fast
@given(dates, months, months)
def test_adding_more_months_never_gives_an_earlier_day(start: date, m: int, n: int) -> None:
    assert add_months(start, min(m, n)) <= add_months(start, max(m, n))
    assert add_months(start, m) >= start


@fast
@given(dates, dates, months)
def test_a_later_start_never_gives_an_earlier_due_date(a: date, b: date, n: int) -> None:
    early, late = min(a, b), max(a, b)
    assert time_limit(early, months=n).due <= time_limit(late, months=n).due


@fast
@given(dates, months)
def test_a_month_period_ends_on_the_corresponding_day_or_the_month_end(start: date, n: int) -> None:
    end = add_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


@fast
@given(kinds, dates)
def test_expiry_is_after_filing(kind: str, filed: date) -> None:
    result = expiry(kind, filed)
    assert result.expiry > filed
    assert expiry(kind, filed, convention="day_before").expiry > filed


@fast
@given(dates)
def test_a_trademark_expires_after_registration_and_its_windows_are_ordered(registered: date) -> None:
    result = trademark_expiry(registered)
    assert registered < result.renewal_from <= result.expiry < result.grace_until


@fast
@given(kinds, st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 10),
       st.integers(0, 250))
def test_an_annuity_surcharge_never_decreases_with_a_later_payment(kind: str, filed: date, year: int,
                                                                   late_days: int) -> None:
    first = annuity(kind, filed, year, paid_on=add_months(filed, 12 * (year - 1)) + timedelta(days=late_days))
    later = annuity(kind, filed, year, paid_on=first.paid_on + timedelta(days=7))  # type: ignore[operator]
    assert first.surcharge <= later.surcharge
    assert first.anniversary <= first.due < first.grace_until
    assert first.total == first.payable + first.surcharge
