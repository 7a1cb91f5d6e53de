"""What the contracts app tells the directory: custody relations in force, and the contracts panel of an enterprise."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.template.loader import render_to_string


def contracts_in_force(on: datetime.date | None = None) -> QuerySet:
    """The provider for `ipcustody.directory.relations`: active contracts within their term on the day; a terminated
    contract counts until (and including) its termination date."""
    from .models import Contract

    return Contract.objects.in_force(on)


def enterprise_contracts_panel(request, actor, enterprise) -> str:
    """The contracts card on an enterprise's page: only the contracts the actor may see."""
    from . import services
    from .models import Contract

    contracts = (
        Contract.objects.visible_to(actor).filter(enterprise=enterprise)
        .exclude(status__in=["superseded", "cancelled"])
        .select_related("agency").order_by("-start_date", "-pk")
    )
    return render_to_string("contracts/_enterprise_panel.html", {
        "contracts": contracts, "enterprise": enterprise,
        "can_draft": services.can_draft_contract(actor) and enterprise.park_id == getattr(actor.organisation, "pk", None),
    }, request=request)
