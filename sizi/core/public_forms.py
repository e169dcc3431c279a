"""What every public (no sign-in) form shares: a honeypot field.

A person never sees or fills the ``situs_web`` field (it is hidden by CSS and
from screen readers and skipped by the keyboard); a bot that fills every field
does, and its submission is refused with a neutral message. CSRF, rate limits
and size limits are the views' part.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

HONEYPOT_FIELD = "situs_web"


class PublicForm(forms.Form):
    """A form for citizens: adds the honeypot; subclasses add their fields."""

    situs_web = forms.CharField(
        label="Jangan diisi",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get(HONEYPOT_FIELD):
            raise ValidationError(
                "Formulir tidak dapat dikirim. Muat ulang halaman lalu coba lagi.",
                code="honeypot",
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        """Return True when the honeypot was filled (after is_valid())."""
        return any(e.code == "honeypot" for e in self.non_field_errors().as_data())
