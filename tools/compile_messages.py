"""Compile every django.po under ipcustody/ into its .mo with polib, so no system gettext is needed to run."""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "ipcustody"
    for po_path in root.rglob("LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(mo_path))
        print(f"compiled {po_path.relative_to(root.parent)} ({po.percent_translated()}% translated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
