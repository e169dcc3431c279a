"""Helpers that arrange LKE answers through the services (imported by the tests)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from sizi.lke import services
from sizi.lke.models import Answer, Assessment, Question, Submission
from sizi.lke.services import closing, scores
from sizi.units.models import User


def best_value(question: Question) -> tuple[str, dict[str, Any]]:
    """Return the best answer of a question: its first option, or full percentage inputs."""
    if question.options:
        return question.options[0]["letter"], {}
    return "", {spec["code"]: 10 for spec in question.inputs}


def answer(
    assessment: Assessment,
    question: Question,
    by: User,
    *,
    layer: str = "self",
    value: str | None = None,
    inputs: dict[str, Any] | None = None,
    note: str = "",
    refresh_scores: bool = True,
) -> Answer:
    """Answer through the service with the current version (a helper for arranging)."""
    default_value, default_inputs = best_value(question)
    current = (
        Answer.objects.filter(assessment=assessment, question=question, layer=layer)
        .values_list("version", flat=True)
        .first()
    )
    return services.answer_question(
        assessment,
        question,
        layer,
        value=default_value if value is None else value,
        inputs=default_inputs if inputs is None else inputs,
        note=note,
        expected_version=current or 0,
        by=by,
        refresh_scores=refresh_scores,
    )


def answer_all(assessment: Assessment, by: User, *, layer: str = "self") -> None:
    for question in Question.objects.filter(instrument=assessment.instrument).order_by(
        "order"
    ):
        answer(assessment, question, by, layer=layer, refresh_scores=False)
    scores.refresh_layer_scores(assessment)


def url(name: str, *args: object) -> str:
    """Return the URL of an LKE page of kpu-tanjabbar's 2025 assessment."""
    return reverse(f"lke:{name}", args=["kpu-tanjabbar", 2025, *args])


def q(assessment: Assessment, code: str) -> Question:
    """Return a question of the assessment's instrument by its code."""
    return Question.objects.get(instrument=assessment.instrument, code=code)


def approve_and_submit(assessment: Assessment, by: User) -> Submission:
    """Approve the self-assessment (as the pimpinan would) and submit it."""
    closing.approve_assessment(assessment, by=by)
    return services.submit_assessment(assessment, by=by)
