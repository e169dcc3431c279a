"""The step picker: a search-as-you-type widget for choosing action steps.

A unit can hold hundreds of steps; a <select> of all of them made every form
that picks one grow with the plan (209 KB of options at 10x data). The picker
renders only the chosen steps (checked) and a search box; the matches come
from `plans:step_search` (htmx) as boxes of the same name. The field stays a
model choice field over the unit's steps, so validation is unchanged.

Matches are grouped under their area and komponen (plan order) and every
option shows the komponen code and the step's full text, never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse

from sizi.plans.codes import component_code
from sizi.plans.models import ActionStep
from sizi.units.models import Unit

MATCH_LIMIT = 20
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def valid_field_name(name: str) -> bool:
    """Return whether `name` may name the inputs a search returns."""
    return bool(_NAME.match(name))


def picker_steps(unit: Unit) -> QuerySet[ActionStep]:
    """Return the unit's steps in plan order, with what their labels show."""
    return (
        ActionStep.objects.for_unit(unit)
        .select_related("indicator__component__area__plan")
        .order_by(
            "-indicator__component__area__plan__year",
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
        )
    )


def search_steps(
    unit: Unit, text: str, *, year: int | None = None, limit: int = MATCH_LIMIT
) -> list[ActionStep]:
    """Return the unit's steps whose text, indicator, komponen or area hold every
    word (of the plan of `year` only, when given)."""
    words = text.split()[:8]
    if not words:
        return []
    steps = picker_steps(unit)
    if year is not None:
        steps = steps.filter(indicator__component__area__plan__year=year)
    for word in words:
        steps = steps.filter(
            Q(text__icontains=word)
            | Q(indicator__text__icontains=word)
            | Q(indicator__component__name__icontains=word)
            | Q(indicator__component__area__title__icontains=word)
        )
    return list(steps[:limit])


def step_title(step: ActionStep) -> str:
    """Return a step's full place in the plan (the option's tooltip)."""
    component = step.indicator.component
    area = component.area
    return (
        f"{area.plan.year} · {area.numeral}. {area.title} › {component.number} "
        f"{component.name} › {step.text}"
    )


@dataclass(frozen=True)
class StepOption:
    """One step as the picker shows it: its komponen code and full text."""

    pk: int
    code: str
    text: str
    title: str


@dataclass
class ComponentGroup:
    """The steps of one komponen, under "I.1 Penyusunan tim kerja"."""

    heading: str
    options: list[StepOption] = field(default_factory=list)


@dataclass
class AreaGroup:
    """The komponen of one area, under "2025 · I. Manajemen Perubahan"."""

    heading: str
    components: list[ComponentGroup] = field(default_factory=list)


def step_option(step: ActionStep) -> StepOption:
    """Return the picker's row of a step (its indicator path loaded)."""
    return StepOption(
        pk=step.pk,
        code=component_code(step.indicator.component),
        text=" ".join(step.text.split()),
        title=step_title(step),
    )


def group_steps(steps: list[ActionStep]) -> list[AreaGroup]:
    """Group steps given in plan order under their area, then their komponen."""
    groups: list[AreaGroup] = []
    area_key: tuple[int, int] | None = None
    component_id: int | None = None
    for step in steps:
        component = step.indicator.component
        area = component.area
        if (area.plan_id, area.pk) != area_key:
            area_key, component_id = (area.plan_id, area.pk), None
            groups.append(AreaGroup(f"{area.plan.year} · {area.numeral}. {area.title}"))
        if component.pk != component_id:
            component_id = component.pk
            heading = f"{component_code(component)} {component.name}".strip()
            groups[-1].components.append(ComponentGroup(heading))
        groups[-1].components[-1].options.append(step_option(step))
    return groups


class StepPicker(forms.Widget):
    """Chosen steps as checked boxes (or radios) plus an htmx search box."""

    template_name = "plans/widgets/step_picker.html"

    def __init__(
        self,
        *,
        unit: Unit,
        multiple: bool = True,
        empty_label: str = "",
        year: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.unit = unit
        self.year = year
        self.multiple = multiple
        self.empty_label = empty_label
        self.allow_multiple_selected = multiple

    @staticmethod
    def chosen_ids(value: Any) -> list[str]:
        """Return the step ids in a bound or initial value (junk left out)."""
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if str(v).isdigit() and len(str(v)) < 12]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple and hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = list(picker_steps(self.unit).filter(pk__in=self.chosen_ids(value)))
        context["widget"].update(
            chosen=[step_option(step) for step in chosen],
            multiple=self.multiple,
            empty_label=self.empty_label,
            search_url=reverse("plans:step_search", args=[self.unit.code]),
            input_type="checkbox" if self.multiple else "radio",
            year=self.year or "",
        )
        return context


def use_picker(
    field: forms.Field,
    unit: Unit,
    *,
    multiple: bool,
    empty_label: str = "",
    year: int | None = None,
) -> None:
    """Give a step field of `unit` the picker widget (keeps its label and help)."""
    field.widget = StepPicker(
        unit=unit, multiple=multiple, empty_label=empty_label, year=year
    )
