"""Form pieces every app uses."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, always exchanging YYYY-MM-DD (UI.md's date format)."""

    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def model_data(form: forms.ModelForm) -> dict:
    """The cleaned values of the model's own (non-m2m) fields present on the form, for a service call."""
    names = {f.name for f in form._meta.model._meta.concrete_fields}
    return {k: v for k, v in form.cleaned_data.items() if k in names}
