from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "ipcustody.directory"
    verbose_name = _("Organisation directory")

    def ready(self) -> None:
        from ipcustody.audit.services import register
        from ipcustody.core import navigation as core_navigation

        from . import models, navigation

        core_navigation.register(navigation.items)

        register(models.Organisation)  # the platform admin's activate/deactivate in the admin
        register(models.Authority)
        register(models.Park)
        register(models.Agency, m2m=("service_items",))
        register(models.Enterprise)
        register(models.Contact, root=lambda contact: contact.enterprise)
