"""Forms of the statement campaigns, declared conflicts and the CoI map."""

from __future__ import annotations

from typing import Any

from django import forms

from sizi.integrity.models import (
    ConflictEvaluation,
    ConflictMapEntry,
    Signature,
    StatementKind,
)
from sizi.integrity.services.conflict import Declaration
from sizi.units.models import Unit, User

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis pernyataan", choices=StatementKind.choices)
    title = forms.CharField(label="Judul kampanye", max_length=200)
    year = forms.TypedChoiceField(label="Tahun", coerce=int, choices=())
    due_date = forms.DateField(label="Batas penandatanganan", widget=DATE_WIDGET)
    body = forms.CharField(
        label="Teks pernyataan",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mengubah teks membuat versi baru; kampanye menyimpan versi yang ditandatangani.",
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        if isinstance(field, forms.TypedChoiceField):
            field.choices = [(y, str(y)) for y in years]


class SignForm(forms.Form):
    """The member's signature; for a CoI statement, with the declaration."""

    agree = forms.BooleanField(
        label="Saya telah membaca dan menyetujui pernyataan di atas", required=True
    )
    declaration = forms.ChoiceField(
        label="Pernyataan saya",
        choices=Signature.Declaration.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    conflict_type = forms.ChoiceField(
        label="Jenis benturan kepentingan",
        choices=[("", "—"), *Signature.ConflictType.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label="Sumber benturan kepentingan",
        choices=[("", "—"), *Signature.Source.choices],
        required=False,
    )
    nature = forms.CharField(
        label="Uraian benturan kepentingan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    superior = forms.ModelChoiceField(
        label="Atasan langsung", queryset=User.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, unit: Unit, user: User, is_coi: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not is_coi:
            for name in (
                "declaration",
                "conflict_type",
                "source",
                "nature",
                "superior",
            ):
                del self.fields[name]
            return
        field = self.fields["superior"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = (
                User.objects.filter(memberships__unit=unit, is_active=True)
                .exclude(pk=user.pk)
                .distinct()
                .order_by("full_name", "username")
            )

    def declaration_data(self) -> Declaration:
        data = self.cleaned_data
        return Declaration(
            declaration=data.get("declaration", ""),
            conflict_type=data.get("conflict_type", ""),
            source=data.get("source", ""),
            nature=data.get("nature", ""),
            superior=data.get("superior"),
        )


class ConflictDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Keputusan", choices=Signature.Decision.choices)
    decided_on = forms.DateField(label="Tanggal keputusan", widget=DATE_WIDGET)
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MapEntryForm(forms.ModelForm[ConflictMapEntry]):
    class Meta:
        model = ConflictMapEntry
        fields = ["duty", "situation", "source", "level", "control"]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 2}),
            "control": forms.Textarea(attrs={"rows": 2}),
        }


class EvaluationForm(forms.ModelForm[ConflictEvaluation]):
    class Meta:
        model = ConflictEvaluation
        fields = ["period", "evaluated_on", "findings", "follow_up"]
        widgets = {
            "evaluated_on": DATE_WIDGET,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label="Tanggal selesai", widget=DATE_WIDGET)
    note = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
