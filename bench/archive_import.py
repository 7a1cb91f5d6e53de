"""Archive benchmark: import 100,000 patents from one .xlsx through the import service, then time the archive list
and search pages at 200,000 assets with their query counts. Not part of the test suite.

    .venv/bin/python -m bench.archive_import              # SQLite file var/bench-archive.sqlite3 (recreated)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_archive .venv/bin/python -m bench.archive_import

Options: --rows N (default 100000).
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcustody.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DEBUG", "0")
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench-archive.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        os.environ["SQLITE_PATH"] = str(path)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_file(path: Path, rows: int, credit_code: str, year: int) -> None:
    from openpyxl import Workbook

    from ipcustody.archive import bulk, numbers

    words = ["抗体", "偶联药物", "细胞治疗", "基因编辑", "医用导管", "诊断试剂", "缓释制剂", "纳米载体", "疫苗", "靶向递送"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("资产")
    headers = [c.header for c in bulk.COLUMNS]
    sheet.append(headers)
    index = {h: i for i, h in enumerate(headers)}
    for i in range(rows):
        digits = f"{year}1{i + 1:07d}"
        row = [""] * len(headers)
        row[index["类型"]] = "发明"
        row[index["企业统一社会信用代码"]] = credit_code
        row[index["名称"]] = f"一种{words[i % 10]}及其{words[(i // 10) % 10]}的制备方法{i}"
        row[index["申请号/注册号"]] = f"{digits}.{numbers.check_character(digits)}"
        row[index["申请日"]] = datetime.date(year, 1 + i % 12, 1 + i % 28)
        row[index["权利人"]] = "基准企业"
        row[index["发明人"]] = f"张{i % 97}；李{i % 89}"
        row[index["IPC/洛迦诺分类号"]] = ["A61K 39/395", "C07K 16/28", "A61M 25/00", "G01N 33/68"][i % 4]
        row[index["摘要"]] = "本发明公开了一种用于肿瘤治疗的药物组合物，具有良好的稳定性。"
        sheet.append(row)
    workbook.save(path)


def run_import(actor, path: Path, label: str) -> None:
    from ipcustody.archive import services

    before_rss = rss_mb()
    started = time.perf_counter()
    result = services.import_file(actor, str(path), path.name, commit=True)
    elapsed = time.perf_counter() - started
    print(f"{label}: {result.total:,} rows ({result.created:,} new) in {elapsed:,.1f} s = "
          f"{result.total / elapsed:,.0f} rows/s; peak RSS {rss_mb():,.0f} MB (before {before_rss:,.0f} MB)")


def time_pages(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipcustody.archive.models import Asset

    print(f"assets in the table: {Asset.objects.count():,}")
    cases = [
        ("city", "/archive/"), ("city", "/archive/?q=偶联药物"), ("city", "/archive/?q=制备方法99999"),
        ("city", "/archive/?kind=invention&sort=-grant_date"), ("city", "/archive/?ipc=A61K&page=50"),
        ("park_a_reader", "/archive/"), ("park_a_reader", "/archive/?q=基因编辑"),
        ("agency_x_staff", "/archive/?q=纳米载体&size=100"), ("ent_b_admin", "/archive/?q=疫苗"),
    ]
    for user, url in cases:
        client = world.client(user)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        import re

        total = re.search(r'id="total-count">([^<]*)<', response.content.decode())
        print(f"  {user:<15} {url:<45} {elapsed:8.0f} ms  {len(queries):>3} queries  {total.group(1) if total else ''}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    setup()
    from django.db import connection

    from ipcustody.core.testing import build_world

    world = build_world()
    print(f"database: {connection.vendor}; rows per file: {args.rows:,}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "patents.xlsx"
        started = time.perf_counter()
        make_file(path, args.rows, world.ent_a.credit_code, 2021)
        print(f"generated {path.name}: {path.stat().st_size / 1e6:,.1f} MB in {time.perf_counter() - started:,.1f} s")
        run_import(world.actor("agency_x_staff"), path, "import #1 (enterprise A, agency X)")
        make_file(path, args.rows, world.ent_b.credit_code, 2022)
        run_import(world.actor("city_granted"), path, "import #2 (enterprise B, city bureau)")
    print("pages at", "200,000" if args.rows == 100_000 else f"{2 * args.rows:,}", "assets (second request, warm):")
    time_pages(world)


if __name__ == "__main__":
    sys.exit(main())
