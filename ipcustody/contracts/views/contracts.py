"""Contract pages: list, detail (with each party's confirmation), draft form, actions, termination, .docx, history."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ipcustody.core.forms import model_data
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView

from .. import services
from ..filters import ContractFilter
from ..forms import ContractForm, TerminateForm
from ..models import Contract, Party, Procedure
from .common import ActionView, ScopedHistoryView

__all__ = ["ContractList", "ContractDetail", "ContractFormView", "ContractActions", "ContractTerminate",
           "ContractDocx", "ContractHistory"]


class ContractList(ScopedListView):
    model = Contract
    filterset_class = ContractFilter
    title = _("Custody contracts")
    row_template = "contracts/_contract_row.html"
    export_name = "contracts"
    default_sort = "-start_date"
    create_url = reverse_lazy("contracts:contract-create")
    columns = [
        Column("number", _("contract number"), sort="number", export=lambda o: f"{o.number} v{o.version}"),
        Column("enterprise", _("enterprise"), sort="enterprise__name", export=lambda o: o.enterprise.name),
        Column("agency", _("custody agency"), sort="agency__name", export=lambda o: o.agency.name),
        Column("park", _("park / association"), sort="park__name", export=lambda o: o.park.name),
        Column("custody_form", _("custody form"), sort="custody_form", export=lambda o: o.get_custody_form_display()),
        Column("start_date", _("start date"), sort="start_date", export=lambda o: o.start_date),
        Column("end_date", _("end date"), sort="end_date", export=lambda o: o.end_date),
        Column("fee", _("fee (yuan)"), sort="fee", export=lambda o: o.fee),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
    ]

    def optimise(self, queryset):
        return queryset.select_related("enterprise", "agency", "park")

    def can_create(self) -> bool:
        return services.can_draft_contract(self.actor)


class ContractDetail(ActorRequiredMixin, TemplateView):
    template_name = "contracts/contract_detail.html"

    def get_context_data(self, **kwargs):
        contract = services.get_contract_for_user(self.actor, kwargs["pk"])
        confirmations = {c.party: c for c in contract.confirmations.select_related("confirmed_by")}
        parties = [
            (Party.PARK, Party.PARK.label, contract.park, confirmations.get(Party.PARK)),
            (Party.AGENCY, Party.AGENCY.label, contract.agency, confirmations.get(Party.AGENCY)),
            (Party.ENTERPRISE, Party.ENTERPRISE.label, contract.enterprise, confirmations.get(Party.ENTERPRISE)),
        ]
        versions = (
            Contract.objects.visible_to(self.actor).filter(number=contract.number).exclude(number="")
            .order_by("-version") if contract.number else Contract.objects.none()
        )
        actor = self.actor
        # the selection procedure behind the contract, only to who may see it (an enterprise sees no procedure)
        procedure = (
            Procedure.objects.visible_to(actor).filter(pk=contract.procedure_id).first() if contract.procedure_id
            else None
        )
        return super().get_context_data(
            object=contract,
            procedure=procedure,
            parties=parties,
            my_party=services.party_of(actor, contract),
            items=contract.service_items.all(),
            staff=contract.staff.all(),
            versions=versions,
            can_edit=services.can_edit_contract(actor, contract),
            can_send=services.can_send_contract(actor, contract),
            can_confirm=services.can_confirm_contract(actor, contract),
            can_terminate=services.can_terminate_contract(actor, contract),
            can_complete=services.can_complete_contract(actor, contract),
            can_amend=services.can_amend_contract(actor, contract),
            can_cancel=services.can_cancel_contract(actor, contract),
            today=timezone.localdate(),
        )


class ContractFormView(ScopedFormView):
    template_name = "contracts/contract_form.html"

    def get_object(self):
        return services.get_contract_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        if self.object is None:
            return _("New custody contract")
        return _("Amend contract (version %(v)s)") % {"v": self.object.version} if self.object.amends_id else _("Edit draft contract")

    def allowed(self, obj) -> bool:
        return services.can_edit_contract(self.actor, obj) if obj else services.can_draft_contract(self.actor)

    def make_forms(self, obj, data=None, files=None):
        initial = {}
        if obj is None:
            today = timezone.localdate()
            initial = {"start_date": today, "end_date": today + datetime.timedelta(days=364),
                       "confidentiality": True}
            for name in ("enterprise", "agency", "procedure"):
                if self.request.GET.get(name, "").isdigit():
                    initial[name] = int(self.request.GET[name])
        return {"form": ContractForm(data, instance=obj, initial=initial, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        return services.save_contract(
            self.actor, obj, model_data(form), service_items=form.cleaned_data["service_items"],
            staff=form.cleaned_data["staff"],
        )

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("contracts:contract-list")


class ContractActions(ActionView):
    lookup = staticmethod(services.get_contract_for_user)
    actions = {
        "send": (services.can_send_contract, services.send_contract,
                 _("Sent to the three parties for confirmation.")),
        "confirm": (services.can_confirm_contract, services.confirm_contract, _("Your confirmation is recorded.")),
        "complete": (services.can_complete_contract, services.complete_contract, _("The contract is completed.")),
        "cancel": (services.can_cancel_contract, services.cancel_contract, _("The contract is withdrawn.")),
        "amend": (services.can_amend_contract, services.amend_contract,
                  _("An amendment was started as a new draft version; the current version stays in force.")),
    }


class ContractTerminate(ScopedFormView):
    title = _("Terminate the contract early")

    def get_object(self):
        return services.get_contract_for_user(self.actor, self.kwargs["pk"])

    def allowed(self, obj) -> bool:
        return services.can_terminate_contract(self.actor, obj)

    def make_forms(self, obj, data=None, files=None):
        return {"form": TerminateForm(data)}

    def save(self, obj, forms):
        data = forms["form"].cleaned_data
        return services.terminate_contract(self.actor, obj, data["terminated_on"], data["reason"])


class ContractDocx(ActorRequiredMixin, View):
    def get(self, request, pk):
        from .. import docx

        contract = services.get_contract_for_user(self.actor, pk)
        response = HttpResponse(
            docx.build(contract),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        name = f"{contract.number or 'contract-' + str(contract.pk)}-v{contract.version}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ContractHistory(ScopedHistoryView):
    """A contract's history: the park and the authorities read all of it; the agency and the enterprise only what
    happened from the moment it was sent to them for confirmation (`services.contract_history_entries`), never the
    park's draft stage."""

    lookup = staticmethod(services.get_contract_for_user)
    visible_entries = staticmethod(services.contract_history_entries)

