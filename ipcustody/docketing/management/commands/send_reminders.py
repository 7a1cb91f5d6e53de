"""Send deadline reminders that are due (in-app, e-mail, WeCom/DingTalk robots); re-runnable, never twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ipcustody.docketing.services import send_reminders
from ipcustody.notifications.services import retry_failed


class Command(BaseCommand):
    help = "Send every deadline reminder that is due and not yet sent; retry failed deliveries."

    def handle(self, *args, **options):
        sent = send_reminders()
        retried = retry_failed()
        self.stdout.write(f"{sent} messages sent, {retried} failed deliveries retried")
