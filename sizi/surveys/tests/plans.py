"""A small Rencana Aksi with the seed decree's survey steps (Area VI)."""

from __future__ import annotations

from sizi.plans.models import ActionPlan
from sizi.plans.tests.factories import (
    ActionPlanFactory,
    ActionStepFactory,
    AreaFactory,
    ComponentFactory,
    IndicatorFactory,
)
from sizi.units.models import Unit


def survey_plan(unit: Unit) -> ActionPlan:
    """Return a plan with Area VI's survey steps and one unrelated step."""
    plan = ActionPlanFactory(unit=unit, year=2025)
    area = AreaFactory(
        plan=plan,
        numeral="VI",
        title="Peningkatan Kualitas Pelayanan Publik",
        lke_area="PP",
    )
    component = ComponentFactory(area=area, name="Penilaian Kepuasan Pelayanan")
    indicator = IndicatorFactory(
        component=component, text="Survei kepuasan dilakukan dan ditindaklanjuti"
    )
    ActionStepFactory(indicator=indicator, text="Hasil survei")
    ActionStepFactory(
        indicator=indicator,
        text="Analisis survei kepuasan masyarakat dan tindak lanjutnya",
    )
    other = AreaFactory(
        plan=plan, numeral="I", title="Manajemen Perubahan", lke_area="MP"
    )
    ActionStepFactory(
        indicator=IndicatorFactory(component=ComponentFactory(area=other)),
        text="SK Tim Kerja",
    )
    return plan
