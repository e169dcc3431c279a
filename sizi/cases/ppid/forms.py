"""Forms of the PPID channel."""

from __future__ import annotations

from typing import Any

from django import forms

from sizi.cases.ppid.models import (
    InformationRequest,
    Objection,
    PublicInformation,
    Requester,
)
from sizi.cases.ppid.rules import rules
from sizi.core.public_forms import PublicForm


class _RequestFields(forms.Form):
    kind = forms.ChoiceField(label="Jenis pemohon", choices=Requester.Kind.choices)
    name = forms.CharField(label="Nama lengkap", max_length=150)
    identity_number = forms.CharField(
        label="Nomor KTP/NIK (atau akta pendirian badan hukum)",
        max_length=40,
        help_text="Diwajibkan Perki 1/2021; tidak pernah ditampilkan di halaman publik.",
    )
    address = forms.CharField(label="Alamat", max_length=300)
    occupation = forms.CharField(label="Pekerjaan", max_length=100, required=False)
    phone = forms.CharField(label="Nomor telepon", max_length=30, required=False)
    email = forms.EmailField(label="Surel", required=False)
    information = forms.CharField(
        label="Rincian informasi yang dibutuhkan",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purpose = forms.CharField(
        label="Tujuan penggunaan informasi",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delivery = forms.ChoiceField(
        label="Cara mendapatkan salinan informasi",
        choices=InformationRequest.Delivery.choices,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", "Isi nomor telepon atau surel.")
        if cleaned.get(
            "delivery"
        ) == InformationRequest.Delivery.EMAIL and not cleaned.get("email"):
            self.add_error("email", "Isi surel untuk menerima salinan lewat surel.")
        return cleaned


class PublicRequestForm(PublicForm, _RequestFields):
    """The citizen's information request (honeypot included)."""


class RegisterRequestForm(_RequestFields):
    channel = forms.ChoiceField(
        label="Cara permohonan",
        choices=[
            c
            for c in InformationRequest.Channel.choices
            if c[0] != InformationRequest.Channel.WEB
        ],
    )
    received_on = forms.DateField(
        label="Tanggal diterima", widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["channel", "received_on"]


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label="Alasan perpanjangan (tertulis)",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan",
        choices=[c for c in InformationRequest.Decision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    exception_ground = forms.ChoiceField(
        label="Dasar pengecualian (untuk ditolak/sebagian)", required=False, choices=()
    )
    answer = forms.CharField(
        label="Isi pemberitahuan tertulis",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exception_ground"].choices = [("", "—"), *rules().ground_choices()]  # type: ignore[attr-defined]


class ObjectionForm(forms.Form):
    reason = forms.ChoiceField(
        label="Alasan keberatan (Pasal 35)", choices=Objection.Reason.choices
    )
    statement = forms.CharField(
        label="Uraian keberatan",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublicObjectionForm(PublicForm, ObjectionForm):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)


class ObjectionDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Putusan",
        choices=[c for c in Objection.Outcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label="Tanggapan tertulis Atasan PPID",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicInformationForm(forms.ModelForm):  # type: ignore[type-arg]
    url = forms.URLField(
        label="Tautan", required=False, max_length=500, assume_scheme="https"
    )
    exception_ground = forms.ChoiceField(
        label="Dasar pengecualian (untuk informasi dikecualikan)",
        required=False,
        choices=(),
    )

    class Meta:
        model = PublicInformation
        fields = [
            "category",
            "title",
            "summary",
            "official",
            "form",
            "period",
            "retention",
            "url",
            "exception_ground",
            "published",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exception_ground"].choices = [("", "—"), *rules().ground_choices()]  # type: ignore[attr-defined]
