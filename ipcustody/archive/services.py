"""Archive services and permissions: every write to an asset, its events and attachments, taking an actor.

Visibility is `Asset.objects.visible_to(actor)`. Writes: the owner enterprise's staff, its park's staff, the
agencies serving it today, authorities granted business writes (`can_write_business`); never read-only roles.
An agency that produced an asset keeps read-only access to it after it stops serving the enterprise.
The status is derived from the events (status.py) and recomputed here, in the call that changes the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.services import acting_as, record
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for
from ipcustody.core.services import save_changes
from ipcustody.directory.models import Enterprise
from ipcustody.directory.relations import active_relations

from . import status as rules
from .models import Asset, AssetAttachment, AssetEvent, AssetKind, EventKind

# Asset fields whose dates are mirrored by an event (kept in step by `sync_date_events`).
DATE_EVENTS = (("filing_date", EventKind.FILED), ("publication_date", EventKind.PUBLISHED), ("grant_date", EventKind.GRANTED))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- permissions ------------------------------------------------------------------------------------------


def writable_enterprises(actor: Actor):
    """Enterprises whose archive the actor may change: those it sees, when it may write business data.

    (An agency's read-only access to what it produced does not make the enterprise writable.)"""
    if not can_write_business(actor):
        return Enterprise.objects.none()
    return Enterprise.objects.visible_to(actor)


def can_create_asset(actor: Actor) -> bool:
    return can_write_business(actor) and scope_for(actor).kind is not ScopeKind.NONE


def can_edit_asset(actor: Actor, asset: Asset) -> bool:
    """Assumes the asset is visible to the actor (fetched through visible_to)."""
    return writable_enterprises(actor).filter(pk=asset.owner_id).exists()


def eligible_staff(enterprise_ids: Iterable[int] | None = None):
    """Users acting for an agency that serves the enterprise(s) today: who may be made responsible for an asset."""
    relations = active_relations()
    if enterprise_ids is not None:
        relations = relations.filter(enterprise_id__in=list(enterprise_ids))
    return (
        get_user_model().objects.filter(
            is_active=True, memberships__is_active=True, memberships__organisation_id__in=relations.values("agency_id")
        )
        .distinct()
        .order_by("username")
    )


# --- lookups (not visible → 404) --------------------------------------------------------------------------


def get_asset_for_user(actor: Actor, pk: int) -> Asset:
    return get_object_or_404(Asset.objects.visible_to(actor).select_related("owner", "owner__park", "produced_by"), pk=pk)


def get_event_for_user(actor: Actor, pk: int) -> AssetEvent:
    visible = Asset.objects.visible_to(actor).values("pk")
    return get_object_or_404(AssetEvent.objects.filter(asset__in=visible).select_related("asset"), pk=pk)


def get_attachment_for_user(actor: Actor, pk: int) -> AssetAttachment:
    visible = Asset.objects.visible_to(actor).values("pk")
    return get_object_or_404(AssetAttachment.objects.filter(asset__in=visible).select_related("asset"), pk=pk)


def record_view(actor: Actor, asset: Asset) -> None:
    """Every view of a trade secret is recorded in its history."""
    if asset.is_trade_secret:
        with acting_as(actor):
            record(asset, "view", {}, actor=actor)


# --- status -----------------------------------------------------------------------------------------------


def derive_for(events: Iterable[AssetEvent]) -> rules.Derived:
    return rules.derive(rules.Event(e.date, e.kind, e.pk or 0) for e in events)


def recompute_status(asset: Asset) -> Asset:
    """Derive the status from the events and store it (saving through the change log when it changed)."""
    derived = derive_for(asset.events.all())
    if (asset.status, asset.status_since, asset.is_pledged) != (derived.status, derived.since, derived.pledged):
        asset.status, asset.status_since, asset.is_pledged = derived.status, derived.since, derived.pledged
        asset.save(update_fields=["status", "status_since", "is_pledged", "updated_at"])
    return asset


def sync_date_events(asset: Asset) -> None:
    """Keep one event per key date (filed, published, granted) in step with the asset's dates."""
    existing = {e.date_field: e for e in asset.events.exclude(date_field="")}
    for field, kind in DATE_EVENTS:
        value = getattr(asset, field)
        event = existing.get(field)
        if value and event is None:
            AssetEvent.objects.create(asset=asset, kind=kind, date=value, date_field=field)
        elif value and event.date != value:
            event.date = value
            event.save(update_fields=["date"])
        elif not value and event is not None:
            event.delete()


# --- writes -----------------------------------------------------------------------------------------------


def _check_staff(asset: Asset, staff: list) -> None:
    if not staff:
        return
    allowed = set(eligible_staff([asset.owner_id]).values_list("pk", flat=True))
    outsiders = [u for u in staff if u.pk not in allowed]
    if outsiders:
        raise ValidationError({"responsible_staff": _(
            "Only staff of an agency that serves this enterprise can be made responsible: %(names)s."
        ) % {"names": "、".join(u.get_username() for u in outsiders)}})


def save_asset(actor: Actor, asset: Asset | None, data: dict[str, Any], *, responsible_staff: Iterable | None = None) -> Asset:
    """Create or change an asset; its key-date events and its status follow in the same transaction."""
    if asset is None:
        _require(can_create_asset(actor))
        asset = Asset()
        if scope_for(actor).kind is ScopeKind.AGENCY:
            asset.produced_by_id = scope_for(actor).agency_id
    else:
        _require(can_edit_asset(actor, asset))
        if "kind" in data and data["kind"] != asset.kind and AssetKind.TRADE_SECRET in (data["kind"], asset.kind):
            raise ValidationError({"kind": _("A trade secret cannot become another kind of asset, nor the reverse.")})
    owner = data.get("owner", asset.owner if asset.owner_id else None)
    if owner is None or not writable_enterprises(actor).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose an enterprise whose archive you may change.")})
    staff = list(responsible_staff) if responsible_staff is not None else None
    creating = asset.pk is None
    kind = data.get("kind", asset.kind)
    if creating and kind == AssetKind.TRADE_SECRET and scope_for(actor).kind is ScopeKind.AGENCY:
        # the agency user who records a secret is assigned to it (or could not see what they just wrote)
        staff = [*(staff or []), *([] if actor.user in (staff or []) else [actor.user])]
    elif kind == AssetKind.TRADE_SECRET and scope_for(actor).kind is ScopeKind.AGENCY and staff is not None:
        if actor.user not in staff:
            raise ValidationError({"responsible_staff": _(
                "You would lose access to this trade secret: keep yourself among the responsible staff."
            )})
    asset.owner = owner
    if staff is not None:
        _check_staff(asset, staff)

    def also(saved: Asset) -> None:
        sync_date_events(saved)
        recompute_status(saved)

    m2m = {"responsible_staff": staff} if staff is not None else None
    return save_changes(actor, asset, data, visible=lambda: Asset.objects.visible_to(actor), m2m=m2m, also=also)


def _event_write(actor: Actor, asset: Asset) -> None:
    _require(can_edit_asset(actor, asset))
    if asset.is_trade_secret:
        raise ValidationError(_("A trade secret has no legal events."))


def save_event(actor: Actor, asset: Asset, event: AssetEvent | None, data: dict[str, Any]) -> AssetEvent:
    """Add or correct an event; the asset's status is recomputed in the same transaction."""
    _event_write(actor, asset)
    event = event or AssetEvent(asset=asset)
    if event.date_field and ("date" in data and data["date"] != event.date or data.get("kind", event.kind) != event.kind):
        raise ValidationError(_("This event mirrors the asset's %(field)s; change the date on the asset instead.")
                              % {"field": Asset._meta.get_field(event.date_field).verbose_name})
    return save_changes(
        actor, event, data,
        visible=lambda: AssetEvent.objects.filter(asset__in=Asset.objects.visible_to(actor).values("pk")),
        also=lambda saved: recompute_status(asset),
    )


def delete_event(actor: Actor, event: AssetEvent) -> Asset:
    asset = event.asset
    _event_write(actor, asset)
    if event.date_field:
        raise ValidationError(_("This event mirrors the asset's %(field)s; clear the date on the asset instead.")
                              % {"field": Asset._meta.get_field(event.date_field).verbose_name})
    with transaction.atomic(), acting_as(actor):
        event.delete()
        recompute_status(asset)
    return asset


def delete_asset(actor: Actor, asset: Asset, reason: str = "") -> Asset:
    """Remove an asset from the archive: hidden from every list and page, but kept with its events, attachments
    and history (an assessment may still need it); the same number can then be recorded again."""
    _require(can_edit_asset(actor, asset))
    with transaction.atomic(), acting_as(actor):
        asset.removed_at = timezone.now()
        asset.removed_reason = reason.strip()[:300]
        asset.save(update_fields=["removed_at", "removed_reason", "updated_at"])
    return asset


def add_attachment(actor: Actor, asset: Asset, upload, name: str = "") -> AssetAttachment:
    _require(can_edit_asset(actor, asset))
    attachment = AssetAttachment(asset=asset)
    return save_changes(
        actor, attachment, {"file": upload, "name": name or upload.name},
        visible=lambda: AssetAttachment.objects.filter(asset__in=Asset.objects.visible_to(actor).values("pk")),
    )


def delete_attachment(actor: Actor, attachment: AssetAttachment) -> None:
    _require(can_edit_asset(actor, attachment.asset))
    with transaction.atomic(), acting_as(actor):
        attachment.file.delete(save=False)
        attachment.delete()


# --- bulk writes (the file import and the API's bulk upsert share one pipeline, in bulk.py) ----------------


def import_file(actor: Actor, path_or_file, filename: str, *, commit: bool, default_owner=None):
    """Validate (commit=False: the preview) or write (commit=True: all rows or none) an .xlsx/.csv file."""
    from . import bulk

    return bulk.import_file(actor, path_or_file, filename, commit=commit, default_owner=default_owner)


def bulk_upsert(actor: Actor, items: list[dict[str, Any]], *, default_owner=None):
    from . import bulk

    return bulk.bulk_upsert(actor, items, default_owner=default_owner)
