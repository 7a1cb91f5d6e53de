from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcustody.core.forms import DateInput

from .models import WarningPolicy


class MarkDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), help_text=_("E.g. the payment date on the receipt."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    evidence = forms.FileField(
        label=_("Evidence"), required=False, help_text=_("The payment receipt, the filed response … (PDF or image)")
    )

    def __init__(self, *args, evidence_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()
        self.fields["evidence"].required = evidence_required

    def clean_done_on(self):
        value = self.cleaned_data["done_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class PolicyForm(forms.ModelForm):
    class Meta:
        model = WarningPolicy
        fields = ["thresholds", "include_opportunities"]
