"""The form that creates an API token."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Nama token",
        max_length=100,
        help_text="Untuk apa token ini, misalnya 'Sinkronisasi SIMPEG'.",
    )
    expires_on = forms.DateField(
        label="Berlaku sampai",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Kosongkan bila tidak kedaluwarsa; token dapat dicabut kapan saja.",
    )
