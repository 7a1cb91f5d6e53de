"""Which agency serves which enterprise today: the one question the scoping rules ask about custody.

The answer comes from a provider registered at start-up. The directory's own provider reads the temporary
"agency serves enterprise" links; the contracts app registers one that reads active custody contracts instead.
Keeping the question here lets the directory stay at the bottom of the dependency chain (nothing imports upwards).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import QuerySet

# A provider returns a queryset with `agency_id` and `enterprise_id` columns (and relations `enterprise`, `agency`)
# of the custody relations in force on the given day.
Provider = Callable[[datetime.date | None], QuerySet]


def _links(on: datetime.date | None = None) -> QuerySet:
    from .models import ServiceLink

    return ServiceLink.objects.active(on)


_provider: Provider = _links


def register_provider(provider: Provider) -> None:
    global _provider
    _provider = provider


def active_relations(on: datetime.date | None = None) -> QuerySet:
    return _provider(on)
