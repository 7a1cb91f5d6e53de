"""Patent terms, annual fees, reductions and lapse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipcustody.docketing import tables
from ipcustody.docketing.patents import annuity, expiry, patent_term


@pytest.mark.parametrize(
    ("kind", "filed", "years", "end"),
    [
        ("invention", date(2010, 3, 1), 20, date(2030, 3, 1)),
        ("utility_model", date(2010, 3, 1), 10, date(2020, 3, 1)),
        ("design", date(2021, 5, 31), 10, date(2031, 5, 31)),
        ("design", date(2021, 6, 1), 15, date(2036, 6, 1)),
    ],
)
def test_it_gives_each_kind_its_term_by_filing_date(kind: str, filed: date, years: int, end: date) -> None:
    result = expiry(kind, filed)
    assert result.term_years == years
    assert result.expiry == end


def test_it_does_not_move_an_expiry_that_falls_on_a_holiday() -> None:
    assert expiry("invention", date(2004, 10, 1)).expiry == date(2024, 10, 1)


def test_it_adds_granted_pta_days_to_an_invention_only() -> None:
    assert expiry("invention", date(2010, 1, 1), extension_days=100).expiry == date(2030, 4, 11)
    with pytest.raises(ValueError):
        expiry("design", date(2022, 1, 1), extension_days=1)


def test_it_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError):
        patent_term("trademark", date(2020, 1, 1))


def test_it_rejects_a_year_beyond_the_term() -> None:
    with pytest.raises(ValueError, match="no year 11"):
        annuity("design", date(2021, 5, 31), 11)
    with pytest.raises(ValueError):
        annuity("utility_model", date(2015, 1, 1), 11)


def test_it_charges_3000_for_design_years_11_to_15_of_a_15_year_design() -> None:
    result = annuity("design", date(2021, 6, 1), 11)
    assert result.base == Decimal("3000.00")
    assert result.anniversary == date(2031, 6, 1)


def test_it_refuses_design_year_11_before_the_2022_fee_existed() -> None:
    # The 3000 rate is in force from 2022-05-05; no design can reach year 11 before then,
    # but the table lookup must not invent a rate for such a date.
    rows = [r for r in tables.select_all(tables.ANNUITY_RATES, date(2022, 5, 4), kind="design") if r.covers(11)]
    assert rows == []


@pytest.mark.parametrize(("ratio", "payable"), [("0.85", "135.00"), ("0.70", "270.00"), ("0.7", "270.00"),
                                               ("0", "900.00")])
def test_it_applies_the_reduction_ratio_as_a_share_off(ratio: str, payable: str) -> None:
    result = annuity("invention", date(2019, 3, 1), 3, reduction=Decimal(ratio), grant_year=3)
    assert result.payable == Decimal(payable)


def test_the_reduction_covers_ten_years_from_the_grant_year_not_years_one_to_ten() -> None:
    filed = date(2019, 3, 1)
    assert annuity("invention", filed, 13, reduction=0.85, grant_year=4).payable == Decimal("900.00")  # 6000 * 15 %
    assert annuity("invention", filed, 14, reduction=0.85, grant_year=4).payable == Decimal("6000.00")
    assert annuity("invention", filed, 4, reduction=0.85, grant_year=4).payable == Decimal("180.00")


def test_the_reduction_window_was_six_years_before_2018_08_01() -> None:
    filed = date(2010, 3, 1)
    # Year 8 due 2017-03-01, grant year 2: window years 2–7 under 财税〔2016〕78号.
    assert annuity("invention", filed, 8, reduction=0.85, grant_year=2).payable == Decimal("2000.00")
    # Year 10 due 2019-03-01: window years 2–11.
    assert annuity("invention", filed, 10, reduction=0.85, grant_year=2).payable == Decimal("600.00")


def test_it_refuses_to_guess_a_reduction_before_the_2016_scheme() -> None:
    with pytest.raises(tables.NoRuleError):
        annuity("invention", date(2001, 1, 16), 12, reduction=0.85, grant_year=5)


def test_it_rejects_a_calendar_year_as_grant_year() -> None:
    with pytest.raises(ValueError, match="patent year"):
        annuity("invention", date(2019, 3, 1), 5, grant_year=2021)


def test_it_owes_no_fee_for_a_year_before_grant() -> None:
    with pytest.raises(ValueError, match="no annual fee"):
        annuity("invention", date(2019, 3, 1), 2, grant_year=4)


def test_it_applies_an_unchecked_reduction_when_the_grant_year_is_unknown() -> None:
    result = annuity("invention", date(2019, 3, 1), 15, reduction=0.7)
    assert result.payable == Decimal("1800.00")
    assert "not checked" in result.rule


def test_a_payment_after_the_grace_period_is_lapsed_and_needs_restoration() -> None:
    result = annuity("invention", date(2001, 1, 16), 12, paid_on=date(2012, 7, 17))
    assert result.grace_until == date(2012, 7, 16)
    assert result.lapsed is True
    assert result.surcharge_rate == tables.LAPSED_SURCHARGE_RATE
    assert result.restoration_fee == Decimal("1000.00")


def test_the_grace_period_end_moves_off_a_weekend() -> None:
    result = annuity("invention", date(2010, 1, 7), 10)  # anniversary 2019-01-07, +6 months 2019-07-07 (Sunday)
    assert result.grace_until == date(2019, 7, 8)
    paid = annuity("invention", date(2010, 1, 7), 10, paid_on=date(2019, 7, 8))
    assert not paid.lapsed and paid.surcharge_rate == Decimal("0.25")


def test_moving_tier_boundaries_is_a_setting() -> None:
    # 2012-06-16 (due + 5 months) was a Saturday.
    fixed = annuity("invention", date(2001, 1, 16), 12, paid_on=date(2012, 6, 18))
    moved = annuity("invention", date(2001, 1, 16), 12, paid_on=date(2012, 6, 18), move_tier_boundaries=True)
    assert fixed.surcharge_rate == Decimal("0.25")
    assert moved.surcharge_rate == Decimal("0.20")


def test_an_unpaid_fee_is_lapsed_only_as_of_a_date_after_the_grace_period() -> None:
    filed = date(2001, 1, 16)
    assert annuity("invention", filed, 12).lapsed is False
    assert annuity("invention", filed, 12, as_of=date(2012, 7, 16)).lapsed is False
    assert annuity("invention", filed, 12, as_of=date(2012, 7, 17)).lapsed is True


def test_the_grant_year_fee_is_due_with_registration_when_the_notice_date_is_known() -> None:
    result = annuity("invention", date(2019, 3, 1), 5, grant_year=5, grant_notice_received=date(2023, 8, 1),
                     paid_on=date(2023, 9, 15))
    # 10-01 falls in the National Day holiday (10-01..10-06); Saturday 10-07 was a swapped working day.
    assert result.due == date(2023, 10, 7)
    assert result.grace_until == result.due
    assert result.surcharge == Decimal("0.00") and not result.lapsed


def test_the_grant_year_fee_without_a_notice_date_says_it_is_due_with_registration() -> None:
    result = annuity("invention", date(2019, 3, 1), 5, grant_year=5)
    assert "registration" in result.rule


def test_a_rule_string_names_the_inputs() -> None:
    rule = annuity("invention", date(2001, 1, 16), 16, paid_on=date(2016, 1, 18)).rule
    for text in ("2001-01-16", "patent year 16", "2016-01-18", "8000.00", "IR Rule 115"):
        assert text in rule
