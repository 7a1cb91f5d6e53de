from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChannelConfig


class ChannelConfigForm(forms.ModelForm):
    webhook_url = forms.URLField(label=_("webhook address"), max_length=500, assume_scheme="https")

    class Meta:
        model = ChannelConfig
        fields = ["channel", "name", "webhook_url", "signing_secret", "is_active"]
        widgets = {"signing_secret": forms.PasswordInput(render_value=True)}
