"""The pure rules (no database): custody form ↔ items, licence, matching rank, tender scoring, reminders."""

from decimal import Decimal

from ipcustody.contracts import rules
from ipcustody.contracts.rules import AgencyFacts, Item, NeedFacts, ScoreEntry

CATALOGUE = [Item("analysis", True, False), Item("drafting", False, True), Item("strategy", True, False),
             Item("enforcement", False, False)]


def test_it_requires_every_item_for_full_custody():
    assert rules.form_item_errors("full", CATALOGUE[:2], CATALOGUE) == ["full_incomplete"]
    assert rules.form_item_errors("full", CATALOGUE, CATALOGUE) == []


def test_it_requires_at_least_one_item_for_single_item_custody():
    assert rules.form_item_errors("single", [], CATALOGUE) == ["none"]
    assert rules.form_item_errors("single", [CATALOGUE[3]], CATALOGUE) == []


def test_it_allows_only_consulting_items_for_advisory_custody():
    assert rules.form_item_errors("advisory", [CATALOGUE[0], CATALOGUE[1]], CATALOGUE) == ["not_consulting"]
    assert rules.form_item_errors("advisory", [CATALOGUE[0], CATALOGUE[2]], CATALOGUE) == []
    assert rules.form_item_errors("advisory", [], CATALOGUE) == ["none"]


def test_it_names_the_items_that_need_a_patent_licence():
    assert rules.licence_error(CATALOGUE, agency_has_licence=False) == ["drafting"]
    assert rules.licence_error(CATALOGUE, agency_has_licence=True) == []
    assert rules.licence_error([CATALOGUE[0]], agency_has_licence=False) == []


def test_it_ranks_by_coverage_industry_and_free_capacity_with_reasons():
    need = NeedFacts(items=frozenset({"analysis", "strategy"}), segment_id=7)
    a = AgencyFacts(1, frozenset({"analysis"}), frozenset({7}), load=0, capacity=10)
    b = AgencyFacts(2, frozenset({"analysis", "strategy"}), frozenset(), load=9, capacity=10)
    c = AgencyFacts(3, frozenset({"analysis", "strategy"}), frozenset({7}), load=2, capacity=10)
    ranked = rules.rank(need, [a, b, c])
    assert [r.agency_id for r in ranked] == [3, 1, 2]
    assert [r.rank for r in ranked] == [1, 2, 3]
    top = {reason.code: reason for reason in ranked[0].reasons}
    assert top["coverage"].points == 50 and top["industry"].points == 20 and top["load"].points == 16
    assert {r.code for r in ranked[2].reasons} >= {"coverage", "no_industry", "load"}


def test_it_puts_unlicensed_agencies_last_for_patent_needs():
    need = NeedFacts(items=frozenset({"drafting"}), licence_items=frozenset({"drafting"}))
    unlicensed = AgencyFacts(1, frozenset({"drafting"}), capacity=10)
    licensed = AgencyFacts(2, frozenset(), has_licence=True, capacity=10)
    ranked = rules.rank(need, [unlicensed, licensed])
    assert [r.agency_id for r in ranked] == [2, 1]
    assert not ranked[1].eligible and "no_licence" in {r.code for r in ranked[1].reasons}


def test_it_counts_an_agency_at_capacity_and_past_assessments():
    need = NeedFacts(items=frozenset({"analysis"}))
    full = rules.score_agency(need, AgencyFacts(1, frozenset({"analysis"}), load=5, capacity=5, assessment=90))
    codes = {r.code: r.points for r in full.reasons}
    assert codes["full"] == 0 and codes["assessment"] == 9.0 and full.score == 59.0


def test_it_weights_the_panels_average_per_criterion():
    criteria = {1: 60, 2: 40}
    entries = [ScoreEntry(10, 1, "甲", Decimal(80)), ScoreEntry(10, 1, "乙", Decimal(90)), ScoreEntry(10, 2, "甲", Decimal(70)),
               ScoreEntry(20, 1, "甲", Decimal(95)), ScoreEntry(20, 2, "甲", Decimal(90))]
    results = rules.tender_results(criteria, entries, [10, 20])
    assert [(r.bid_id, r.total, r.rank) for r in results] == [(20, Decimal("93.00"), 1), (10, Decimal("79.00"), 2)]
    assert results[1].per_criterion == {1: Decimal("85.00"), 2: Decimal("70.00")}


def test_it_ranks_incompletely_scored_bids_last():
    results = rules.tender_results({1: 50, 2: 50}, [ScoreEntry(1, 1, "甲", Decimal(100))], [1, 2])
    assert all(not r.complete for r in results)


def test_it_rejects_weights_that_do_not_add_up_to_100():
    assert rules.weights_error([50, 40]) == "weights_not_100"
    assert rules.weights_error([]) == "no_criteria"
    assert rules.weights_error([60, 40]) is None


def test_it_picks_the_renewal_reminder_due():
    assert rules.reminder_due(61) is None
    assert rules.reminder_due(60) == 60
    assert rules.reminder_due(31) == 60
    assert rules.reminder_due(30) == 30
    assert rules.reminder_due(0) == 30
    assert rules.reminder_due(-1) is None
