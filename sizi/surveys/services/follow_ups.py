"""A follow-up (rencana tindak lanjut) on an unsur, filed as a Rencana Aksi step."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from sizi.core import audit
from sizi.plans.models import Indicator
from sizi.plans.services.work import add_step, assign_owners
from sizi.surveys.instruments.loading import definition_of
from sizi.surveys.models import (
    FollowUp,
    SurveyPeriod,
)
from sizi.units.models import User


@transaction.atomic
def create_follow_up(
    period: SurveyPeriod,
    *,
    question: str,
    text: str,
    indicator: Indicator,
    owners: Iterable[User] = (),
    by: User,
) -> FollowUp:
    """Create a rencana tindak lanjut on one unsur as a step of the unit's Rencana Aksi."""
    if question not in definition_of(period.instrument).question_codes:
        raise ValidationError({"question": "Unsur tidak dikenal pada instrumen ini."})
    if indicator.component.area.plan.unit_id != period.unit_id:
        raise ValidationError(
            {"indicator": "Indikator harus dari rencana aksi unit ini."}
        )
    step = add_step(indicator, by=by, text=text)
    people = list(owners)
    if people:
        assign_owners(step, people, by=by)
    follow_up = FollowUp(
        period=period, question=question, step=step, text=text, created_by=by
    )
    follow_up.full_clean()
    follow_up.save()
    audit.record(
        by,
        "surveys.follow_up_created",
        follow_up,
        unit=period.unit,
        question=question,
        step=step.pk,
    )
    return follow_up
