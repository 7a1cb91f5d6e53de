from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "ipcustody.archive"
    verbose_name = _("IP archive")

    def ready(self) -> None:
        from ipcustody.audit.services import register
        from ipcustody.core import navigation as core_navigation

        from . import models, navigation

        core_navigation.register(navigation.items)
        register(models.Asset, exclude=("search_text",), m2m=("responsible_staff",))
        register(models.AssetEvent, root=lambda event: event.asset)
        register(models.AssetAttachment, exclude=("file",), root=lambda attachment: attachment.asset)
