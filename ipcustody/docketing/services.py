"""Deadline services: recompute from the archive, mark done (writing the legal event), policies, feeds, forecasts.

Recomputation is batch work over many assets, so it reads assets with their events in chunks and writes with
bulk operations; derived changes are not change-logged one by one (they are a function of logged data), while
everything a person does — marking done, a policy change — is.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcustody.archive import services as archive_services
from ipcustody.archive import status as archive_status
from ipcustody.archive.models import Asset, AssetEvent
from ipcustody.audit.models import Action
from ipcustody.audit.services import acting_as, diff, record, snapshot
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for
from ipcustody.directory.models import Organisation

from . import derive, levels
from .models import TRANSITIONS, CalendarFeed, Deadline, DeadlineKind, DeadlineStatus, WarningPolicy

CHUNK = 1000
REDUCTIONS = {0: Decimal("0"), 85: Decimal("0.85"), 70: Decimal("0.70")}


# --- from the archive to facts ----------------------------------------------------------------------------


def facts_for(asset: Asset, events: Iterable[AssetEvent] | None = None) -> derive.AssetFacts:
    events = list(asset.events.all()) if events is None else list(events)
    priorities = [c.get("date") for c in (asset.priority_claims or []) if isinstance(c, dict) and c.get("date")]
    priority_date = min((datetime.date.fromisoformat(str(p)) for p in priorities), default=None)
    # the status is derived from the same events here, so a stored status that is one save behind cannot mislead
    status = archive_status.derive(archive_status.Event(e.date, e.kind, e.pk or 0) for e in events).status
    return derive.AssetFacts(
        kind=asset.kind,
        status=status if events else asset.status,
        filing_date=asset.filing_date,
        grant_date=asset.grant_date,
        priority_date=priority_date,
        reduction=REDUCTIONS.get(asset.fee_reduction or 0, Decimal("0")),
        pct_application=bool(asset.pct_application_number),
        pct_entry_date=asset.pct_entry_date,
        review_date=asset.review_date,
        events=tuple(derive.EventFact(e.kind, e.date, e.note) for e in events),
    )


def _assets_with_events(asset_ids: Iterable[int] | None) -> Iterator[list[Asset]]:
    qs = Asset.objects.order_by("pk").prefetch_related(Prefetch("events", queryset=AssetEvent.objects.order_by("date", "pk")))
    if asset_ids is None:
        last = 0
        while True:
            chunk = list(qs.filter(pk__gt=last)[:CHUNK])
            if not chunk:
                return
            yield chunk
            last = chunk[-1].pk
    else:
        ids = sorted(set(asset_ids))
        for start in range(0, len(ids), CHUNK):
            yield list(qs.filter(pk__in=ids[start:start + CHUNK]))


@dataclass
class RecomputeResult:
    assets: int = 0
    created: int = 0
    updated: int = 0
    closed: int = 0
    errors: int = 0


FIELDS = ("kind", "year", "due_date", "grace_until", "fee", "rule", "provisional", "obligation")


def _derived_transition(rows: list[Deadline], new: str, **fields) -> list[tuple[Deadline, str, str]]:
    """Status changes that follow from the archive (an answer recorded, a date corrected): allowed by TRANSITIONS,
    conditional on the status still being the old one, like a person's change."""
    changed = []
    by_status: dict[str, list[Deadline]] = defaultdict(list)
    for row in rows:
        by_status[row.status].append(row)
    for old, group in by_status.items():
        if new not in TRANSITIONS.get(old, set()):
            continue
        ids = [row.pk for row in group]
        Deadline.objects.filter(pk__in=ids, status=old).update(status=new, **fields)
        changed += [(row, old, new) for row in group]
    return changed


def _log_status_changes(changed: list[tuple[Deadline, str, str]]) -> None:
    """One change-log entry per deadline whose status the archive changed, by whoever changed the archive."""
    if not changed:
        return
    from django.contrib.contenttypes.models import ContentType

    from ipcustody.audit.models import ChangeLogEntry
    from ipcustody.audit.services import current_actor

    actor = current_actor()
    deadline_ct = ContentType.objects.get_for_model(Deadline)
    asset_ct = ContentType.objects.get_for_model(Asset)
    ChangeLogEntry.objects.bulk_create([
        ChangeLogEntry(
            actor=actor.user if actor.user is not None and actor.user.pk else None, actor_label=actor.label,
            organisation_id=actor.membership.organisation_id if actor.membership else None,
            content_type=deadline_ct, object_id=str(row.pk), object_repr=str(row)[:255],
            root_content_type=asset_ct, root_object_id=str(row.asset_id), action=Action.UPDATE,
            changes={"status": [old, new]},
        )
        for row, old, new in changed
    ], batch_size=500)


