"""Forms of the gratification reports and the UPG."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from sizi.core.numbers import NumberField
from sizi.integrity.forms.plan_links import IndicatorChoiceField, oversight_indicators
from sizi.integrity.models import GratificationReport
from sizi.integrity.services.gratification import ReportData
from sizi.plans.models import Indicator
from sizi.units.models import Unit, User

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Rp100 miliar: far above any gift, small enough to stay a sane number.
MAX_VALUE = 100_000_000_000


class ReportForm(forms.ModelForm[GratificationReport]):
    """An employee's report of a gratification received or refused."""

    estimated_value = NumberField(
        label="Perkiraan nilai (Rp)",
        integer=True,
        min_value=0,
        max_value=MAX_VALUE,
        help_text="Tulis 0 bila tidak diketahui. Nilai di bawah batas wajib lapor "
        "tetap diterima; SIZI menjelaskan batas yang berlaku.",
    )

    class Meta:
        model = GratificationReport
        fields = [
            "kind",
            "received_on",
            "giver_name",
            "giver_relation",
            "event",
            "event_description",
            "gift_type",
            "description",
            "estimated_value",
            "place",
            "object_location",
        ]
        widgets = {
            "received_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_received_on(self) -> Any:
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("Tanggal tidak boleh sesudah hari ini.")
        return value

    def report_data(self) -> ReportData:
        data = self.cleaned_data
        return ReportData(**{name: data[name] for name in self.Meta.fields})


class CompletionRequestForm(forms.Form):
    completion_note = forms.CharField(
        label="Apa yang harus dilengkapi", widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(forms.Form):
    kpk_reference = forms.CharField(label="Nomor laporan KPK/GOL", max_length=100)
    forwarded_on = forms.DateField(label="Tanggal diteruskan", widget=DATE_WIDGET)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Penetapan KPK", choices=GratificationReport.Decision.choices
    )
    decided_on = forms.DateField(label="Tanggal penetapan", widget=DATE_WIDGET)
    reference = forms.CharField(
        label="Nomor SK penetapan", max_length=100, required=False
    )


class HandoverForm(forms.Form):
    handed_over_on = forms.DateField(label="Tanggal penyerahan", widget=DATE_WIDGET)
    note = forms.CharField(
        label="Keterangan penyerahan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UpgMemberForm(forms.Form):
    user = forms.ModelChoiceField(label="Pegawai", queryset=User.objects.none())
    decree = forms.CharField(label="Nomor SK UPG", max_length=120, required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = (
                User.objects.filter(memberships__unit=unit, is_active=True)
                .exclude(upg_memberships__unit=unit)
                .distinct()
                .order_by("full_name", "username")
            )


class RecapForm(forms.Form):
    """The period of the UPG report: a year, or one quarter of it."""

    year = forms.TypedChoiceField(label="Tahun", coerce=int, choices=())
    quarter = forms.TypedChoiceField(
        label="Periode",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            (0, "Satu tahun"),
            (1, "Triwulan I"),
            (2, "Triwulan II"),
            (3, "Triwulan III"),
            (4, "Triwulan IV"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        field = self.fields["year"]
        if isinstance(field, forms.TypedChoiceField):
            field.choices = [(y, str(y)) for y in range(this_year, this_year - 6, -1)]


class PublicCampaignForm(forms.Form):
    """A P.5.i public-campaign item planned as a step of the Rencana Aksi."""

    text = forms.CharField(
        label="Kegiatan kampanye publik",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Public campaign pengendalian gratifikasi (e-banner, media sosial, "
        "sosialisasi kepada pengguna layanan)",
    )
    pic = forms.ModelChoiceField(label="Penanggung jawab", queryset=User.objects.none())
    indicator = IndicatorChoiceField(
        label="Indikator Rencana Aksi (Area V)", queryset=Indicator.objects.none()
    )

    def __init__(self, *args: Any, unit: Unit, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pic = self.fields["pic"]
        if isinstance(pic, forms.ModelChoiceField):
            pic.queryset = (
                User.objects.filter(memberships__unit=unit, is_active=True)
                .distinct()
                .order_by("full_name", "username")
            )
        indicator = self.fields["indicator"]
        if isinstance(indicator, forms.ModelChoiceField):
            indicator.queryset = oversight_indicators(unit, year)


class ValueCheckForm(forms.Form):
    """The fields the live threshold explanation reads (all optional but the date)."""

    received_on = forms.DateField()
    event = forms.ChoiceField(choices=GratificationReport.Event.choices)
    giver_relation = forms.ChoiceField(choices=GratificationReport.Relation.choices)
    gift_type = forms.ChoiceField(choices=GratificationReport.GiftType.choices)
    estimated_value = NumberField(
        label="Perkiraan nilai (Rp)",
        integer=True,
        min_value=0,
        max_value=MAX_VALUE,
        required=False,
    )
