"""Benchmark: the nightly deadline recomputation over N assets (default 200,000).

    .venv/bin/python -m bench.deadlines_recompute [--assets 200000]        # throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python -m bench.deadlines_recompute

Creates a fresh database (SQLite: a temporary file; PostgreSQL: the database named in DATABASE_URL is flushed), fills
it with patents and trademarks with realistic events through bulk inserts, then times `recompute()` from empty (first
run) and again (the nightly re-run, where little changes), and reports assets per second and peak memory.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=200_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcustody.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    populate(args.assets)

    from ipcustody.docketing.models import Deadline
    from ipcustody.docketing.services import recompute

    for label in ("first run (creates every deadline)", "nightly re-run"):
        started = time.perf_counter()
        result = recompute()
        seconds = time.perf_counter() - started
        print(f"{label}: {result.assets:,} assets in {seconds:.1f} s = {result.assets / seconds:,.0f} assets/s "
              f"({result.created:,} created, {result.updated:,} updated, {result.closed:,} closed)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"deadlines stored: {Deadline.objects.count():,}; peak memory (RSS): {peak_mb:,.0f} MB; "
          f"database: {connection.vendor}")
    return 0


def populate(count: int) -> None:
    from django.db import transaction

    from ipcustody.archive import numbers
    from ipcustody.archive.models import Asset, AssetEvent
    from ipcustody.core.testing import build_world

    world = build_world()
    owners = [world.ent_a, world.ent_a2, world.ent_b]
    rng = random.Random(7)
    started = time.perf_counter()
    batch, serial = 5000, 0
    for offset in range(0, count, batch):
        assets = []
        for _ in range(min(batch, count - offset)):
            serial += 1
            kind = rng.choices(["invention", "utility_model", "design", "trademark"], [5, 3, 1, 1])[0]
            filed = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(0, 6200))
            granted = filed + datetime.timedelta(days=rng.randrange(200, 1500)) if rng.random() < 0.7 else None
            if kind == "trademark":
                number = f"{10_000_000 + serial}"
            else:
                digits = f"{filed.year}{'1' if kind == 'invention' else '2' if kind == 'utility_model' else '3'}{serial % 10_000_000:07d}"
                number = f"{digits}.{numbers.check_character(digits)}"
            assets.append(Asset(owner=owners[serial % 3], kind=kind, title=f"基准资产{serial}", number=number,
                                filing_date=filed, grant_date=granted if granted and granted < datetime.date.today() else None,
                                status="in_force" if granted else "examination", fee_reduction=rng.choice([0, 0, 85])))
        with transaction.atomic():
            created = Asset.objects.bulk_create(assets)
            events = []
            for asset in created:
                events.append(AssetEvent(asset=asset, kind="filed", date=asset.filing_date, date_field="filing_date"))
                if asset.grant_date:
                    events.append(AssetEvent(asset=asset, kind="granted", date=asset.grant_date, date_field="grant_date"))
                    for year in range(1, rng.randrange(1, 6)):
                        events.append(AssetEvent(asset=asset, kind="annuity_paid",
                                                 date=asset.grant_date + datetime.timedelta(days=365 * year)))
                elif rng.random() < 0.3:
                    events.append(AssetEvent(asset=asset, kind="office_action",
                                             date=datetime.date.today() - datetime.timedelta(days=rng.randrange(0, 200))))
            AssetEvent.objects.bulk_create(events)
    print(f"populated {count:,} assets in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
