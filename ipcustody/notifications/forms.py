from __future__ import annotations

from django import forms

from .models import ChannelConfig


class ChannelConfigForm(forms.ModelForm):
    class Meta:
        model = ChannelConfig
        fields = ["channel", "name", "webhook_url", "signing_secret", "is_active"]
        widgets = {"signing_secret": forms.PasswordInput(render_value=True)}
