"""Forms of the units app: the only way input reaches its services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from sizi.core.audit_labels import ACTION_LABELS
from sizi.units.models import Membership, User


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"

    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil.",
        "inactive": "Akun ini tidak aktif.",
    }


class SurelPasswordResetForm(PasswordResetForm):
    """Django's reset form, its field named as everywhere else in SIZI ("Surel")."""

    email = forms.EmailField(
        label="Surel",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label="Pelaku",
        queryset=User.objects.none(),
        required=False,
        empty_label="Semua",
    )
    action = forms.ChoiceField(label="Aksi", required=False)
    date_from = forms.DateField(
        label="Dari tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label="Sampai tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self, *args: Any, actors: Any, actions: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        actor_field = self.fields["actor"]
        if isinstance(actor_field, forms.ModelChoiceField):
            actor_field.queryset = actors
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)  # noqa: S101 (narrowing)
        action_field.choices = [("", "Semua")] + [
            (a, ACTION_LABELS.get(a, a)) for a in actions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError("Tanggal awal harus sebelum tanggal akhir.")
        return data


USERNAME_VALIDATOR = RegexValidator(
    r"^[\w.@+-]+\Z",
    "Nama pengguna hanya boleh berisi huruf, angka, dan tanda . @ + - _ "
    "(tanpa spasi), misalnya pic.tanjabbar.",
)


class InviteMemberForm(forms.Form):
    # The same characters as Django's user name rule, so that names like the
    # demo's "pic.tanjabbar" are accepted.
    username = forms.CharField(
        label="Nama pengguna", max_length=150, validators=[USERNAME_VALIDATOR]
    )
    full_name = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="Surel")
    position = forms.CharField(label="Jabatan", max_length=150, required=False)
    role = forms.ChoiceField(label="Peran di unit ini")

    def __init__(self, *args: Any, allowed_roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        if isinstance(role_field, forms.ChoiceField):
            role_field.choices = [
                (role, Membership.Role(role).label) for role in allowed_roles
            ]


class EmailPreferenceForm(forms.Form):
    notification_email = forms.ChoiceField(
        label="Surel notifikasi",
        choices=User.EmailPreference.choices,
        widget=forms.RadioSelect,
        help_text="Notifikasi selalu tampil di lonceng SIZI; pilihan ini hanya "
        "mengatur surelnya.",
    )
