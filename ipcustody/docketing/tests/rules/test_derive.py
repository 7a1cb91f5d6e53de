"""Deadlines derived from an asset's data and events (pure), against the domain sheet's worked examples."""

from datetime import date
from decimal import Decimal

from ipcustody.archive import status as st
from ipcustody.docketing import derive as d
from ipcustody.docketing.calendar import holiday_data_covers, next_working_day
from ipcustody.docketing.derive import AssetFacts, EventFact

TODAY = date(2026, 11, 26)


def keys(specs):
    return {s.key: s for s in specs}


def cn01101467(paid_through: int) -> AssetFacts:
    """CN01101467.9, filed 2001-01-16 (the sheet's real payment record); granted in its 4th patent year."""
    events = [EventFact(st.E_FILED, date(2001, 1, 16)), EventFact(st.E_GRANTED, date(2004, 6, 2))]
    events += [EventFact(st.E_ANNUITY_PAID, date(2000 + y, 1, 10), f"第{y}年年费") for y in range(5, paid_through + 1)]
    return AssetFacts(kind="invention", status=st.IN_FORCE, filing_date=date(2001, 1, 16),
                      grant_date=date(2004, 6, 2), events=tuple(events))


def test_it_derives_the_16th_year_annuity_moved_off_a_saturday():
    spec = keys(d.derive(cn01101467(15), date(2015, 12, 1)))["annuity:16"]
    assert spec.kind == d.ANNUITY and spec.year == 16
    assert spec.due == date(2016, 1, 18)  # the anniversary 2016-01-16 was a Saturday
    assert spec.grace_until is not None and spec.grace_until > spec.due
    assert "2016-01-16" in spec.rule


def test_paying_an_annuity_moves_the_next_one_forward():
    before = keys(d.derive(cn01101467(15), TODAY))
    after = keys(d.derive(cn01101467(16), TODAY))
    assert "annuity:16" in before and "annuity:16" not in after
    assert after["annuity:17"].due.year == 2017


def test_an_unnamed_payment_pays_the_earliest_unpaid_year():
    facts = AssetFacts(kind="utility_model", status=st.IN_FORCE, filing_date=date(2020, 3, 2),
                       grant_date=date(2020, 9, 1),
                       events=(EventFact(st.E_GRANTED, date(2020, 9, 1)), EventFact(st.E_ANNUITY_PAID, date(2021, 2, 20))))
    # grant year 1 paid at registration, the unnamed payment pays year 2, so year 3 is next
    assert "annuity:3" in keys(d.derive(facts, TODAY))


def test_no_annuity_after_the_last_year_of_the_term():
    facts = AssetFacts(kind="utility_model", status=st.IN_FORCE, filing_date=date(2015, 3, 2), grant_date=date(2015, 9, 1),
                       events=tuple(EventFact(st.E_ANNUITY_PAID, date(2015 + y, 3, 1), f"第{y}年") for y in range(2, 11)))
    assert not [s for s in d.derive(facts, TODAY) if s.kind == d.ANNUITY]


def test_the_fee_reduction_applies_to_the_payable_amount():
    full = keys(d.derive(cn01101467(8), TODAY))["annuity:9"]
    assert full.fee == Decimal("2000")
    facts = AssetFacts(kind="invention", status=st.IN_FORCE, filing_date=date(2019, 3, 1), grant_date=date(2021, 5, 1),
                       reduction=Decimal("0.85"), events=(EventFact(st.E_GRANTED, date(2021, 5, 1)),))
    spec = keys(d.derive(facts, TODAY))["annuity:4"]  # granted in year 3; year 4 is next: ¥1,200 less 85 %
    assert spec.fee == Decimal("180.00")


def test_a_reduction_with_no_rule_in_force_shows_the_full_fee_and_says_why():
    facts = AssetFacts(**{**cn01101467(8).__dict__, "reduction": Decimal("0.85")})
    spec = keys(d.derive(facts, TODAY))["annuity:9"]
    assert spec.fee == Decimal("2000") and "not applied" in spec.rule


def test_it_derives_the_examination_request_from_the_guidelines_example():
    facts = AssetFacts(kind="invention", status=st.FILED, filing_date=date(1998, 6, 1),
                       events=(EventFact(st.E_FILED, date(1998, 6, 1)),))
    spec = keys(d.derive(facts, date(1999, 1, 1)))["exam_request"]
    assert spec.due == date(2001, 6, 1)


def test_requesting_examination_closes_that_deadline():
    facts = AssetFacts(kind="invention", status=st.EXAMINATION, filing_date=date(2024, 6, 1),
                       events=(EventFact(st.E_FILED, date(2024, 6, 1)), EventFact(st.E_EXAMINATION_REQUESTED, date(2024, 6, 1))))
    assert "exam_request" not in keys(d.derive(facts, TODAY))


