"""Shared service helpers: saving a change under an actor, with validation, logging and a scope re-check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from ipcustody.audit.services import acting_as

from .actor import Actor

M = TypeVar("M", bound=models.Model)


def save_changes(
    actor: Actor,
    instance: M,
    data: dict[str, Any],
    *,
    visible: Callable[[], models.QuerySet],
    m2m: dict[str, Iterable[Any]] | None = None,
    also: Callable[[M], None] | None = None,
) -> M:
    """Apply `data` to `instance`, validate, save and log it in one transaction.

    `visible` is re-evaluated after the save, inside the transaction: a change that would move the object out of
    the actor's own scope (say, an enterprise into another park) is rolled back. `also` saves dependent rows
    (contacts …) in the same transaction, so a multi-row change lands whole or not at all.
    """
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    with transaction.atomic(), acting_as(actor):
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        if also is not None:
            also(instance)
        if not visible().filter(pk=instance.pk).exists():
            raise PermissionDenied
    return instance
