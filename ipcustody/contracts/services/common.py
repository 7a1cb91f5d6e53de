"""Helpers shared by the services: permissions by scope, the guarded status update, and logging it."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcustody.audit.models import Action, ChangeLogEntry
from ipcustody.audit.services import diff, record, snapshot
from ipcustody.core.actor import Actor
from ipcustody.core.scoping import ScopeKind, can_write_business, scope_for
from ipcustody.directory.models import ServiceItem

from .. import rules

__all__ = [
    "require", "is_park_writer", "own_org_writer", "guarded_update", "as_rule_items", "licence_message",
    "StaleStatus", "left_draft_at",
]


class StaleStatus(ValidationError):
    """Someone else changed the status first (the conditional UPDATE matched no row)."""


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def is_park_writer(actor: Actor, park_id: int | None = None) -> bool:
    """Park staff or admin (of this park, when given): they run procedures and draft contracts."""
    scope = scope_for(actor)
    if scope.kind is not ScopeKind.PARK or not can_write_business(actor):
        return False
    return park_id is None or scope.park_id == park_id


def own_org_writer(actor: Actor, kind: ScopeKind, org_id: int | None = None) -> bool:
    scope = scope_for(actor)
    if scope.kind is not kind or not can_write_business(actor):
        return False
    own = {ScopeKind.AGENCY: scope.agency_id, ScopeKind.ENTERPRISE: scope.enterprise_id,
           ScopeKind.PARK: scope.park_id}[kind]
    return org_id is None or own == org_id


def guarded_update(instance: models.Model, allowed: dict[str, set[str]], new: str, **fields: Any) -> models.Model:
    """Move `instance` from its current status to `new` with `UPDATE … WHERE pk = ? AND status = old`.

    The allowed transitions come from the workflow's one table. Zero rows updated means another user changed the
    status first: nothing happens and the caller is told. The change is logged like a save (who, before → after).
    Call inside `transaction.atomic()` and `acting_as(actor)`.
    """
    model = type(instance)
    old = instance.status
    if new not in allowed.get(old, set()):
        raise ValidationError(
            _("This step is not possible now (status: %(status)s)."), code="transition",
            params={"status": instance.get_status_display()},
        )
    before = snapshot(instance)
    updated = model._base_manager.filter(pk=instance.pk, status=old).update(status=new, **fields)
    if updated != 1:
        raise StaleStatus(_("Someone else changed this record in the meantime. Please reload the page."),
                          code="stale")
    instance.refresh_from_db()
    record(instance, Action.UPDATE, diff(before, snapshot(instance)))
    return instance


def left_draft_at(instance: models.Model, draft: str = "draft") -> datetime.datetime | None:
    """When `instance` was first recorded in a status other than `draft` (sent, announced …), from its change log.

    The entry of the transition out of the draft, or the creation entry of a row created directly in a later status
    (loaded, migrated). None while it has never left the draft.
    """
    rows = (
        ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
            object_id=str(instance.pk), changes__has_key="status",
        )
        .order_by("timestamp", "pk")
        .values_list("timestamp", "changes")
    )
    for timestamp, changes in rows:
        status = changes.get("status")
        if isinstance(status, list) and len(status) == 2 and status[1] != draft:
            return timestamp
    return None


def as_rule_items(items) -> list[rules.Item]:
    return [rules.Item(i.code, i.is_consulting, i.requires_patent_licence) for i in items]


def catalogue() -> list[rules.Item]:
    return as_rule_items(ServiceItem.objects.all())


def licence_message(codes: list[str]) -> ValidationError:
    names = "、".join(str(i) for i in ServiceItem.objects.filter(code__in=codes))
    return ValidationError(
        _("Only an agency with a patent agency licence (专利代理机构执业许可证) may take %(items)s (§6.1)."),
        code="licence", params={"items": names},
    )
