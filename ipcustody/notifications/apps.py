from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ipcustody.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from ipcustody.audit.services import register

        from . import models

        # the webhook address and signing secret are never written to the change log (secret field names)
        register(models.ChannelConfig, root=lambda config: config.organisation.as_profile())
