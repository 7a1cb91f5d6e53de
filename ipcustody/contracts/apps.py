from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "ipcustody.contracts"
    verbose_name = _("Custody contracts")

    def ready(self) -> None:
        from ipcustody.audit.services import register
        from ipcustody.core import navigation as core_navigation
        from ipcustody.core import panels
        from ipcustody.directory.relations import register_provider

        from . import models, navigation, relations

        # contracts in force decide which agency serves (and sees) which enterprise
        register_provider(relations.contracts_in_force)
        panels.register("enterprise", relations.enterprise_contracts_panel)
        core_navigation.register(navigation.items)

        register(models.Contract, m2m=("service_items", "staff"))
        register(models.Confirmation, root=lambda c: c.contract)
        register(models.Need, m2m=("service_items",))
        register(models.Offering, m2m=("service_items", "segments"))
        register(models.MatchingEvent, m2m=("enterprises", "agencies"))
        register(models.Procedure, m2m=("service_items",))
        register(models.Criterion, root=lambda c: c.procedure)
        register(models.Bid, root=lambda b: b.procedure)
        register(models.Score, root=lambda s: s.bid.procedure)
        register(models.Invitation, root=lambda i: i.procedure)
        register(models.Admission, root=lambda a: a.procedure if a.procedure_id else a.park)
