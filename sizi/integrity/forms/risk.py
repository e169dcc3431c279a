"""Forms of the SPIP risk register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sizi.integrity.forms.plan_links import IndicatorChoiceField, oversight_indicators
from sizi.integrity.models import Risk, RiskMonitoring
from sizi.integrity.services.risk import RiskData
from sizi.integrity.spip_rules import risk_rules
from sizi.plans.models import Indicator
from sizi.units.models import Unit, User

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unit_members(unit: Unit) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__unit=unit, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def _score_field(
    label: str, scale: tuple[tuple[int, str], ...]
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=[(v, f"{v} — {text}") for v, text in scale]
    )


class RiskForm(forms.Form):
    objective = forms.CharField(label="Sasaran / kegiatan", max_length=300)
    statement = forms.CharField(
        label="Pernyataan risiko", widget=forms.Textarea(attrs={"rows": 2})
    )
    cause = forms.CharField(label="Penyebab", widget=forms.Textarea(attrs={"rows": 2}))
    effect = forms.CharField(label="Dampak", widget=forms.Textarea(attrs={"rows": 2}))
    element = forms.ChoiceField(label="Unsur SPIP")
    existing_controls = forms.CharField(
        label="Pengendalian yang ada",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ModelChoiceField(label="Pemilik risiko", queryset=User.objects.none())

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = risk_rules()
        element = self.fields["element"]
        if isinstance(element, forms.ChoiceField):
            element.choices = [(e.key, e.label) for e in rules.elements]
        owner = self.fields["owner"]
        if isinstance(owner, forms.ModelChoiceField):
            owner.queryset = unit_members(unit)
        self.fields["likelihood"] = _score_field(
            "Kemungkinan (inheren)", rules.likelihood
        )
        self.fields["impact"] = _score_field("Dampak (inheren)", rules.impact)
        self.fields["residual_likelihood"] = _score_field(
            "Kemungkinan (residual)", rules.likelihood
        )
        self.fields["residual_impact"] = _score_field("Dampak (residual)", rules.impact)

    @classmethod
    def initial_for(cls, risk: Risk) -> dict[str, Any]:
        return {name: getattr(risk, name) for name in RiskData.__dataclass_fields__}

    def risk_data(self) -> RiskData:
        return RiskData(
            **{name: self.cleaned_data[name] for name in RiskData.__dataclass_fields__}
        )


class ControlActionForm(forms.Form):
    text = forms.CharField(
        label="Rencana tindak pengendalian", widget=forms.Textarea(attrs={"rows": 2})
    )
    pic = forms.ModelChoiceField(label="Penanggung jawab", queryset=User.objects.none())
    target_date = forms.DateField(label="Target waktu", widget=DATE_WIDGET)
    indicator = IndicatorChoiceField(
        label="Jadikan langkah pada indikator Rencana Aksi",
        queryset=Indicator.objects.none(),
        required=False,
        help_text="Langkah baru dimiliki penanggung jawab dan tampil di Pekerjaan saya.",
    )

    def __init__(self, *args: Any, unit: Unit, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pic = self.fields["pic"]
        if isinstance(pic, forms.ModelChoiceField):
            pic.queryset = unit_members(unit)
        indicator = self.fields["indicator"]
        if isinstance(indicator, forms.ModelChoiceField):
            indicator.queryset = oversight_indicators(unit, year)


class MonitoringForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label="Triwulan",
        coerce=int,
        choices=[
            (1, "Triwulan I"),
            (2, "Triwulan II"),
            (3, "Triwulan III"),
            (4, "Triwulan IV"),
        ],
    )
    status = forms.ChoiceField(
        label="Realisasi RTP", choices=RiskMonitoring.Status.choices
    )
    note = forms.CharField(
        label="Keterangan / hasil pemantauan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    occurred = forms.BooleanField(
        label="Risiko terjadi pada triwulan ini", required=False
    )
