"""Warning levels by days left (pure, no Django): overdue, then the organisation's thresholds (default 90/30/7)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

DEFAULT_THRESHOLDS: tuple[int, ...] = (90, 30, 7)
OVERDUE = "overdue"
LATER = "later"


def parse_thresholds(text: str) -> tuple[int, ...]:
    """'90, 30, 7' → (90, 30, 7): distinct whole days from 1 to 730, largest first. Raises ValueError."""
    parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError("give at least one number of days")
    values = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 730:
            raise ValueError(f"{part!r} is not a whole number of days from 1 to 730")
        values.append(int(part))
    if len(set(values)) != len(values):
        raise ValueError("each number of days may appear once")
    return tuple(sorted(values, reverse=True))


def days_left(due: datetime.date, today: datetime.date) -> int:
    return (due - today).days


def level(due: datetime.date, today: datetime.date, thresholds: Sequence[int] = DEFAULT_THRESHOLDS) -> str:
    """'overdue', 'within_<n>' for the smallest threshold n that days-left fits in, or 'later'."""
    left = days_left(due, today)
    if left < 0:
        return OVERDUE
    for limit in sorted(thresholds):
        if left <= limit:
            return f"within_{limit}"
    return LATER


def colour(level_name: str, thresholds: Sequence[int] = DEFAULT_THRESHOLDS) -> str:
    """UI.md: overdue red, ≤ 7 days orange, ≤ 30 gold, ≤ 90 blue (by position for custom thresholds)."""
    if level_name == OVERDUE:
        return "danger"
    if level_name == LATER:
        return "secondary"
    ordered = sorted(thresholds)
    palette = ["orange", "gold", "blue"]
    limit = int(level_name.removeprefix("within_"))
    index = ordered.index(limit) if limit in ordered else len(palette) - 1
    return palette[min(index, len(palette) - 1)]
