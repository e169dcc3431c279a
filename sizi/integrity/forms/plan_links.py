"""Form fields that link integrity work to the unit's Rencana Aksi."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sizi.core.numbers import BoundedModelMultipleChoiceField
from sizi.evidence.forms import step_label, unit_steps
from sizi.plans.models import ActionStep, Indicator, LkeArea
from sizi.units.models import Unit


class IndicatorChoiceField(forms.ModelChoiceField[Indicator]):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.component.name[:40]} › {obj.text[:70]}"


class StepChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: ActionStep) -> str:
        return step_label(obj)


def oversight_indicators(unit: Unit, year: int) -> QuerySet[Indicator]:
    """Indicators of Area V (Penguatan Pengawasan) of the unit's plan for the year."""
    return (
        Indicator.objects.filter(
            component__area__plan__unit=unit,
            component__area__plan__year=year,
            component__area__lke_area=LkeArea.PW,
        )
        .select_related("component")
        .order_by("component__order", "order")
    )


class FileDocumentForm(forms.Form):
    """Filing a generated document: its format and the plan steps it supports."""

    format = forms.ChoiceField(
        choices=[("pdf", "PDF"), ("xlsx", "XLSX")], required=False
    )
    steps = StepChoiceField(
        label="Langkah aksi yang didukung",
        queryset=ActionStep.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["steps"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = unit_steps(unit).filter(
                indicator__component__area__lke_area=LkeArea.PW
            )

    def chosen_steps(self) -> list[ActionStep]:
        return list(self.cleaned_data.get("steps") or []) if self.is_valid() else []