def recompute(asset_ids: Iterable[int] | None = None, *, as_of: datetime.date | None = None) -> RecomputeResult:
    """Bring the stored deadlines of these assets (all when None) in line with `derive`; safe to re-run.

    Rows a person marked done stay as they are. Open rows no longer derived are closed ("no longer applies");
    a closed row derived again is reopened. Each chunk is one transaction.
    """
    as_of = as_of or timezone.localdate()
    result = RecomputeResult()
    for chunk in _assets_with_events(asset_ids):
        with transaction.atomic():
            existing: dict[int, dict[str, Deadline]] = defaultdict(dict)
            for row in Deadline.objects.filter(asset__in=[a.pk for a in chunk]):
                existing[row.asset_id][row.key] = row
            to_create, to_update, to_close, to_done, reopened = [], [], [], [], []
            for asset in chunk:
                result.assets += 1
                try:
                    specs = [] if asset.removed_at else derive.derive(facts_for(asset, asset.events.all()), as_of)
                except (ValueError, LookupError):
                    # a rule table without a row for this asset's dates: nothing is better than a wrong date
                    result.errors += 1
                    specs = []
                current = existing.get(asset.pk, {})
                seen = set()
                for spec in specs:
                    seen.add(spec.key)
                    values = {"kind": spec.kind, "year": spec.year, "due_date": spec.due, "grace_until": spec.grace_until,
                              "fee": spec.fee, "rule": spec.rule, "provisional": spec.provisional,
                              "obligation": spec.obligation}
                    row = current.get(spec.key)
                    if row is None:
                        to_create.append(Deadline(asset_id=asset.pk, owner_id=asset.owner_id, key=spec.key, **values))
                    elif row.status != DeadlineStatus.DONE:
                        changed = any(getattr(row, f) != v for f, v in values.items()) or row.owner_id != asset.owner_id
                        reopen = row.status == DeadlineStatus.CLOSED and DeadlineStatus.OPEN in TRANSITIONS[row.status]
                        if changed or reopen:
                            for f, v in values.items():
                                setattr(row, f, v)
                            row.owner_id = asset.owner_id
                            if reopen:  # a corrected event made it apply again
                                row.status = DeadlineStatus.OPEN
                                reopened.append(row)
                            to_update.append(row)
                kinds_recorded = {e.kind for e in asset.events.all()}
                for key, row in current.items():
                    if key not in seen and row.status == DeadlineStatus.OPEN:
                        # gone because the act was recorded (fee paid, answer filed …): done; otherwise it no
                        # longer applies (a corrected date, a withdrawn application …)
                        if derive.COMPLETING_EVENTS.get(row.kind) in kinds_recorded:
                            to_done.append(row)
                        else:
                            to_close.append(row)
            Deadline.objects.bulk_create(to_create, batch_size=500)
            Deadline.objects.bulk_update(to_update, [*FIELDS, "owner", "status"], batch_size=500)
            changed = _derived_transition(to_close, DeadlineStatus.CLOSED)
            changed += _derived_transition(to_done, DeadlineStatus.DONE, done_note=_("recorded in the archive"))
            changed += [(row, DeadlineStatus.CLOSED, DeadlineStatus.OPEN) for row in reopened]
            _log_status_changes(changed)
            result.created += len(to_create)
            result.updated += len(to_update)
            result.closed += len(to_close) + len(to_done)
    return result


# --- lookups and permissions ------------------------------------------------------------------------------


def get_deadline_for_user(actor: Actor, pk: int) -> Deadline:
    return get_object_or_404(Deadline.objects.visible_to(actor).select_related("asset", "owner__park"), pk=pk)


def can_mark_done(actor: Actor, deadline: Deadline) -> bool:
    return can_write_business(actor) and archive_services.can_edit_asset(actor, deadline.asset)


# --- marking done -----------------------------------------------------------------------------------------


def transition(deadline: Deadline, new: str, **fields) -> bool:
    """The only way a person changes a deadline's status: allowed by TRANSITIONS, and a conditional UPDATE so
    that of two people marking the same deadline done at once, exactly one wins."""
    old = deadline.status
    if new not in TRANSITIONS.get(old, set()):
        raise ValidationError(_("This deadline cannot go from “%(old)s” to “%(new)s”.")
                              % {"old": DeadlineStatus(old).label, "new": DeadlineStatus(new).label})
    won = Deadline.objects.filter(pk=deadline.pk, status=old).update(status=new, **fields)
    if won:
        deadline.status = new
        for name, value in fields.items():
            setattr(deadline, name, value)
    return bool(won)