def test_an_unanswered_first_office_action_on_an_invention_has_four_months():
    facts = AssetFacts(kind="invention", status=st.OFFICE_ACTION, filing_date=date(2024, 1, 5),
                       events=(EventFact(st.E_OFFICE_ACTION, date(2026, 3, 2)),))
    spec = keys(d.derive(facts, TODAY))["oa:2026-03-02"]
    assert spec.due == date(2026, 7, 2)  # electronic service from 2024-01-20: received the day it is sent


def test_a_second_office_action_has_two_months_and_answers_close_them():
    events = (EventFact(st.E_OFFICE_ACTION, date(2025, 3, 3)), EventFact(st.E_OFFICE_ACTION_ANSWERED, date(2025, 6, 1)),
              EventFact(st.E_OFFICE_ACTION, date(2026, 9, 1)))
    facts = AssetFacts(kind="invention", status=st.OFFICE_ACTION, filing_date=date(2024, 1, 5), events=events)
    specs = keys(d.derive(facts, TODAY))
    assert "oa:2025-03-03" not in specs
    assert specs["oa:2026-09-01"].due == date(2026, 11, 2)  # 2026-11-01 is a Sunday


def test_priority_and_pct_are_listed_only_while_they_can_be_used():
    facts = AssetFacts(kind="invention", status=st.FILED, filing_date=date(2026, 5, 6), pct_application=True,
                       events=(EventFact(st.E_FILED, date(2026, 5, 6)),))
    specs = keys(d.derive(facts, TODAY))
    assert specs["priority"].due == next_working_day(date(2027, 5, 6)).day and specs["priority"].obligation is False
    assert specs["pct_entry"].due == date(2028, 11, 6)
    later = keys(d.derive(facts, date(2027, 6, 1)))
    assert "priority" not in later and "pct_entry" in later


def test_a_trademark_has_a_renewal_with_its_grace_and_a_non_use_date():
    facts = AssetFacts(kind="trademark", status=st.IN_FORCE, filing_date=date(2012, 1, 4), grant_date=date(2013, 5, 21),
                       events=(EventFact(st.E_GRANTED, date(2013, 5, 21)),))
    spec = keys(d.derive(facts, TODAY)).get("tm_renewal:1")
    assert spec is not None and spec.due == date(2023, 5, 20)
    assert spec.grace_until >= date(2023, 11, 20)
    renewed = AssetFacts(**{**facts.__dict__, "events": facts.events + (EventFact(st.E_RENEWED, date(2023, 4, 1)),)})
    second = keys(d.derive(renewed, TODAY))["tm_renewal:2"]
    assert second.due == date(2033, 5, 20)


def test_a_dead_right_has_no_obligations():
    facts = AssetFacts(kind="invention", status=st.WITHDRAWN, filing_date=date(2024, 1, 5),
                       events=(EventFact(st.E_OFFICE_ACTION, date(2026, 3, 2)), EventFact(st.E_WITHDRAWN, date(2026, 4, 1))))
    assert d.derive(facts, TODAY) == []


def test_a_trade_secret_has_its_review_date():
    facts = AssetFacts(kind="trade_secret", status=st.RECORDED, review_date=date(2027, 3, 1))
    assert keys(d.derive(facts, TODAY))["review:2027-03-01"].due == date(2027, 3, 1)


def test_future_annuities_for_a_forecast():
    fees = d.future_annuities(cn01101467(15), date(2018, 12, 31))
    assert [f.year for f in fees] == [16, 17, 18]


def test_a_grant_notice_starts_the_two_month_registration_period():
    facts = AssetFacts(kind="invention", status=st.EXAMINATION, filing_date=date(2023, 2, 1),
                       events=(EventFact(d.E_GRANT_NOTICE, date(2026, 9, 10)),))
    spec = keys(d.derive(facts, TODAY))["registration:2026-09-10"]
    assert spec.due == date(2026, 11, 10)  # electronic notice: received the day sent
    granted = AssetFacts(**{**facts.__dict__, "events": facts.events + (EventFact(st.E_GRANTED, date(2026, 11, 1)),)})
    assert not [s for s in d.derive(granted, TODAY) if s.kind == d.REGISTRATION]


def test_a_marketing_approval_opens_the_term_compensation_request():
    facts = AssetFacts(kind="invention", status=st.IN_FORCE, filing_date=date(2018, 2, 1), grant_date=date(2021, 3, 1),
                       events=(EventFact(st.E_GRANTED, date(2021, 3, 1)), EventFact(d.E_MARKETING_APPROVAL, date(2026, 10, 9))))
    spec = keys(d.derive(facts, TODAY))["pte_request:2026-10-09"]
    # 3 months: 2027-01-09, a Saturday, moved to the next working day (provisional while 2027 has no holiday data)
    assert spec.due == next_working_day(date(2027, 1, 9)).day >= date(2027, 1, 11)
    assert spec.provisional is (not holiday_data_covers(spec.due)) and spec.obligation is False
