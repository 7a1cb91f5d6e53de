"""The status derivation (pure): events in date order decide the status."""

import datetime

from ipcustody.archive import status as s


def ev(day, kind, order=0):
    return s.Event(datetime.date.fromisoformat(day), kind, order)


def test_no_events_means_recorded():
    assert s.derive_status([]) == s.RECORDED


def test_an_invention_goes_from_filed_through_examination_to_in_force():
    events = [ev("2017-11-13", "filed"), ev("2018-05-02", "published"), ev("2018-06-01", "examination_requested")]
    assert s.derive_status(events) == s.EXAMINATION
    events.append(ev("2019-01-10", "office_action"))
    assert s.derive_status(events) == s.OFFICE_ACTION
    events.append(ev("2019-03-01", "office_action_answered"))
    assert s.derive_status(events) == s.EXAMINATION
    events.append(ev("2020-02-04", "granted"))
    derived = s.derive(events)
    assert derived.status == s.IN_FORCE and derived.since == datetime.date(2020, 2, 4)


def test_events_are_applied_in_date_order_not_recording_order():
    events = [ev("2021-06-01", "lapsed"), ev("2015-01-01", "filed"), ev("2016-01-01", "granted")]
    assert s.derive_status(events) == s.LAPSED


def test_a_lapsed_patent_is_restored_and_an_expired_trademark_renewed_in_the_grace_period():
    assert s.derive_status([ev("2015-01-01", "granted"), ev("2020-01-01", "lapsed"), ev("2020-03-01", "restored")]) == s.IN_FORCE
    assert s.derive_status([ev("2013-05-21", "granted"), ev("2023-05-21", "expired"), ev("2023-09-01", "renewed")]) == s.IN_FORCE


def test_invalidation_is_final_and_transactions_do_not_change_the_status():
    events = [ev("2015-01-01", "granted"), ev("2018-01-01", "invalidated"), ev("2019-01-01", "restored"),
              ev("2019-02-01", "licensed")]
    assert s.derive_status(events) == s.INVALIDATED
    assert s.derive_status([ev("2015-01-01", "granted"), ev("2016-01-01", "transferred")]) == s.IN_FORCE


def test_a_withdrawn_or_rejected_application_is_not_revived_by_a_later_payment():
    assert s.derive_status([ev("2015-01-01", "filed"), ev("2016-01-01", "withdrawn"), ev("2016-02-01", "annuity_paid")]) == s.WITHDRAWN
    assert s.derive_status([ev("2015-01-01", "filed"), ev("2016-01-01", "rejected")]) == s.REJECTED


def test_a_pledge_is_tracked_until_released():
    events = [ev("2015-01-01", "granted"), ev("2016-01-01", "pledged")]
    assert s.derive(events).pledged
    assert not s.derive([*events, ev("2017-01-01", "pledge_released")]).pledged


def test_same_day_events_follow_the_recording_order():
    assert s.derive_status([ev("2020-01-01", "restored", 2), ev("2020-01-01", "lapsed", 1), ev("2019-01-01", "granted")]) == s.IN_FORCE
