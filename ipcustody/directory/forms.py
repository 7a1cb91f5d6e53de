"""Directory forms: labels and help come from the models; choices are limited to what the actor may see."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from ipcustody.core.actor import Actor
from ipcustody.core.forms import DateInput

from . import credit_code, services
from .models import Agency, Authority, AuthorityLevel, Contact, Enterprise, IndustrySegment, Park, ServiceItem


class AuthorityForm(forms.ModelForm):
    class Meta:
        model = Authority
        fields = ["name", "level", "parent", "region", "is_active"]

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Authority.objects.filter(level=AuthorityLevel.CITY)
        if not services.can_create_authority(actor):
            # an authority's own admin edits its profile, not its place in the hierarchy
            for name in ("level", "parent", "is_active"):
                del self.fields[name]


class ParkForm(forms.ModelForm):
    class Meta:
        model = Park
        fields = ["name", "park_kind", "district", "address", "contact_phone", "is_active"]

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Authority.objects.visible_to(actor).filter(level=AuthorityLevel.DISTRICT)
        if not services.can_create_park(actor):
            del self.fields["district"]
            del self.fields["is_active"]


class AgencyForm(forms.ModelForm):
    service_items = forms.ModelMultipleChoiceField(
        label=_("service items offered"),
        queryset=ServiceItem.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Agency
        fields = [
            "name", "agency_kind", "licence_number", "is_branch", "registered_attorneys",
            "address", "contact_phone", "is_active",
        ]

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["service_items"] = list(self.instance.service_items.values_list("pk", flat=True))
        if not services.can_create_agency(actor):
            del self.fields["is_active"]


class CreditCodeField(forms.CharField):
    """Accepts codes pasted with spaces or in lower case; validation then sees the normalised code."""

    def to_python(self, value):
        return credit_code.normalise(super().to_python(value))


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name", "credit_code", "park", "segment", "size", "ip_staff_count", "established_on", "address", "is_active",
        ]
        widgets = {"established_on": DateInput()}
        field_classes = {"credit_code": CreditCodeField}

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        parks = Park.objects.visible_to(actor)
        self.fields["park"].queryset = parks
        self.fields["segment"].queryset = IndustrySegment.objects.filter(is_active=True)
        if not services.can_move_enterprise(actor):
            del self.fields["park"]
            del self.fields["is_active"]
        elif parks.count() == 1 and not self.instance.pk:
            self.fields["park"].initial = parks.first()


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "phone", "email", "is_primary"]


ContactFormSet = inlineformset_factory(
    Enterprise, Contact, form=ContactForm, extra=1, can_delete=True, max_num=20, validate_max=True
)


class AgencyStatusForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, help_text=_("Recorded in the agency's history."))
