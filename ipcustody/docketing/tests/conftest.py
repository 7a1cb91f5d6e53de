"""Deadline fixtures: granted patents, a pending invention with an office action and a trademark, on the test
world (agency X serves enterprise A; agency Y serves B)."""

from __future__ import annotations

import datetime

import pytest


def app_number(year: int, type_digit: str, serial: int) -> str:
    from ipcustody.archive import numbers

    digits = f"{year}{type_digit}{serial:07d}"
    return f"{digits}.{numbers.check_character(digits)}"


@pytest.fixture
def patents(world):
    from ipcustody.archive import services as archive_services
    from ipcustody.archive.models import AssetKind

    actor = world.actor("park_a_staff")
    world.granted = archive_services.save_asset(actor, None, {
        "owner": world.ent_a, "kind": AssetKind.INVENTION, "title": "一种抗体偶联药物", "number": app_number(2019, "1", 11),
        "filing_date": datetime.date(2019, 3, 1), "grant_date": datetime.date(2021, 5, 1), "fee_reduction": 85,
    })
    world.pending = archive_services.save_asset(actor, None, {
        "owner": world.ent_a, "kind": AssetKind.INVENTION, "title": "一种检测方法", "number": app_number(2025, "1", 12),
        "filing_date": datetime.date(2025, 1, 6),
    })
    world.other_patent = archive_services.save_asset(world.actor("park_b_admin"), None, {
        "owner": world.ent_b, "kind": AssetKind.UTILITY_MODEL, "title": "一种输液器", "number": app_number(2020, "2", 13),
        "filing_date": datetime.date(2020, 7, 1), "grant_date": datetime.date(2021, 1, 8),
    })
    return world
