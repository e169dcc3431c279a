"""Readiness: the questions that would raise the score most, with the steps covering them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sizi.lke import scoring
from sizi.lke.models import Assessment, Question, QuestionIndicatorLink
from sizi.lke.services.registers import RegisterPage, register_pages
from sizi.lke.services.scores import LayerResult


@dataclass
class ReadinessRow:
    candidate: scoring.Candidate
    question: Question | None
    steps: list[Any] = field(default_factory=list)
    suggested_only: bool = False
    registers: list[RegisterPage] = field(default_factory=list)


def links_for_unit(assessment: Assessment) -> list[QuestionIndicatorLink]:
    """Return the indicator links of the unit's action plan for the assessment year."""
    return list(
        QuestionIndicatorLink.objects.filter(
            question__instrument=assessment.instrument,
            indicator__component__area__plan__unit=assessment.unit,
            indicator__component__area__plan__year=assessment.year,
        )
        .select_related("indicator")
        .prefetch_related("indicator__steps")
    )


def readiness_rows(
    assessment: Assessment, current: LayerResult, *, limit: int | None = 15
) -> list[ReadinessRow]:
    """Return the improvement candidates ranked by gain, each with its action steps."""
    candidates = scoring.improvement_candidates(
        current.spec, current.answers, current.hasil, limit=limit
    )
    codes = [c.code for c in candidates]
    questions = {
        q.code: q
        for q in Question.objects.filter(
            instrument=assessment.instrument, code__in=codes
        )
    }
    steps: dict[str, list[Any]] = defaultdict(list)
    confirmed: dict[str, bool] = defaultdict(bool)
    for link in links_for_unit(assessment):
        code = next((c for c, q in questions.items() if q.pk == link.question_id), None)
        if code is None:
            continue
        confirmed[code] |= link.confirmed
        steps[code].extend(link.indicator.steps.all())
    pages = register_pages(assessment.unit, codes)
    return [
        ReadinessRow(
            candidate=c,
            question=questions.get(c.code),
            steps=steps.get(c.code, []),
            suggested_only=bool(steps.get(c.code)) and not confirmed[c.code],
            registers=pages.get(c.code, []),
        )
        for c in candidates
    ]
