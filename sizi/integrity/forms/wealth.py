"""Forms of the LHKPN / LHKASN compliance register."""

from __future__ import annotations

from typing import Any

from django import forms

from sizi.integrity.models import WealthReportCompliance

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WealthEntryForm(forms.ModelForm[WealthReportCompliance]):
    class Meta:
        model = WealthReportCompliance
        fields = ["obligation", "category", "reported_on", "receipt_number", "note"]
        widgets = {"reported_on": DATE_WIDGET}


class YearForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int, choices=())

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tahun"]
        if isinstance(field, forms.TypedChoiceField):
            field.choices = [(y, str(y)) for y in years]
