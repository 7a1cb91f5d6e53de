"""Selection procedure pages: list, detail, draft form, criteria, invitations, bids, panel scores, award, history."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ipcustody.core.forms import model_data
from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.core.views import ActorRequiredMixin, Column, ScopedFormView, ScopedListView

from .. import services
from ..filters import ProcedureFilter
from ..forms import (
    AnswerForm,
    AwardForm,
    BidForm,
    CriterionFormSet,
    InviteForm,
    ProcedureForm,
    ScoreSheetForm,
)
from ..models import Admission, Contract, Invitation, Procedure, ProcedureKind, ProcedureStatus
from .common import ActionView, ScopedHistoryView

__all__ = ["ProcedureList", "ProcedureDetail", "ProcedureFormView", "ProcedureActions", "CriteriaView", "InviteView",
           "InvitationAnswer", "BidView", "BidDocument", "ScoreSheetView", "AwardView", "ProcedureHistory"]


class ProcedureList(ScopedListView):
    model = Procedure
    filterset_class = ProcedureFilter
    title = _("Selection procedures")
    row_template = "contracts/_procedure_row.html"
    export_name = "procedures"
    default_sort = "-created_at"
    create_url = reverse_lazy("contracts:procedure-create")
    columns = [
        Column("title", _("title"), sort="title", export=lambda o: o.title),
        Column("kind", _("procedure"), sort="kind", export=lambda o: o.get_kind_display()),
        Column("park", _("park / association"), sort="park__name", export=lambda o: o.park.name),
        Column("bid_deadline", _("bids due by"), sort="bid_deadline", export=lambda o: o.bid_deadline),
        Column("admission", _("admission period"), sort="admission_from",
               export=lambda o: f"{o.admission_from:%Y-%m-%d} — {o.admission_until:%Y-%m-%d}"),
        Column("created_at", _("created at"), sort="created_at", export=lambda o: o.created_at.date()),
        Column("status", _("status"), sort="status", export=lambda o: o.get_status_display()),
    ]

    def optimise(self, queryset):
        return queryset.select_related("park")

    def can_create(self) -> bool:
        return services.can_run_procedures(self.actor)


class ProcedureDetail(ActorRequiredMixin, TemplateView):
    template_name = "contracts/procedure_detail.html"

    def get_context_data(self, **kwargs):
        procedure = services.get_procedure_for_user(self.actor, kwargs["pk"])
        actor = self.actor
        manage = services.can_manage_procedure(actor, procedure)
        bids = list(services.visible_bids(actor, procedure))
        is_agency = scope_for(actor).kind is ScopeKind.AGENCY
        ranking = []
        if procedure.kind == ProcedureKind.TENDER and not is_agency:  # a bidder never sees the others' bids
            results = {r.bid_id: r for r in services.tender_ranking(procedure)}
            ranking = [(bid, results.get(bid.pk)) for bid in bids]
            ranking.sort(key=lambda pair: pair[1].rank if pair[1] else 999)
        invitations = services.visible_invitations(actor, procedure)  # an invited agency: its own only
        # the park, the authorities above it and each admitted agency itself — not the other agencies
        admissions = Admission.objects.visible_to(actor).filter(procedure=procedure).select_related("agency")
        return super().get_context_data(
            object=procedure,
            items=procedure.service_items.all(),
            criteria=procedure.criteria.all(),
            bids=bids,
            ranking=ranking,
            invitations=invitations,
            admissions=admissions,
            contracts=Contract.objects.visible_to(actor).filter(procedure=procedure).select_related("enterprise", "agency"),
            manage=manage,
            is_owner=services.is_park_writer(actor, procedure.park_id),
            can_bid=services.can_bid(actor, procedure),
            can_answer={i.pk for i in invitations if services.can_answer_invitation(actor, i)},
            kinds=ProcedureKind,
            statuses=ProcedureStatus,
        )


class ProcedureFormView(ScopedFormView):
    template_name = "contracts/procedure_form.html"

    def get_object(self):
        return services.get_procedure_for_user(self.actor, self.kwargs["pk"]) if "pk" in self.kwargs else None

    @property
    def title(self):
        return _("Edit selection procedure") if self.object else _("New selection procedure")

    def allowed(self, obj) -> bool:
        if obj is None:
            return services.can_run_procedures(self.actor)
        return services.is_park_writer(self.actor, obj.park_id) and obj.status == ProcedureStatus.DRAFT

    def make_forms(self, obj, data=None, files=None):
        initial = {}
        if obj is None and self.request.GET.get("kind") in ProcedureKind.values:
            initial["kind"] = self.request.GET["kind"]
        return {"form": ProcedureForm(data, instance=obj, initial=initial, actor=self.actor)}

    def save(self, obj, forms):
        form = forms["form"]
        return services.save_procedure(self.actor, obj, model_data(form), service_items=form.cleaned_data["service_items"])

    def cancel_url(self, obj):
        return obj.get_absolute_url() if obj else reverse("contracts:procedure-list")


class ProcedureActions(ActionView):
    lookup = staticmethod(services.get_procedure_for_user)

    actions = {
        "open": (services.can_manage_procedure, services.open_procedure, _("The procedure is open.")),
        "close": (services.can_manage_procedure, services.close_bidding, _("Bidding is closed; the panel can score the bids.")),
        "cancel": (services.can_manage_procedure, services.cancel_procedure, _("The procedure is cancelled.")),
    }


class ProcedureStep(ScopedFormView):
    """A form on one procedure (criteria, invitation, bid, score sheet, award)."""

    template_name = "contracts/procedure_step.html"

    def get_object(self):
        return services.get_procedure_for_user(self.actor, self.kwargs["pk"])


class CriteriaView(ProcedureStep):
    title = _("Scoring criteria")

    def allowed(self, obj) -> bool:
        return (services.is_park_writer(self.actor, obj.park_id) and obj.status == ProcedureStatus.DRAFT
                and obj.kind == ProcedureKind.TENDER)

    def make_forms(self, obj, data=None, files=None):
        initial = [{"name": c.name, "weight": c.weight} for c in obj.criteria.all()]
        return {"form": CriterionFormSet(data, initial=initial or None, prefix="criteria")}

    def save(self, obj, forms):
        rows = [(f.cleaned_data["name"], f.cleaned_data["weight"]) for f in forms["form"]
                if f.cleaned_data and f.cleaned_data.get("name")]
        return services.set_criteria(self.actor, obj, rows)


class InviteView(ProcedureStep):
    title = _("Invite an agency")

    def allowed(self, obj) -> bool:
        return (services.can_manage_procedure(self.actor, obj) and obj.kind == ProcedureKind.INVITATION
                and obj.status in {ProcedureStatus.DRAFT, ProcedureStatus.OPEN})

    def make_forms(self, obj, data=None, files=None):
        return {"form": InviteForm(data, procedure=obj)}

    def save(self, obj, forms):
        services.invite_agency(self.actor, obj, forms["form"].cleaned_data["agency"])
        return obj


class InvitationAnswer(ScopedFormView):
    title = _("Answer the invitation")

    def get_object(self):
        # 404 for another agency's invitation, and for any invitation of a procedure still in draft
        invitations = Invitation.objects.visible_to(self.actor).select_related("procedure__park", "agency")
        return get_object_or_404(invitations, pk=self.kwargs["pk"])

    def allowed(self, obj) -> bool:
        return services.can_answer_invitation(self.actor, obj)

    def make_forms(self, obj, data=None, files=None):
        return {"form": AnswerForm(data)}

    def save(self, obj, forms):
        accept = self.request.POST.get("answer") == "accept"
        return services.answer_invitation(self.actor, obj, accept, forms["form"].cleaned_data["note"])

    def success_url(self, obj):
        return obj.procedure.get_absolute_url()

    def cancel_url(self, obj):
        return obj.procedure.get_absolute_url()

    def get_template_names(self):
        return ["contracts/invitation_answer.html"]


class BidView(ProcedureStep):
    title = _("Submit a bid")

    def allowed(self, obj) -> bool:
        return services.can_bid(self.actor, obj)

    def make_forms(self, obj, data=None, files=None):
        return {"form": BidForm(data, files)}

    def save(self, obj, forms):
        services.submit_bid(self.actor, obj, forms["form"].cleaned_data)
        return obj


class ScoreSheetView(ProcedureStep):
    title = _("Panel score sheet")

    def allowed(self, obj) -> bool:
        return services.is_park_writer(self.actor, obj.park_id) and obj.status == ProcedureStatus.EVALUATING

    def make_forms(self, obj, data=None, files=None):
        return {"form": ScoreSheetForm(data, procedure=obj)}

    def save(self, obj, forms):
        form = forms["form"]
        services.record_scores(self.actor, obj, form.cleaned_data["panel_member"], form.values())
        return obj


class AwardView(ProcedureStep):
    @property
    def title(self):
        return _("Appoint the agency") if self.object.kind == ProcedureKind.COMMISSION else _("Award")

    def allowed(self, obj) -> bool:
        if not services.can_manage_procedure(self.actor, obj):
            return False
        ready = {ProcedureKind.TENDER: ProcedureStatus.EVALUATING, ProcedureKind.INVITATION: ProcedureStatus.OPEN,
                 ProcedureKind.COMMISSION: ProcedureStatus.DRAFT}
        return obj.status == ready[obj.kind]

    def make_forms(self, obj, data=None, files=None):
        return {"form": AwardForm(data, procedure=obj)}

    def save(self, obj, forms):
        data = forms["form"].cleaned_data
        return services.award_procedure(self.actor, obj, data.get("agencies") or [], data.get("note", ""))


class ProcedureHistory(ScopedHistoryView):
    """A procedure's history. Every agency may see an announced tender, but its history holds every bid (price,
    proposal), the panel's scores, the invitations and admissions: the park running it and the authorities above
    it read it all; an agency reads the procedure's own entries since it was published and those of its own bid,
    invitation and admission (`services.procedure_history_entries`). Filtered rather than 404, since the agency may
    read the procedure itself."""

    lookup = staticmethod(services.get_procedure_for_user)
    visible_entries = staticmethod(services.procedure_history_entries)


class BidDocument(ActorRequiredMixin, View):
    """A bid's document, to whoever may see that bid (the park and authorities; the bidder itself) — never a
    public media address: bids are confidential until, and after, the award."""

    def get(self, request, pk: int, bid: int):
        procedure = services.get_procedure_for_user(self.actor, pk)
        found = services.visible_bids(self.actor, procedure).filter(pk=bid).first()
        if found is None or not found.document:
            raise Http404
        return FileResponse(found.document.open("rb"), as_attachment=True,
                            filename=found.document.name.rsplit("/", 1)[-1])