def mark_done(
    actor: Actor, deadline: Deadline, *, done_on: datetime.date, note: str = "", evidence=None
) -> Deadline:
    """Record that the act was done (fee paid, answer filed …) with its evidence, and write the legal event.

    For an annual fee the event names the year ("第8年年费"), so the next year's fee becomes the open deadline.
    """
    if not can_mark_done(actor, deadline):
        raise PermissionDenied
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    with transaction.atomic(), acting_as(actor):
        before = snapshot(deadline)
        fields = {"done_on": done_on, "done_by": actor.user, "done_note": note[:300]}
        if evidence is not None:
            deadline.evidence.save(evidence.name, evidence, save=False)
            fields["evidence"] = deadline.evidence.name
        # first the status (so the recomputation the event triggers leaves this row alone), then the event
        if not transition(deadline, DeadlineStatus.DONE, **fields):
            raise ValidationError(_("Someone else has just changed this deadline. Please reload the page."))
        event_kind = deadline.completing_event
        if event_kind is not None:
            label = str(deadline)
            if deadline.kind == DeadlineKind.ANNUITY and deadline.year:
                label = f"第{deadline.year}年年费"
            deadline.event = archive_services.save_event(
                actor, deadline.asset, None,
                {"kind": event_kind, "date": done_on, "note": (f"{label} {note}").strip()[:300]},
            )
            Deadline.objects.filter(pk=deadline.pk).update(event=deadline.event)
        # the conditional UPDATE sends no signals: record who marked it done, and what changed, here
        record(deadline, Action.UPDATE, diff(before, snapshot(deadline)))
    recompute([deadline.asset_id])
    return deadline


# --- policies ---------------------------------------------------------------------------------------------


def policy_for(organisation: Organisation | None) -> tuple[tuple[int, ...], bool]:
    policy = WarningPolicy.objects.filter(organisation=organisation).first() if organisation else None
    if policy is None:
        return levels.DEFAULT_THRESHOLDS, False
    return policy.levels, policy.include_opportunities


def save_policy(actor: Actor, data: dict) -> WarningPolicy:
    from ipcustody.core.services import save_changes

    if not actor.is_org_admin:
        raise PermissionDenied
    policy = WarningPolicy.objects.filter(organisation=actor.organisation).first() or WarningPolicy(
        organisation=actor.organisation
    )
    return save_changes(actor, policy, data, visible=lambda: WarningPolicy.objects.filter(organisation=actor.organisation))


# --- calendar feeds ---------------------------------------------------------------------------------------


def create_feed(actor: Actor) -> str:
    """A new secret calendar address for the actor's membership; returns the key (shown once)."""
    if actor.membership is None:
        raise PermissionDenied
    key = secrets.token_urlsafe(24)
    with transaction.atomic(), acting_as(actor):
        CalendarFeed.objects.filter(user=actor.user, membership=actor.membership, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        CalendarFeed.objects.create(user=actor.user, membership=actor.membership, key_hash=CalendarFeed.hash_key(key),
                                    prefix=key[:8])
    return key


def actor_for_feed(key: str) -> Actor | None:
    feed = (
        CalendarFeed.objects.filter(key_hash=CalendarFeed.hash_key(key), revoked_at__isnull=True,
                                    membership__is_active=True, user__is_active=True)
        .select_related("user", "membership__organisation__authority_profile")
        .first()
    )
    return Actor(user=feed.user, membership=feed.membership) if feed else None


# --- reminders --------------------------------------------------------------------------------------------


def interested_organisations(deadline: Deadline) -> list[Organisation]:
    """Who is reminded: the owner enterprise, its park, and the agencies serving it today — as the archive's
    visibility says. A trade secret's deadline goes to nobody at the park (it may not see the secret)."""
    from ipcustody.directory.relations import active_relations

    enterprise = deadline.owner
    orgs = [enterprise.organisation_ptr]
    if not is_secret(deadline):
        orgs.append(enterprise.park.organisation_ptr)
    agency_ids = active_relations().filter(enterprise_id=enterprise.pk).values_list("agency_id", flat=True)
    orgs += list(Organisation.objects.filter(pk__in=list(agency_ids)))
    return orgs


def reminder_due(deadline: Deadline, today: datetime.date, thresholds: tuple[int, ...]) -> str | None:
    """The level a reminder should be sent for now, or None while the deadline is further than every level."""
    name = levels.level(deadline.due_date, today, thresholds)
    return None if name == levels.LATER else name


def is_secret(deadline: Deadline) -> bool:
    return deadline.asset.kind == "trade_secret"


def recipients(organisation: Organisation, deadline: Deadline) -> list:
    """Members who may act: admins and staff; for an agency, the asset's responsible staff when any are named.
    For a trade secret an agency's members are told only when assigned to it (the others may not see it)."""
    from ipcustody.accounts.models import Membership, MembershipRole

    members = Membership.objects.filter(
        organisation=organisation, is_active=True, user__is_active=True,
        role__in=[MembershipRole.ADMIN, MembershipRole.STAFF],
    ).select_related("user")
    users = [m.user for m in members]
    if organisation.kind == "agency":
        assigned = {u.pk for u in deadline.asset.responsible_staff.all()}
        named = [u for u in users if u.pk in assigned]
        users = named if named or is_secret(deadline) else users
    return users


def send_reminders(today: datetime.date | None = None) -> int:
    """Send every reminder that is due and not yet sent; re-runnable and safe to run twice at once.

    The key names the deadline, its current due date, the level and the organisation, so a reminder goes out once
    per level — and again if the due date moves.
    """
    from ipcustody.notifications.services import Message, notify

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=730)
    sent = 0
    policies: dict[int, tuple[tuple[int, ...], bool]] = {}
    queryset = (
        Deadline.objects.open()
        .filter(due_date__lte=horizon)
        .select_related("asset", "owner__park")
        .order_by("due_date", "pk")
    )
    for deadline in queryset.iterator(chunk_size=500):
        for organisation in interested_organisations(deadline):
            if organisation.pk not in policies:
                policies[organisation.pk] = policy_for(organisation)
            thresholds, opportunities = policies[organisation.pk]
            if not deadline.obligation and not opportunities:
                continue
            level = reminder_due(deadline, today, thresholds)
            if level is None:
                continue
            left = levels.days_left(deadline.due_date, today)
            if level == levels.OVERDUE:
                title = _("Overdue: %(what)s of %(asset)s") % {"what": deadline, "asset": deadline.asset.title}
            else:
                title = _("%(days)s days left: %(what)s of %(asset)s") % {
                    "days": left, "what": deadline, "asset": deadline.asset.title}
            body = _("%(enterprise)s · %(number)s · due %(due)s%(grace)s") % {
                "enterprise": deadline.owner.name, "number": deadline.asset.number or "—",
                "due": deadline.due_date.isoformat(),
                "grace": (_(", grace period until %(date)s") % {"date": deadline.grace_until.isoformat()})
                if deadline.grace_until else "",
            }
            from django.urls import reverse

            sent += notify(
                users=recipients(organisation, deadline),
                organisation=organisation,
                # a group robot posts to a whole chat group: never for a trade secret
                robots_too=not is_secret(deadline),
                key=f"deadline:{deadline.pk}:{deadline.due_date.isoformat()}:{level}:o{organisation.pk}",
                message=Message(title=title, body=body, url=reverse("docketing:deadline-detail", args=[deadline.pk]),
                                level="urgent" if level == levels.OVERDUE else "warning"),
            )
    return sent


