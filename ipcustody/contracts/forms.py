"""Contracts forms: choices limited to what the actor may see or choose; rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.forms import DateInput
from ipcustody.core.scoping import scope_for
from ipcustody.directory.models import Agency, Enterprise, IndustrySegment, ServiceItem

from . import services
from .models import Contract, MatchingEvent, Need, Offering, Procedure, ProcedureKind


class ItemsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, label=_("service items"), required=False, **kwargs):
        super().__init__(queryset=ServiceItem.objects.all(), label=label, required=required, **kwargs)

    def label_from_instance(self, obj):
        marks = []
        if obj.is_consulting:
            marks.append(str(_("consulting")))
        if obj.requires_patent_licence:
            marks.append(str(_("needs patent licence")))
        return f"{obj} ({'、'.join(marks)})" if marks else str(obj)


class ContractForm(forms.ModelForm):
    service_items = ItemsField(help_text=_("Full custody takes every item automatically. Advisory custody: consulting "
                                           "items only. Single-item custody: at least one item."))
    staff = forms.ModelMultipleChoiceField(
        label=_("agency staff serving"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Staff and administrators of the chosen agency."),
    )

    class Meta:
        model = Contract
        fields = ["enterprise", "agency", "procedure", "custody_form", "start_date", "end_date", "fee", "payer",
                  "confidentiality", "confidentiality_terms", "notes"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(),
                   "confidentiality_terms": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        park_id = scope_for(actor).park_id
        self.fields["enterprise"].queryset = services.enterprise_choices(actor)
        agencies = services.contract_agencies(park_id)
        if self.instance.pk and self.instance.agency_id:
            agencies = agencies | Agency.objects.filter(pk=self.instance.agency_id)
        self.fields["agency"].queryset = agencies.distinct().order_by("name")
        self.fields["agency"].help_text = _("Agencies admitted to the park by a selection procedure. Patent items "
                                            "need an agency with a patent agency licence.")
        self.fields["procedure"].queryset = Procedure.objects.visible_to(actor).filter(status="awarded")
        self.fields["staff"].queryset = services.agency_staff(agencies.values_list("pk", flat=True))
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        if self.instance.pk:
            self.initial["service_items"] = list(self.instance.service_items.values_list("pk", flat=True))
            self.initial["staff"] = list(self.instance.staff.values_list("pk", flat=True))
            del self.fields["enterprise"]  # the parties of a draft are fixed once it exists
            if self.instance.amends_id:
                del self.fields["agency"]


class TerminateForm(forms.Form):
    terminated_on = forms.DateField(label=_("last day of custody"), widget=DateInput(),
                                    help_text=_("The agency loses access to the enterprise's data the day after."))
    reason = forms.CharField(label=_("reason for termination"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"terminated_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ProcedureForm(forms.ModelForm):
    service_items = ItemsField(required=True)

    class Meta:
        model = Procedure
        fields = ["kind", "title", "service_items", "description", "bid_deadline", "admission_from", "admission_until",
                  "appointed_agency", "justification"]
        widgets = {"bid_deadline": DateInput(), "admission_from": DateInput(), "admission_until": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 4}), "justification": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_agency"].queryset = services.eligible_agencies()
        self.fields["bid_deadline"].help_text = _("Tender only.")
        if self.instance.pk:
            self.initial["service_items"] = list(self.instance.service_items.values_list("pk", flat=True))
            del self.fields["kind"]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("criterion"), max_length=100)
    weight = forms.IntegerField(label=_("weight (%)"), min_value=1, max_value=100)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=3, max_num=12, validate_max=True)


class InviteForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency to invite"), queryset=Agency.objects.none())

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        invited = procedure.invitations.values("agency_id")
        self.fields["agency"].queryset = services.eligible_agencies().exclude(pk__in=invited)


class AnswerForm(forms.Form):
    note = forms.CharField(label=_("answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BidForm(forms.Form):
    price = forms.DecimalField(label=_("price offered (yuan per year)"), min_value=0, max_digits=12, decimal_places=2)
    proposal = forms.CharField(label=_("proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("bid document"), required=False,
                               help_text=_("PDF, Word or a scan of the signed bid (up to 20 MB)."))

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The document is larger than 20 MB."))
        return document


class ScoreSheetForm(forms.Form):
    """One panel member's sheet: a field per bid × criterion."""

    panel_member = forms.CharField(label=_("panel member"), max_length=60)

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        criteria = list(procedure.criteria.all())  # once, not once per bid
        for bid in procedure.bids.select_related("agency"):
            for criterion in criteria:
                name = f"s_{bid.pk}_{criterion.pk}"
                self.fields[name] = forms.DecimalField(
                    label=f"{bid.agency} · {criterion.name}", min_value=0, max_value=100, decimal_places=2,
                    required=True,
                )
                self.cells.append((bid, criterion, name))

    def rows(self):
        return [(bid, criterion, self[name]) for bid, criterion, name in self.cells]

    def values(self) -> dict:
        return {(bid.pk, criterion.pk): self.cleaned_data[name] for bid, criterion, name in self.cells}


class AwardForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(label=_("agencies selected"), queryset=Agency.objects.none(),
                                              widget=forms.CheckboxSelectMultiple, required=False)
    note = forms.CharField(label=_("award decision"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = services.award_candidates(procedure)
        if procedure.kind == ProcedureKind.COMMISSION:
            del self.fields["agencies"]


class NeedForm(forms.ModelForm):
    service_items = ItemsField(label=_("service items needed"), required=True)

    class Meta:
        model = Need
        fields = ["enterprise", "title", "service_items", "description", "urgency", "open_to_market"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        enterprises = services.need_enterprises(actor)
        if self.instance.pk or enterprises.count() == 1 and scope_for(actor).enterprise_id:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprises
        if self.instance.pk:
            self.initial["service_items"] = list(self.instance.service_items.values_list("pk", flat=True))


class OfferingForm(forms.ModelForm):
    service_items = ItemsField(label=_("service items offered"), required=True)
    segments = forms.ModelMultipleChoiceField(label=_("industry experience"), required=False,
                                              queryset=IndustrySegment.objects.filter(is_active=True),
                                              widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Offering
        fields = ["title", "service_items", "segments", "experience", "staff_count", "capacity", "price_min",
                  "price_max"]
        widgets = {"experience": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["service_items"] = list(self.instance.service_items.values_list("pk", flat=True))
            self.initial["segments"] = list(self.instance.segments.values_list("pk", flat=True))


class EventForm(forms.ModelForm):
    enterprises = forms.ModelMultipleChoiceField(label=_("enterprises attending"), queryset=Enterprise.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    agencies = forms.ModelMultipleChoiceField(label=_("agencies attending"), queryset=Agency.objects.none(),
                                              required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = MatchingEvent
        fields = ["title", "held_on", "place", "enterprises", "agencies", "summary"]
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = Enterprise.objects.visible_to(actor).filter(
            park_id=scope_for(actor).park_id).order_by("name")
        self.fields["agencies"].queryset = services.eligible_agencies()
        if self.instance.pk:
            self.initial["enterprises"] = list(self.instance.enterprises.values_list("pk", flat=True))
            self.initial["agencies"] = list(self.instance.agencies.values_list("pk", flat=True))
