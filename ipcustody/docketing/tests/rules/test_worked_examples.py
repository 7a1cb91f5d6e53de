"""Every worked example in shared/domain/cn-ip-deadlines-and-fees.md, reproduced.

Each test names the section of the facts sheet it comes from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipcustody.docketing.deadlines import exam_request
from ipcustody.docketing.patents import annuity, expiry
from ipcustody.docketing.timelimits import presumed_receipt, time_limit
from ipcustody.docketing.trademarks import trademark_expiry

# §5.6 IR Rule 5 examples ---------------------------------------------------------------------


def test_it_moves_a_fee_deadline_off_the_new_year_holiday_2007_10_30() -> None:
    # Filed 2007-10-30: the 2-month fee period ends Sunday 2007-12-30; 12-31 and 2008-01-01 were the
    # New Year holiday (with Saturday 12-29 swapped to a working day), so the deadline is 2008-01-02.
    result = time_limit(date(2007, 10, 30), months=2)
    assert result.nominal_due == date(2007, 12, 30)
    assert result.due == date(2008, 1, 2)
    assert result.provisional is False
    assert "New Year" in result.rule


def test_it_moves_a_fee_deadline_off_the_spring_festival_2007_12_06() -> None:
    result = time_limit(date(2007, 12, 6), months=2)
    assert result.nominal_due == date(2008, 2, 6)
    assert result.due == date(2008, 2, 13)
    assert result.provisional is False
    assert "Spring Festival" in result.rule


def test_a_mailed_notice_of_1999_12_16_gives_a_two_month_limit_ending_2000_02_29() -> None:
    result = time_limit(date(1999, 12, 16), months=2, service="mail", right="patent")
    assert result.received == date(1999, 12, 31)
    assert result.due == date(2000, 2, 29)  # no 31 February: last day of the month
    # 2000 is outside chinesecalendar's data: weekends only, so provisional.
    assert result.provisional is True


def test_the_presumed_receipt_of_the_1999_12_16_notice_is_1999_12_31() -> None:
    assert presumed_receipt(date(1999, 12, 16), "mail", "patent").received == date(1999, 12, 31)


# §5 substantive examination ----------------------------------------------------------------------


def test_the_exam_request_for_a_1998_06_01_filing_is_due_2001_06_01_not_05_31() -> None:
    result = exam_request(date(1998, 6, 1))
    assert result.due == date(2001, 6, 1)
    assert result.provisional is True


# §1 patent term ----------------------------------------------------------------------------------------


def test_cn01101467_filed_2001_01_16_expires_on_2021_01_16() -> None:
    # CNIPA-derived record: "rd":"20210116".
    assert expiry("invention", date(2001, 1, 16)).expiry == date(2021, 1, 16)


def test_the_day_before_convention_matches_the_guidelines_patent_year_definition() -> None:
    # Guidelines: patent year 1 of a 1999-06-01 filing is 1999-06-01 to 2000-05-31.
    assert expiry("invention", date(1999, 6, 1), convention="day_before").expiry == date(2019, 5, 31)
    assert expiry("invention", date(2001, 1, 16), convention="day_before").expiry == date(2021, 1, 15)


# §3.2 annual fee due dates ---------------------------------------------------------------------------


def test_the_sixth_year_fee_of_a_1997_06_03_filing_is_due_2002_06_03() -> None:
    result = annuity("invention", date(1997, 6, 3), 6, grant_year=5)
    assert result.due == date(2002, 6, 3)


def test_the_annuity_due_on_saturday_2016_01_16_moves_to_monday_2016_01_18() -> None:
    result = annuity("invention", date(2001, 1, 16), 16, paid_on=date(2016, 1, 18))
    assert result.anniversary == date(2016, 1, 16)
    assert result.due == date(2016, 1, 18)
    assert result.surcharge == Decimal("0.00")
    assert result.base == Decimal("8000.00")
    assert result.lapsed is False


def test_the_15th_year_fee_paid_on_2015_01_20_is_in_the_free_first_month() -> None:
    # The sheet's text is garbled here ("pa-01-20"); the 15th-year due date is 2015-01-16 and the
    # sheet says the payment fell inside the first free month, so 2015-01-20.
    result = annuity("invention", date(2001, 1, 16), 15, paid_on=date(2015, 1, 20))
    assert result.due == date(2015, 1, 16)
    assert result.base == Decimal("6000.00")
    assert result.surcharge == Decimal("0.00")


# §3.3 surcharge ----------------------------------------------------------------------------------------------


def test_the_12th_year_fee_paid_on_2012_03_12_carries_a_5_percent_surcharge_of_200() -> None:
    result = annuity("invention", date(2001, 1, 16), 12, paid_on=date(2012, 3, 12))
    assert result.due == date(2012, 1, 16)
    assert result.base == Decimal("4000.00")
    assert result.surcharge_rate == Decimal("0.05")
    assert result.surcharge == Decimal("200.00")
    assert result.total == Decimal("4200.00")


@pytest.mark.parametrize(
    ("paid_on", "rate"),
    [
        (date(2012, 2, 16), "0"),  # due + 1 month, inclusive: free
        (date(2012, 2, 17), "0.05"),
        (date(2012, 3, 16), "0.05"),
        (date(2012, 3, 17), "0.10"),
        (date(2012, 4, 16), "0.10"),
        (date(2012, 5, 16), "0.15"),
        (date(2012, 6, 16), "0.20"),
        (date(2012, 6, 18), "0.25"),
        (date(2012, 7, 16), "0.25"),  # due + 6 months: last day of grace (a Monday)
    ],
)
def test_the_surcharge_follows_the_tier_table(paid_on: date, rate: str) -> None:
    result = annuity("invention", date(2001, 1, 16), 12, paid_on=paid_on)
    assert result.surcharge_rate == Decimal(rate)
    assert result.surcharge == (Decimal("4000") * Decimal(rate)).quantize(Decimal("0.01"))
    assert not result.lapsed


def test_the_surcharge_never_reaches_the_30_percent_of_the_rejected_ai_table() -> None:
    result = annuity("invention", date(2001, 1, 16), 12, paid_on=date(2012, 7, 16))
    assert result.surcharge_rate == Decimal("0.25")


def test_the_surcharge_is_on_the_full_fee_even_when_reduced() -> None:
    result = annuity("invention", date(2015, 3, 10), 6, reduction=Decimal("0.85"), grant_year=4,
                     paid_on=date(2020, 4, 20))
    assert result.base == Decimal("1200.00")
    assert result.payable == Decimal("180.00")
    assert result.surcharge == Decimal("60.00")  # 5 % of 1200, not of 180
    assert result.total == Decimal("240.00")


# §3.1 amounts from the real CNIPA payment record -----------------------------------------------------------


@pytest.mark.parametrize(("year", "amount"), [(11, 4000), (12, 4000), (13, 6000), (14, 6000), (15, 6000),
                                             (16, 8000), (17, 8000)])
def test_the_cnipa_payment_record_amounts_for_cn01101467(year: int, amount: int) -> None:
    assert annuity("invention", date(2001, 1, 16), year).base == Decimal(amount)


# §7 trademark term ------------------------------------------------------------------------------------------


def test_a_mark_registered_2013_05_21_runs_to_2023_05_20() -> None:
    result = trademark_expiry(date(2013, 5, 21))
    assert result.expiry == date(2023, 5, 20)
    assert result.renewal_from == date(2022, 5, 21)
    assert result.grace_until == date(2023, 11, 20)


def test_a_renewed_mark_runs_from_the_day_after_the_previous_term() -> None:
    result = trademark_expiry(date(2013, 5, 21), renewals=1)
    assert result.term_start == date(2023, 5, 21)
    assert result.expiry == date(2033, 5, 20)
