"""Trademarks, copyright, software, IC layouts and plant varieties."""

from __future__ import annotations

from datetime import date

import pytest

from ipcustody.docketing.other_rights import copyright_expiry, ic_layout_expiry, plant_variety_expiry
from ipcustody.docketing.trademarks import trademark_expiry


def test_a_trademark_grace_period_ending_on_a_holiday_moves() -> None:
    # Registered 2014-04-02 → expires 2024-04-01; grace ends 2024-10-01 (National Day) → 2024-10-08.
    result = trademark_expiry(date(2014, 4, 2))
    assert result.expiry == date(2024, 4, 1)
    assert result.nominal_grace_until == date(2024, 10, 1)
    assert result.grace_until == date(2024, 10, 8)


def test_a_trademark_registered_on_29_february() -> None:
    result = trademark_expiry(date(2016, 2, 29))
    assert result.expiry == date(2026, 2, 28)
    again = trademark_expiry(date(2016, 2, 29), renewals=1)
    assert again.term_start == date(2026, 3, 1)
    assert again.expiry == date(2036, 2, 28)


def test_the_trademark_expiry_convention_is_a_setting() -> None:
    assert trademark_expiry(date(2013, 5, 21), convention="anniversary").expiry == date(2023, 5, 21)


def test_copyright_of_a_natural_person_ends_31_december_fifty_years_after_death() -> None:
    assert copyright_expiry("natural_person", death_date=date(1990, 3, 5)).expiry == date(2040, 12, 31)


def test_copyright_of_a_legal_person_runs_from_first_publication() -> None:
    result = copyright_expiry("legal_person", creation_date=date(2000, 1, 1), publication_date=date(2001, 6, 1))
    assert result.expiry == date(2051, 12, 31) and result.protected


def test_a_legal_person_work_unpublished_for_fifty_years_is_not_protected() -> None:
    result = copyright_expiry("audiovisual", creation_date=date(1950, 1, 1), publication_date=date(2001, 1, 1))
    assert not result.protected
    unpublished = copyright_expiry("legal_person", creation_date=date(2000, 5, 5))
    assert unpublished.expiry == date(2050, 12, 31)


def test_software_terms_follow_the_software_regulations() -> None:
    assert copyright_expiry("legal_person", subject="software", creation_date=date(2010, 1, 1),
                            publication_date=date(2010, 7, 1)).expiry == date(2060, 12, 31)
    with pytest.raises(ValueError):
        copyright_expiry("audiovisual", subject="software", creation_date=date(2010, 1, 1))


def test_an_ic_layout_runs_ten_years_from_the_earlier_start_capped_at_fifteen_from_creation() -> None:
    assert ic_layout_expiry(application_date=date(2015, 5, 1), first_exploitation=date(2014, 2, 1)).expiry \
        == date(2024, 2, 1)
    capped = ic_layout_expiry(application_date=date(2012, 5, 1), creation_date=date(2000, 1, 1))
    assert capped.expiry == date(2015, 1, 1)


def test_plant_variety_terms_change_on_2025_06_01() -> None:
    assert plant_variety_expiry(date(2020, 1, 1), "woody").expiry == date(2040, 1, 1)
    assert plant_variety_expiry(date(2020, 1, 1), "other").expiry == date(2035, 1, 1)
    assert plant_variety_expiry(date(2025, 6, 1), "woody").expiry == date(2050, 6, 1)
    assert plant_variety_expiry(date(2025, 6, 1), "other").expiry == date(2045, 6, 1)
    current = plant_variety_expiry(date(2020, 1, 1), "other", basis="current", as_of=date(2025, 7, 1))
    assert current.expiry == date(2040, 1, 1)
