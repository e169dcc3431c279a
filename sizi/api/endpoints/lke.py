"""LKE: scores per layer, answers of a layer, writing an answer of the caller's layer."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.params import functions as param

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, READ_ERRORS, WRITE_ERRORS, YEAR
from sizi.api.errors import checked
from sizi.api.schemas import (
    AnswerIn,
    AnswerListOut,
    AnswerOut,
    AssessmentOut,
    ErrorOut,
    LayerScoreOut,
)
from sizi.lke import permissions, services
from sizi.lke.forms import AnswerForm
from sizi.lke.models import Answer, Layer, LayerScore
from sizi.units.permissions import require

router = Router(tags=["LKE"])
LAYER = param.Query(Layer.SELF, description="Lapisan penilaian")
QUESTION = param.Path(
    ..., pattern=r"^[-a-zA-Z0-9_.]+$", max_length=40, description="Kode pertanyaan"
)


def _score(row: LayerScore) -> LayerScoreOut:
    return LayerScoreOut(
        layer=row.layer,
        label=Layer(row.layer).label,
        total=str(row.total),
        enablers=str(row.enablers),
        results=str(row.results),
        answered=row.answered,
        question_count=row.question_count,
        eligible_wbk=row.eligible_wbk,
        eligible_wbbm=row.eligible_wbbm,
        areas={str(k): str(v) for k, v in row.areas.items()},
    )


def _answer(answer: Answer, question_code: str) -> AnswerOut:
    updater = answer.updated_by
    return AnswerOut(
        question=question_code,
        layer=answer.layer,
        value=answer.value,
        inputs=dict(answer.inputs),
        note=answer.note,
        version=answer.version,
        updated_by=updater.get_full_name() if updater is not None else None,
        updated_at=answer.updated_at,
    )


@router.get(
    "/units/{code}/lke/{year}",
    response={200: AssessmentOut, **READ_ERRORS},
    summary="Nilai LKE per lapisan",
)
def assessment(
    request: HttpRequest, code: str = CODE, year: int = YEAR
) -> AssessmentOut:
    """Return the assessment's status and the stored score of every layer present."""
    user = caller(request)
    access, item = permissions.get_assessment_for_user(user, code, year)
    ranks = {layer.value: n for n, layer in enumerate(Layer.ordered())}
    rows = sorted(
        LayerScore.objects.filter(assessment=item), key=lambda r: ranks[r.layer]
    )
    return AssessmentOut(
        unit=access.unit.code,
        year=item.year,
        instrument=f"{item.instrument.code} {item.instrument.version}",
        status=item.status,
        write_layer=permissions.write_layer(user, access, item),
        scores=[_score(r) for r in rows],
    )


@router.get(
    "/units/{code}/lke/{year}/answers",
    response={200: AnswerListOut, **READ_ERRORS},
    summary="Jawaban LKE satu lapisan",
)
def answer_list(
    request: HttpRequest,
    code: str = CODE,
    year: int = YEAR,
    layer: Layer = LAYER,
) -> AnswerListOut:
    """List the answers of one layer, in the instrument's order, with their versions."""
    _access, item = permissions.get_assessment_for_user(caller(request), code, year)
    answers = (
        Answer.objects.filter(assessment=item, layer=layer)
        .select_related("question", "updated_by")
        .order_by("question__order", "question__pk")
    )
    return AnswerListOut(
        layer=layer, answers=[_answer(a, a.question.code) for a in answers]
    )


@router.put(
    "/units/{code}/lke/{year}/answers/{question}",
    response={200: AnswerOut, 409: ErrorOut, **WRITE_ERRORS},
    summary="Simpan jawaban lapisan Anda",
)
def answer_save(
    request: HttpRequest,
    payload: AnswerIn,
    code: str = CODE,
    year: int = YEAR,
    question: str = QUESTION,
) -> AnswerOut:
    """Save the answer of the layer the owner fills now, as the answering page does.

    ``expected_version`` is the ``version`` last read (0 if not answered yet): a
    save made since then by anyone is a 409 and nothing is written.
    """
    user = caller(request)
    _access, item, layer, target = permissions.get_answer_target_for_user(
        user, code, year, question
    )
    require(payload.layer in (None, layer))
    form = AnswerForm(
        {
            "value": payload.value,
            "note": payload.note,
            "version": str(payload.expected_version),
            **{f"input_{k}": str(v) for k, v in payload.inputs.items()},
        },
        question=target,
    )
    data = checked(form)
    saved = services.answer_question(
        item,
        target,
        layer,
        value=data["value"],
        inputs=form.input_values(),
        note=data["note"],
        expected_version=data["version"],
        by=user,
    )
    return _answer(saved, target.code)
