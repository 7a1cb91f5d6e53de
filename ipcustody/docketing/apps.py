from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocketingConfig(AppConfig):
    name = "ipcustody.docketing"
    label = "docketing"
    verbose_name = _("Deadlines and early warning")

    def ready(self) -> None:
        from ipcustody.audit.services import register
        from ipcustody.core import navigation, panels

        from . import models, signals, views

        register(models.Deadline, root=lambda deadline: deadline.asset, exclude=("rule", "computed_at"))
        register(models.WarningPolicy, root=lambda policy: policy.organisation.as_profile())
        navigation.register(views.navigation_items)
        panels.register("home", views.home_panel)
        panels.register("asset", views.asset_panel)
        signals.connect()
