"""An asset's legal status, derived from its dated events (never typed by hand). Pure Python, no Django.

The rule is a small state machine: events are applied in date order (same day: the order they were recorded);
each event kind moves the status or leaves it alone. Events that record a transaction on a right (licence,
pledge, transfer, annuity payment) do not change whether the right is in force, except that paying an annuity
or renewing confirms it, and restoring or renewing revives a lapsed or expired right.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# Status values (the model's TextChoices use exactly these).
RECORDED = "recorded"  # no legal event yet (a trade secret, or an asset entered without dates)
FILED = "filed"
PUBLISHED = "published"
EXAMINATION = "examination"
OFFICE_ACTION = "office_action"
IN_FORCE = "in_force"
LAPSED = "lapsed"
INVALIDATED = "invalidated"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
REJECTED = "rejected"

STATUSES = (
    RECORDED, FILED, PUBLISHED, EXAMINATION, OFFICE_ACTION, IN_FORCE, LAPSED, INVALIDATED, EXPIRED, WITHDRAWN,
    REJECTED,
)
PENDING = frozenset({FILED, PUBLISHED, EXAMINATION, OFFICE_ACTION})
DEAD = frozenset({LAPSED, INVALIDATED, EXPIRED, WITHDRAWN, REJECTED})

# Event kinds (the model's TextChoices use exactly these).
E_FILED = "filed"
E_PUBLISHED = "published"  # patent A publication, trademark preliminary approval (初审公告)
E_EXAMINATION_REQUESTED = "examination_requested"
E_OFFICE_ACTION = "office_action"
E_OFFICE_ACTION_ANSWERED = "office_action_answered"
E_GRANTED = "granted"  # grant or registration
E_ANNUITY_PAID = "annuity_paid"
E_LAPSED = "lapsed"
E_RESTORED = "restored"
E_TRANSFERRED = "transferred"
E_LICENSED = "licensed"
E_PLEDGED = "pledged"
E_PLEDGE_RELEASED = "pledge_released"
E_INVALIDATED = "invalidated"
E_EXPIRED = "expired"
E_RENEWED = "renewed"
E_WITHDRAWN = "withdrawn"
E_REJECTED = "rejected"
# Notices that start a time limit without changing the status (the deadlines app derives from them):
E_GRANT_NOTICE = "grant_notice"  # 授予专利权通知书 / 办理登记手续通知书: registration within 2 months
E_MARKETING_APPROVAL = "marketing_approval"  # 新药上市许可 (NMPA): patent term compensation request within 3 months
E_OTHER = "other"

EVENT_KINDS = (
    E_FILED, E_PUBLISHED, E_EXAMINATION_REQUESTED, E_OFFICE_ACTION, E_OFFICE_ACTION_ANSWERED, E_GRANTED,
    E_ANNUITY_PAID, E_LAPSED, E_RESTORED, E_TRANSFERRED, E_LICENSED, E_PLEDGED, E_PLEDGE_RELEASED, E_INVALIDATED,
    E_EXPIRED, E_RENEWED, E_WITHDRAWN, E_REJECTED, E_GRANT_NOTICE, E_MARKETING_APPROVAL, E_OTHER,
)


@dataclass(frozen=True)
class Event:
    date: datetime.date
    kind: str
    order: int = 0  # ties on the same day: the order of recording


@dataclass(frozen=True)
class Derived:
    status: str
    since: datetime.date | None  # the date of the event that set the status
    pledged: bool


def _next(status: str, kind: str) -> str:
    match kind:
        case "filed":
            return FILED if status == RECORDED else status
        case "published":
            return PUBLISHED if status in {RECORDED, FILED} else status
        case "examination_requested" | "office_action_answered":
            return EXAMINATION if status in PENDING | {RECORDED} else status
        case "office_action":
            return OFFICE_ACTION if status in PENDING | {RECORDED} else status
        case "granted":
            return IN_FORCE if status not in {INVALIDATED} else status
        case "annuity_paid":
            return IN_FORCE if status in PENDING | {RECORDED, IN_FORCE} else status
        case "renewed" | "restored":
            # a renewal in the grace period, or a restoration of rights (恢复权利), revives the right
            return IN_FORCE if status in {IN_FORCE, LAPSED, EXPIRED, RECORDED} else status
        case "lapsed":
            return LAPSED if status != INVALIDATED else status
        case "invalidated":
            return INVALIDATED
        case "expired":
            return EXPIRED if status != INVALIDATED else status
        case "withdrawn":
            return WITHDRAWN if status in PENDING | {RECORDED} else status
        case "rejected":
            return REJECTED if status in PENDING | {RECORDED} else status
    return status  # transferred, licensed, pledged, pledge released, other: status unchanged


def derive(events: Iterable[Event]) -> Derived:
    status, since, pledged = RECORDED, None, False
    for event in sorted(events, key=lambda e: (e.date, e.order)):
        new = _next(status, event.kind)
        if new != status:
            status, since = new, event.date
        if event.kind == E_PLEDGED:
            pledged = True
        elif event.kind == E_PLEDGE_RELEASED:
            pledged = False
    return Derived(status, since, pledged)


def derive_status(events: Iterable[Event]) -> str:
    return derive(events).status
