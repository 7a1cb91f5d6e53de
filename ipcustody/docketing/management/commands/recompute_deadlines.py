"""Nightly: recompute every asset's deadlines (holiday calendars, rule tables and "today" move on)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ipcustody.docketing.services import recompute


class Command(BaseCommand):
    help = "Recompute the deadlines of every asset (or of --asset ids); safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--asset", type=int, action="append", help="only these asset ids")

    def handle(self, *args, asset=None, **options):
        started = time.perf_counter()
        result = recompute(asset)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.assets} assets in {seconds:.1f} s ({result.assets / seconds if seconds else 0:.0f}/s): "
            f"{result.created} created, {result.updated} updated, {result.closed} closed, {result.errors} without rules"
        )
