from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ipcustody.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from ipcustody.audit.services import register

        from . import models

        # who may do what is itself recorded: roles and business-write grants; tokens by name (never the key)
        register(models.Membership, root=lambda m: m.organisation.as_profile())
        register(models.ApiToken, root=lambda t: t.membership.organisation.as_profile(), exclude=("last_used_at",))
