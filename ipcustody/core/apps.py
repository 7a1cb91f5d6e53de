from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ipcustody.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # load the Celery app with Django (not in ipcustody/__init__.py: the pure rule packages must import no Django)
        from ipcustody import celery  # noqa: F401
