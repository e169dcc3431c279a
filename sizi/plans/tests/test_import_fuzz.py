"""Whatever tree a reader hands over, the import saves it or refuses it cleanly."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizi.plans import services
from sizi.plans.importing.parsed import (
    ParsedArea,
    ParsedComponent,
    ParsedDecree,
    ParsedIndicator,
    ParsedPlan,
)
from sizi.plans.models import ActionPlan, ActionStep, Indicator
from sizi.plans.target_time import TargetTime

pytestmark = pytest.mark.django_db

text = st.text(max_size=40) | st.sampled_from(["", "  ", "Rapat evaluasi", "x" * 700])
dates = st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def targets(draw: st.DrawFn) -> TargetTime:
    start, end = draw(dates), draw(dates)
    periods = ((start, end),) if start and end else ()
    return TargetTime(
        raw=draw(text), kind="month", start=start, end=end, periods=periods
    )


indicators = st.builds(
    ParsedIndicator,
    text=text,
    steps=st.lists(text, max_size=3),
    evidence=st.lists(text, max_size=2),
    target=targets(),
    location=st.sampled_from(["", "baris 12", "sel C4"]),
)
components = st.builds(
    ParsedComponent,
    number=st.sampled_from(["1", "2", ""]),
    name=text,
    indicators=st.lists(indicators, max_size=3),
)
areas = st.builds(
    ParsedArea,
    numeral=st.sampled_from(["I", "II", "III", "VII", ""]),
    title=text,
    lke_area=st.sampled_from(["MP", "PT", "SDM", "AK", "PW", "PP", "XX", ""]),
    components=st.lists(components, max_size=2),
)
plans = st.builds(
    ParsedPlan,
    decree=st.builds(
        ParsedDecree, number=text, title=text, signed_on=dates, place=text
    ),
    areas=st.lists(areas, max_size=3),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(parsed=plans)
def test_import_saves_or_refuses_cleanly(tree, alice, parsed):
    before = (
        ActionPlan.objects.count(),
        Indicator.objects.count(),
        list(ActionStep.objects.order_by("pk").values_list("pk", "text")),
    )
    try:
        services.import_plan(
            parsed,
            unit=tree["tanjabbar"],
            year=2025,
            by=alice,
            filename="f.txt",
            sha256="0" * 64,
        )
    except ValidationError as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        after = (
            ActionPlan.objects.count(),
            Indicator.objects.count(),
            list(ActionStep.objects.order_by("pk").values_list("pk", "text")),
        )
        assert after == before
        return
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    assert plan.areas.count() == len(parsed.areas)
    expected_steps = sum(
        len(i.steps) for a in parsed.areas for c in a.components for i in c.indicators
    )
    assert ActionStep.objects.for_plan(plan).count() == expected_steps
