"""Archive forms: one asset form whose fields follow the kind, an event form, an attachment and an import form."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.forms import DateInput

from . import services
from .models import PATENT_KINDS, Asset, AssetAttachment, AssetEvent, AssetKind, EventKind
from .validation import parse_priority_claims

COMMON = ["owner", "title", "number", "right_holders"]
PATENT = ["filing_date", "publication_number", "publication_date", "grant_number", "grant_date", "inventors",
          "classes", "abstract", "priority_claims", "pct_application_number", "pct_publication_number",
          "pct_entry_date", "fee_reduction"]
TRADEMARK = ["filing_date", "publication_date", "grant_date", "nice_classes", "goods_services"]
OTHER = ["filing_date", "grant_date"]
SECRET = ["owner", "title", "custodian", "protection_measures", "review_date"]
TAIL = ["responsible_staff", "notes"]


def fields_for(kind: str) -> list[str]:
    if kind == AssetKind.TRADE_SECRET:
        return SECRET + TAIL
    if kind in PATENT_KINDS:
        return COMMON + PATENT + TAIL
    if kind == AssetKind.TRADEMARK:
        return COMMON + TRADEMARK + TAIL
    return COMMON + OTHER + TAIL


class PriorityClaimsField(forms.CharField):
    """"US 16/123,456 2019-05-01；EP 19123456.7 2019-06-01" ↔ a list of {country, number, date}."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        kwargs.setdefault("help_text", _("One claim per line or separated by ；: country code, number, date (YYYY-MM-DD)."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "；".join(f"{c['country']} {c['number']} {c['date']}" for c in value)
        return value

    def to_python(self, value):
        claims, problem = parse_priority_claims(super().to_python(value) or "")
        if problem:
            raise forms.ValidationError(problem)
        return claims


class AssetForm(forms.ModelForm):
    class Meta:
        model = Asset
        fields = sorted(set(COMMON + PATENT + TRADEMARK + OTHER + SECRET + TAIL))
        widgets = {
            "filing_date": DateInput(), "publication_date": DateInput(), "grant_date": DateInput(),
            "pct_entry_date": DateInput(), "review_date": DateInput(),
            "abstract": forms.Textarea(attrs={"rows": 4}), "goods_services": forms.Textarea(attrs={"rows": 3}),
            "protection_measures": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3}),
            "responsible_staff": forms.CheckboxSelectMultiple,
        }
        field_classes = {"priority_claims": PriorityClaimsField}
        help_texts = {"priority_claims": _("Country code, number and date (YYYY-MM-DD); separate claims with ；")}

    def __init__(self, *args, actor: Actor, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = fields_for(kind)
        self.fields = {name: self.fields[name] for name in wanted if name in self.fields}
        self.order_fields(wanted)
        self.fields["owner"].queryset = services.writable_enterprises(actor).only("pk", "name")
        if self.instance.pk:
            owner_ids = [self.instance.owner_id]
        else:
            owner_ids = list(self.fields["owner"].queryset.values_list("pk", flat=True))
            if len(owner_ids) == 1:
                self.fields["owner"].initial = owner_ids[0]
        staff = Q(pk__in=services.eligible_staff(owner_ids).values("pk"))
        if self.instance.pk:  # keep those assigned earlier visible, so saving does not silently drop them
            staff |= Q(pk__in=self.instance.responsible_staff.values("pk"))
        self.fields["responsible_staff"].queryset = get_user_model().objects.filter(staff).order_by("username")
        self.fields["responsible_staff"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        if kind == AssetKind.TRADE_SECRET:
            self.fields["title"].help_text = _("A short name only; never write the secret itself here.")
            self.fields["responsible_staff"].help_text = _(
                "Only these agency users (and the enterprise itself) may see this trade secret; each view is logged."
            )
        if kind in PATENT_KINDS:
            self.fields["classes"].label = _("Locarno classes") if kind == AssetKind.DESIGN else _("IPC classes")


class EventForm(forms.ModelForm):
    class Meta:
        model = AssetEvent
        fields = ["kind", "date", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # key-date events follow the asset's dates; they are entered on the asset
            self.fields["kind"].choices = [c for c in EventKind.choices if c[0] not in {"filed", "published", "granted"}]


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = AssetAttachment
        fields = ["file", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class ImportForm(forms.Form):
    file = forms.FileField(label=_("file"), help_text=_(".xlsx or .csv with the template's columns"))
    owner = forms.ModelChoiceField(
        label=_("enterprise"), queryset=None, required=False, empty_label=_("As given in the credit-code column"),
        help_text=_("Rows without a credit code go to this enterprise."),
    )

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = services.writable_enterprises(actor).only("pk", "name", "credit_code")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
