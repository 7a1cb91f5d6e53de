"""Archive fixtures: a few assets of each visibility case on top of the shared test world."""

from __future__ import annotations

import datetime

import pytest

from ipcustody.archive import numbers, services
from ipcustody.archive.models import Asset, AssetKind


def app_number(year: int, type_digit: str, serial: int) -> str:
    digits = f"{year}{type_digit}{serial:07d}"
    return f"{digits}.{numbers.check_character(digits)}"


def make_asset(owner, *, kind=AssetKind.INVENTION, title="一种抗体药物", year=2020, serial=1, produced_by=None, **extra):
    """An asset written straight to the table (fixtures only; the services are what the tests exercise)."""
    type_digit = {AssetKind.INVENTION: "1", AssetKind.UTILITY_MODEL: "2", AssetKind.DESIGN: "3"}.get(kind)
    number = extra.pop("number", app_number(year, type_digit, serial) if type_digit else "")
    if kind in (AssetKind.INVENTION, AssetKind.UTILITY_MODEL, AssetKind.DESIGN):
        extra.setdefault("filing_date", datetime.date(year, 3, 1))
    asset = Asset(owner=owner, kind=kind, title=title, number=number, produced_by=produced_by, **extra)
    asset.full_clean()  # normalises numbers and classes like the services do
    asset.save()
    services.sync_date_events(asset)
    services.recompute_status(asset)
    return asset


@pytest.fixture
def assets(world):
    """A (served by X), A2 (X's relation ended; one asset produced by X), B (served by Y), and a trade secret of A
    assigned to agency_x_staff."""
    world.asset_a = make_asset(world.ent_a, title="一种抗PD-1单克隆抗体及其制备方法", serial=1, inventors="张伟；李芳",
                               right_holders="甲企业")
    world.asset_a_tm = make_asset(world.ent_a, kind=AssetKind.TRADEMARK, title="甲牌", number="12345678",
                                  nice_classes="5,10", filing_date=datetime.date(2019, 5, 1))
    world.asset_a2_by_x = make_asset(world.ent_a2, title="一种医用导管", serial=2, kind=AssetKind.UTILITY_MODEL,
                                     produced_by=world.agency_x)
    world.asset_a2_other = make_asset(world.ent_a2, title="一种检测试剂盒", serial=3)
    world.asset_b = make_asset(world.ent_b, title="一种注射器外观", serial=4, kind=AssetKind.DESIGN)
    world.secret_a = make_asset(world.ent_a, kind=AssetKind.TRADE_SECRET, title="细胞培养基配方",
                                custodian="王工", protection_measures="保密协议；门禁", review_date=datetime.date(2026, 12, 31))
    world.secret_a.responsible_staff.set([world.users["agency_x_staff"]])
    return world
