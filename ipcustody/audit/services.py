"""Recording changes to business data.

Models opt in with `register(Model)`. Signals then write a ChangeLogEntry for every save and delete, inside
the transaction of the change (a failed change leaves no entry, a recorded change cannot lose its entry). The
actor comes from `acting_as(actor)`, which the request middleware, the API authentication and every service
set; a change made outside any of them is recorded as "system". Fields that hold secrets are never recorded.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from ipcustody.core.actor import SYSTEM, Actor

from .models import Action, ChangeLogEntry

SECRET_FIELD_WORDS = ("password", "secret", "token", "key_hash", "webhook")

_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("audit_actor", default=SYSTEM)


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor:
    return _current.get()


def set_actor(actor: Actor) -> None:
    """For the request middleware, whose context ends with the request."""
    _current.set(actor)


@dataclass
class Registration:
    model: type[models.Model]
    exclude: frozenset[str]
    root: Callable[[Any], models.Model] | None = None
    m2m: tuple[str, ...] = field(default_factory=tuple)


_registry: dict[type[models.Model], Registration] = {}


def register(
    model: type[models.Model],
    *,
    exclude: tuple[str, ...] = (),
    root: Callable[[Any], models.Model] | None = None,
    m2m: tuple[str, ...] = (),
) -> None:
    """Record every change of `model`; `root` names the object on whose history page entries appear."""
    reg = Registration(model, frozenset(exclude) | {"created_at", "updated_at"}, root, m2m)
    _registry[model] = reg
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")
    for name in m2m:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}-m2m-{name}")


def is_secret(name: str) -> bool:
    return any(word in name for word in SECRET_FIELD_WORDS)


def _value(instance: models.Model, f: models.Field) -> Any:
    if f.is_relation:
        related_id = getattr(instance, f.attname)
        if related_id is None:
            return None
        # the display text is what a reader of the history needs; the id alone says nothing
        related = getattr(instance, f.name, None)
        return str(related) if related is not None else related_id
    value = getattr(instance, f.attname)
    if isinstance(f, models.FileField):
        return value.name or None  # the stored file's name, not the file
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    reg = _registry[type(instance)]
    result = {}
    for f in instance._meta.concrete_fields:
        if f.primary_key or f.name in reg.exclude or is_secret(f.name):
            continue
        if isinstance(f, models.OneToOneField) and f.remote_field.parent_link:
            continue
        result[f.name] = _value(instance, f)
    return result


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    instance: models.Model,
    action: str,
    changes: dict[str, list[Any]],
    *,
    actor: Actor | None = None,
) -> ChangeLogEntry:
    """Write one entry; also used directly for actions that are not saves (views of trade secrets …)."""
    actor = actor or current_actor()
    reg = _registry.get(type(instance))
    root = reg.root(instance) if reg and reg.root else instance
    membership = actor.membership
    return ChangeLogEntry.objects.create(
        actor=actor.user if actor.user is not None and actor.user.pk else None,
        actor_label=actor.label,
        organisation_id=membership.organisation_id if membership else None,
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        root_content_type=ContentType.objects.get_for_model(type(root), for_concrete_model=False),
        root_object_id=str(root.pk),
        action=action,
        changes=changes,
    )


def _pre_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    before = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    instance._audit_before = before


def _post_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    before = None if created else getattr(instance, "_audit_before", None)
    changes = diff(before, snapshot(instance))
    if not created and not changes:
        return
    record(instance, Action.CREATE if created else Action.UPDATE, changes)


def _post_delete(sender, instance, **kwargs) -> None:
    record(instance, Action.DELETE, diff(snapshot(instance), None))


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if reverse or action not in {"pre_add", "pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    reg = _registry.get(type(instance))
    if reg is None:
        return
    name = next(n for n in reg.m2m if instance._meta.get_field(n).remote_field.through is sender)
    if action.startswith("pre_"):
        instance._audit_m2m_before = sorted(str(o) for o in getattr(instance, name).all())
        return
    after = sorted(str(o) for o in getattr(instance, name).all())
    before = getattr(instance, "_audit_m2m_before", [])
    if before != after:
        record(instance, Action.UPDATE, {name: [before, after]})


def registered_models() -> list[type[models.Model]]:
    return list(_registry)
