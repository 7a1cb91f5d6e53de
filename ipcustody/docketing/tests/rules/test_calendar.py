"""Month arithmetic and working days (IR Rule 5, chinesecalendar data)."""

from __future__ import annotations

from datetime import date

import pytest

from ipcustody.docketing.calendar import (
    add_days,
    add_months,
    add_years,
    day_before_anniversary,
    day_status,
    holiday_data_covers,
    last_day_of_month,
    next_working_day,
    period_end,
)
from ipcustody.docketing.timelimits import time_limit


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 3, 31), 1, date(2021, 4, 30)),
        (date(2021, 8, 31), 6, date(2022, 2, 28)),
        (date(2021, 12, 15), 1, date(2022, 1, 15)),
        (date(2021, 6, 15), 0, date(2021, 6, 15)),
        (date(2022, 3, 31), -1, date(2022, 2, 28)),
        (date(2022, 1, 15), -12, date(2021, 1, 15)),
    ],
)
def test_it_ends_a_month_period_on_the_corresponding_or_last_day(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_it_maps_29_february_to_28_february_in_a_common_year() -> None:
    assert add_years(date(2020, 2, 29), 1) == date(2021, 2, 28)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)


def test_it_does_not_count_the_start_day_of_a_day_period() -> None:
    assert add_days(date(1999, 12, 16), 15) == date(1999, 12, 31)
    assert period_end(date(2020, 1, 31), months=1, days=1) == date(2020, 3, 1)


def test_last_day_of_month_handles_leap_years_and_december() -> None:
    assert last_day_of_month(2000, 2) == 29
    assert last_day_of_month(1900, 2) == 28
    assert last_day_of_month(2023, 12) == 31


def test_day_before_anniversary_keeps_28_february_for_a_29_february_start() -> None:
    assert day_before_anniversary(date(2016, 2, 29), 10) == date(2026, 2, 28)
    assert day_before_anniversary(date(2013, 5, 21), 10) == date(2023, 5, 20)


def test_it_moves_a_due_date_off_the_national_day_holiday() -> None:
    result = time_limit(date(2024, 8, 1), months=2)
    assert result.nominal_due == date(2024, 10, 1)
    assert result.due == date(2024, 10, 8)
    assert "National Day" in result.rule


def test_it_keeps_a_due_date_on_a_swapped_working_sunday() -> None:
    # 2025-01-26 (Sunday) was declared a working day for the Spring Festival (State Council 2024-11-12).
    result = time_limit(date(2024, 11, 26), months=2)
    assert result.due == date(2025, 1, 26)
    assert result.nominal_due == result.due


def test_it_keeps_a_due_date_on_the_swapped_working_saturday_of_2026_02_14() -> None:
    assert time_limit(date(2025, 12, 14), months=2).due == date(2026, 2, 14)


def test_it_moves_a_due_date_through_the_whole_2025_spring_festival() -> None:
    # 01-28 to 02-04 off; 02-05 is the first working day.
    assert time_limit(date(2024, 12, 28), months=1).due == date(2025, 2, 5)


def test_it_moves_a_plain_weekend_to_monday() -> None:
    shifted = next_working_day(date(2023, 3, 4))  # Saturday
    assert shifted.day == date(2023, 3, 6)
    assert shifted.moved and not shifted.provisional
    assert [s.day for s in shifted.skipped] == [date(2023, 3, 4), date(2023, 3, 5)]


def test_it_leaves_a_working_day_alone() -> None:
    shifted = next_working_day(date(2023, 3, 3))
    assert shifted.day == date(2023, 3, 3) and not shifted.moved


def test_it_marks_years_without_holiday_data_provisional_and_uses_weekends_only() -> None:
    assert not holiday_data_covers(date(2040, 1, 1))
    assert holiday_data_covers(date(2025, 1, 1))
    status = day_status(date(2040, 10, 1))  # a Monday: no holiday data, so treated as a working day
    assert status.provisional and not status.rest
    saturday = next_working_day(date(2040, 10, 6))  # Saturday → Monday 10-08
    assert saturday.day == date(2040, 10, 8) and saturday.provisional


def test_a_shift_that_crosses_into_an_uncovered_year_is_provisional() -> None:
    # Find the first year without data, then a date just before it whose shift crosses the boundary.
    year = 2004
    while holiday_data_covers(date(year, 1, 1)):
        year += 1
    shifted = next_working_day(date(year - 1, 12, 31))
    if shifted.day.year == year:
        assert shifted.provisional
    else:
        assert not shifted.provisional
