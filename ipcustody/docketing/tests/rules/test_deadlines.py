"""Procedural deadlines, presumed receipt and flat fees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipcustody.docketing import tables
from ipcustody.docketing.deadlines import (
    exam_request,
    extension_fee,
    pct_entry,
    priority,
    pta_request,
    pte_request,
    restoration_request,
)
from ipcustody.docketing.timelimits import presumed_receipt, time_limit


def test_an_electronic_patent_notice_before_2024_01_20_gets_15_days() -> None:
    assert presumed_receipt(date(2024, 1, 19), "electronic", "patent").received == date(2024, 2, 3)


def test_an_electronic_patent_notice_from_2024_01_20_is_received_the_day_it_is_sent() -> None:
    assert presumed_receipt(date(2024, 1, 20), "electronic", "patent").received == date(2024, 1, 20)


def test_a_mailed_patent_notice_still_gets_15_days_after_2024() -> None:
    assert presumed_receipt(date(2024, 3, 1), "mail", "patent").received == date(2024, 3, 16)


def test_a_trademark_notice_gets_15_days_even_when_electronic() -> None:
    assert presumed_receipt(date(2024, 3, 1), "electronic", "trademark").received == date(2024, 3, 16)


def test_a_public_notice_counts_one_month_for_patents_and_30_days_for_trademarks() -> None:
    assert presumed_receipt(date(2024, 1, 31), "public_notice", "patent").received == date(2024, 2, 29)
    assert presumed_receipt(date(2024, 1, 31), "public_notice", "trademark").received == date(2024, 3, 1)


def test_it_does_not_move_a_presumed_receipt_day_off_a_weekend_by_default() -> None:
    # 2024-03-01 + 15 = 2024-03-16, a Saturday.
    assert presumed_receipt(date(2024, 3, 1), "mail", "patent").received == date(2024, 3, 16)
    moved = presumed_receipt(date(2024, 3, 1), "mail", "patent", move_off_rest_days=True)
    assert moved.received == date(2024, 3, 18)


def test_a_four_month_office_action_from_an_electronic_notice() -> None:
    result = time_limit(date(2024, 5, 31), months=4, service="electronic")
    assert result.received == date(2024, 5, 31)
    assert result.due == date(2024, 9, 30)


def test_a_time_limit_in_days_does_not_count_the_start_day() -> None:
    assert time_limit(date(2024, 3, 4), days=15, right="trademark").due == date(2024, 3, 19)


def test_it_rejects_an_unknown_service_or_right() -> None:
    with pytest.raises(ValueError):
        time_limit(date(2024, 1, 1), months=1, service="fax")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        time_limit(date(2024, 1, 1), months=1, right="copyright")  # type: ignore[arg-type]


def test_it_counts_the_exam_request_from_the_priority_date_when_claimed() -> None:
    assert exam_request(date(2021, 3, 1), date(2020, 3, 2)).due == date(2023, 3, 2)
    with pytest.raises(ValueError):
        exam_request(date(2021, 3, 1), date(2021, 3, 2))


def test_it_gives_30_and_32_months_for_pct_entry() -> None:
    result = pct_entry(date(2023, 3, 31))
    assert result.due == date(2025, 9, 30)
    assert result.nominal_late_due == date(2025, 11, 30)  # a Sunday
    assert result.late_due == date(2025, 12, 1)
    assert result.late_fee == Decimal("1000")


@pytest.mark.parametrize(
    ("kind", "first", "due"),
    [
        ("invention", date(2023, 3, 15), date(2024, 3, 15)),
        ("utility_model", date(2023, 3, 15), date(2024, 3, 15)),
        ("design", date(2023, 3, 15), date(2023, 9, 15)),
        ("trademark", date(2023, 3, 15), date(2023, 9, 15)),
        ("design", date(2024, 4, 1), date(2024, 10, 8)),  # 10-01 National Day → 10-08
    ],
)
def test_it_gives_12_or_6_months_of_priority(kind: str, first: date, due: date) -> None:
    assert priority(kind, first).due == due


def test_domestic_design_priority_exists_only_from_2021_06_01() -> None:
    assert priority("design", date(2021, 3, 1), domestic=True).due == date(2021, 9, 1)
    with pytest.raises(tables.NoRuleError):
        priority("design", date(2020, 9, 1), domestic=True)


def test_it_gives_three_months_to_request_pta_not_thirty_days() -> None:
    assert pta_request(date(2022, 3, 15)).due == date(2022, 6, 15)
    assert pta_request(date(2022, 3, 15), months=1).due == date(2022, 4, 15)
    with pytest.raises(tables.NoRuleError):
        pta_request(date(2021, 5, 31))


def test_it_gives_three_months_to_request_pte() -> None:
    assert pte_request(date(2024, 2, 29)).due == date(2024, 5, 29)


def test_a_justified_restoration_runs_two_months_from_receipt_of_the_notice() -> None:
    assert restoration_request(notice_issued=date(2023, 5, 4), service="mail").due == date(2023, 7, 19)


def test_a_force_majeure_restoration_is_capped_two_years_after_the_missed_deadline() -> None:
    result = restoration_request(obstacle_removed=date(2024, 12, 1), missed_deadline=date(2023, 1, 10))
    assert result.due == date(2025, 1, 10)
    early = restoration_request(obstacle_removed=date(2023, 3, 1), missed_deadline=date(2023, 1, 10))
    assert early.due == date(2023, 5, 4)  # 05-01 is Labour Day (05-01..05-03), then 05-04


def test_extension_fees_are_300_then_2000_a_month() -> None:
    assert extension_fee(1) == Decimal("300")
    assert extension_fee(2) == Decimal("600")
    assert extension_fee(2, further=True) == Decimal("4000")
    with pytest.raises(ValueError):
        extension_fee(3)


def test_the_restoration_fee_is_1000_and_not_reducible() -> None:
    fee = tables.select(tables.FEES, date(2024, 1, 1), code="restoration")
    assert fee.amount == Decimal("1000") and not fee.reducible
