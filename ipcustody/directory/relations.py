"""Which agency serves which enterprise today: the one question the scoping rules ask about custody.

The answer comes from a provider registered at start-up: the contracts app registers one that reads the custody
contracts in force (`ipcustody.contracts.relations.contracts_in_force`). Keeping the question here lets the
directory stay at the bottom of the dependency chain (nothing imports upwards).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

# A provider returns a queryset with `agency_id` and `enterprise_id` columns (and relations `enterprise`, `agency`)
# of the custody relations in force on the given day.
Provider = Callable[[datetime.date | None], QuerySet]


def _none(on: datetime.date | None = None) -> QuerySet:
    raise ImproperlyConfigured("No custody relations provider is registered (is ipcustody.contracts installed?)")


_provider: Provider = _none


def register_provider(provider: Provider) -> None:
    global _provider
    _provider = provider


def active_relations(on: datetime.date | None = None) -> QuerySet:
    return _provider(on)
