"""The coordinator's form for the unit's public page."""

from __future__ import annotations

from django import forms


class PublicInfoForm(forms.Form):
    pledge_text = forms.CharField(
        label="Maklumat pelayanan",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    pledge_file = forms.FileField(
        label="Berkas maklumat pelayanan (PDF, opsional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
    standard_text = forms.CharField(
        label="Standar pelayanan",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    standard_file = forms.FileField(
        label="Berkas standar pelayanan (PDF, opsional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