# --- fee forecast -----------------------------------------------------------------------------------------


@dataclass
class Forecast:
    months: list[str]
    kinds: list[str]
    cells: dict[tuple[str, str], Decimal]
    rows: list[tuple[str, str, str, str, int | None, datetime.date, Decimal]]  # enterprise, asset, number, kind, year, due, fee

    def total(self) -> Decimal:
        return sum(self.cells.values(), Decimal("0"))

    def by_month(self, kind: str) -> list[Decimal]:
        return [self.cells.get((month, kind), Decimal("0")) for month in self.months]


def forecast(actor: Actor, assets: QuerySet, months: int, today: datetime.date | None = None) -> Forecast:
    """Annual fees (and the next renewal fees where a fee is known) falling due in the next `months` months,
    by month and kind, for the assets given (already scoped by the caller)."""
    from ipcustody.docketing.calendar import add_months

    today = today or timezone.localdate()
    until = add_months(today, months)
    month_keys = []
    cursor = today.replace(day=1)
    while cursor <= until:
        month_keys.append(cursor.strftime("%Y-%m"))
        cursor = add_months(cursor, 1)
    cells: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    rows = []
    kinds = set()
    patents = (
        assets.filter(kind__in=sorted(derive.PATENT_KINDS), status="in_force")
        .select_related("owner")
        .prefetch_related(Prefetch("events", queryset=AssetEvent.objects.order_by("date", "pk")))
    )
    for asset in patents.iterator(chunk_size=1000):
        try:
            fees = derive.future_annuities(facts_for(asset, asset.events.all()), until)
        except (ValueError, LookupError):
            continue
        for fee in fees:
            if fee.due < today:
                continue
            month = fee.due.strftime("%Y-%m")
            cells[(month, asset.kind)] += fee.payable
            kinds.add(asset.kind)
            rows.append((asset.owner.name, asset.title, asset.number, asset.get_kind_display(), fee.year, fee.due,
                         fee.payable))
    rows.sort(key=lambda r: (r[5], r[0]))
    return Forecast(month_keys, sorted(kinds), dict(cells), rows)


def forecast_scope_label(actor: Actor) -> str:
    scope = scope_for(actor)
    return {ScopeKind.ENTERPRISE: _("this enterprise"), ScopeKind.AGENCY: _("the enterprises you serve"),
            ScopeKind.PARK: _("the park's enterprises")}.get(scope.kind, _("all enterprises you see"))
