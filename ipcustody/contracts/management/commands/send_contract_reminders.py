"""Renewal reminders: 60 and 30 days before an active contract ends, tell the park and the three parties' members.

Re-runnable (daily from cron or Celery beat): each reminder has a key `contract:<pk>:renewal:<days>`, and
`notify()` sends each key once per person, so running it twice — or on a day that was missed — never repeats one.
A contract already followed by a renewal (a later contract for the same park, agency and enterprise that is
awaiting confirmation or active) needs no reminder.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ipcustody.notifications.models import Level
from ipcustody.notifications.services import Message, notify

from ...models import Contract, ContractStatus
from ...rules import REMINDER_DAYS, reminder_due


def members(organisation_id: int):
    return get_user_model().objects.filter(
        memberships__organisation_id=organisation_id, memberships__is_active=True, is_active=True
    ).distinct()


class Command(BaseCommand):
    help = "Send contract renewal reminders 60 and 30 days before the end (re-runnable, each reminder once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="Pretend today is this date (YYYY-MM-DD); for checks and tests.")

    def handle(self, *args, today=None, **options):
        if isinstance(today, str):  # call_command(today="YYYY-MM-DD") skips the argument parser
            today = datetime.date.fromisoformat(today)
        today = today or timezone.localdate()
        renewed = Contract.objects.filter(
            park_id=OuterRef("park_id"), agency_id=OuterRef("agency_id"), enterprise_id=OuterRef("enterprise_id"),
            start_date__gt=OuterRef("end_date"), status__in=[ContractStatus.AWAITING, ContractStatus.ACTIVE],
        )
        horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
        due = (
            Contract.objects.filter(status=ContractStatus.ACTIVE, end_date__gte=today, end_date__lte=horizon)
            .exclude(Exists(renewed)).select_related("park", "agency", "enterprise")
        )
        sent = 0
        with override("zh-hans"):
            for contract in due:
                days = reminder_due((contract.end_date - today).days)
                if days is None:
                    continue
                message = Message(
                    title=_("Custody contract %(number)s ends in %(days)s days") % {"number": contract.number,
                                                                                     "days": (contract.end_date - today).days},
                    body=_("%(enterprise)s ← %(agency)s (%(park)s) ends on %(end)s. Renew it or let it end.") % {
                        "enterprise": contract.enterprise.name, "agency": contract.agency.name,
                        "park": contract.park.name, "end": contract.end_date.isoformat()},
                    url=contract.get_absolute_url(),
                    level=Level.WARNING if days == 30 else Level.INFO,
                )
                for organisation in (contract.park, contract.agency, contract.enterprise):
                    sent += notify(users=members(organisation.pk), organisation=organisation,
                                   key=f"contract:{contract.pk}:renewal:{days}", message=message)
        self.stdout.write(f"{sent} reminder(s) sent.")
