from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=80, help_text=_("What the token is for, e.g. \"agency docketing sync\"."))
    membership = forms.ModelChoiceField(label=_("Acts for"), queryset=Membership.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(
            user=user, is_active=True, organisation__is_active=True
        ).select_related("organisation")
