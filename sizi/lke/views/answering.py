"""Answering the LKE: the assessment list, one area at a time, notes, evidence, Hasil."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions as evidence_permissions
from sizi.evidence import services as evidence_services
from sizi.evidence.models import Evidence
from sizi.evidence.uploads import capped_uploads
from sizi.lke import pages, services
from sizi.lke.forms import (
    AnswerForm,
    EvidenceLinkForm,
    EvidenceUploadForm,
    ResultInputForm,
    ReviewNoteForm,
    StartAssessmentForm,
)
from sizi.lke.models import (
    Assessment,
    Instrument,
    InstrumentArea,
    Layer,
    ResultInput,
)
from sizi.lke.permissions import (
    get_answer_target_for_user,
    get_assessment_for_user,
    get_note_target_for_user,
    get_own_review_note_for_user,
    get_question,
    required_layer,
    rights_for,
    withdrawable_notes,
    write_layer,
)
from sizi.lke.services import answer_uploads, registers
from sizi.lke.views.context import layer_context
from sizi.plans.models import ActionPlan
from sizi.units import permissions
from sizi.units.permissions import UnitAccess


@login_required
def assessment_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """List a unit's LKE assessments; the coordinator starts a new year."""
    access = permissions.get_unit_for_user(request.user, code)
    rights = rights_for(access, None, None)
    form = StartAssessmentForm(
        request.POST or None,
        years=_start_years(access),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        permissions.require(rights.can_manage)
        if form.is_valid():
            try:
                assessment = services.start_assessment(
                    unit=access.unit, year=form.cleaned_data["year"], by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("lke:answer_start", access.unit.code, assessment.year)
    assessments = (
        Assessment.objects.filter(unit=access.unit)
        .select_related("instrument")
        .prefetch_related("scores")
        .order_by("-year")
    )
    return TemplateResponse(
        request,
        "lke/assessment_list.html",
        {
            "access": access,
            "unit": access.unit,
            "assessments": assessments,
            "form": form,
            "rights": rights,
            "instrument": Instrument.objects.current(),
        },
    )


def _start_years(access: UnitAccess) -> list[int]:
    """Return the years a new assessment may be started for: around now and plan years."""
    this_year = timezone.localdate().year
    years = {this_year - 1, this_year, this_year + 1}
    years |= set(
        ActionPlan.objects.filter(unit=access.unit).values_list("year", flat=True)
    )
    taken = set(
        Assessment.objects.filter(unit=access.unit).values_list("year", flat=True)
    )
    return sorted((y for y in years - taken if 2020 <= y <= 2100), reverse=True)


@login_required
def answer_start(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    _access, assessment = get_assessment_for_user(request.user, code, year)
    first = (
        InstrumentArea.objects.filter(instrument=assessment.instrument)
        .order_by("order")
        .first()
    )
    if first is None:
        raise Http404("Instrumen tanpa area.")
    return redirect("lke:answer_area", code, year, first.code)


def _area_context(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    assessment: Assessment,
    area: InstrumentArea,
) -> dict[str, Any]:
    layer = write_layer(request.user, access, assessment)
    # Reviewers only answer what they judge differently: progress is the unit's own.
    progress_layer = Layer.SELF
    rows = pages.question_rows(assessment, area, layer)
    return {
        **layer_context(access, assessment, layer),
        "area": area,
        "rows": rows,
        "withdrawable": withdrawable_notes(request.user, layer, rows),
        "progress": pages.area_progress(assessment, progress_layer),
        "progress_layer_label": Layer(progress_layer).label,
        "suggestions": registers.answer_suggestions_for(
            assessment, {row.question.code for row in rows}
        ),
        "can_upload_evidence": evidence_permissions.can_contribute(access),
    }


EVIDENCE_MATCHES = 20
Status = Evidence.Status
#: The picker's status filter (?status=): key -> the statuses it keeps.
EVIDENCE_FILTERS: dict[str, list[str]] = {
    "siap": [Status.VERIFIED, Status.SUBMITTED],
    Status.VERIFIED: [Status.VERIFIED],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.DRAFT: [Status.DRAFT],
    Status.RETURNED: [Status.RETURNED],
}
# Verified items first, then submitted ones, then drafts and returned items.
_READY_RANK = Case(
    When(status=Status.VERIFIED, then=Value(0)),
    When(status=Status.SUBMITTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _posted_evidence_choices(
    assessment: Assessment, posted: list[str]
) -> list[tuple[int, str]]:
    """Return the unit's evidence items among the posted ids (checkbox values)."""
    ids = [value for value in posted if value.isdigit() and len(value) < 12]
    return list(
        Evidence.objects.filter(unit=assessment.unit, pk__in=ids).values_list(
            "pk", "title"
        )
    )


@login_required
@require_GET
def answer_evidence_search(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Return the unit's evidence items whose title matches ?q= (htmx picker).

    Only matches are rendered (at most EVIDENCE_MATCHES), as unchecked boxes
    of the question's evidence form; the items already linked are on the page.
    """
    access, assessment, layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    text = " ".join(request.GET.get("q", "").split())[:100]
    status = request.GET.get("status", "")
    if status not in EVIDENCE_FILTERS:
        status = ""
    linked = pages.one_row(assessment, q, layer).evidence_ids
    matches: list[Evidence] = []
    if text or status:
        found = Evidence.objects.filter(unit=assessment.unit)
        if text:
            found = found.filter(title__icontains=text)
        if status:
            found = found.filter(status__in=EVIDENCE_FILTERS[status])
        matches = list(
            found.exclude(pk__in=linked)
            .annotate(ready_rank=_READY_RANK)
            .order_by("ready_rank", "-document_date", "title", "pk")[:EVIDENCE_MATCHES]
        )
    return TemplateResponse(
        request,
        "lke/answer_area.html#evidence_matches",
        {"matches": matches, "text": text, "limit": EVIDENCE_MATCHES},
    )


@login_required
@require_GET
def answer_percent(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Return a numeric item's percentage for the inputs being typed (htmx, GET).

    Computed by the same cleaning and scoring core as a saved answer; nothing
    is saved (the form's own post does that).
    """
    _access, assessment, _layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    raw = {
        spec["code"]: request.GET.get(f"input_{spec['code']}", "")[:20]
        for spec in q.inputs
    }
    return TemplateResponse(
        request,
        "lke/answer_area.html#percent",
        {"percent": pages.percent_preview(assessment, q, raw)},
    )


@login_required
def answer_area(
    request: AuthenticatedHttpRequest, code: str, year: int, area: str
) -> HttpResponse:
    """Answer one area's questions; the layers below are shown beside the form."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    area_row = get_object_or_404(
        InstrumentArea, instrument=assessment.instrument, code=area
    )
    context = _area_context(request, access, assessment, area_row)
    return TemplateResponse(request, "lke/answer_area.html", context)


def _row_response(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    assessment: Assessment,
    row: pages.QuestionRow,
    layer: str | None,
    status: int = 200,
    *,
    fragment: str = "question",
    **extra: Any,
) -> HttpResponse:
    """Answer an htmx request with a fragment (always 200, so htmx swaps it in),
    a plain form post with a redirect or, on error, the whole page."""
    context = {
        **layer_context(access, assessment, layer),
        "row": row,
        "withdrawable": withdrawable_notes(request.user, layer, [row]),
        "saved": status == 200 and request.method == "POST",
        "oob": fragment != "question",
        "can_upload_evidence": evidence_permissions.can_contribute(access),
        **extra,
    }
    if request.htmx:
        return TemplateResponse(request, f"lke/answer_area.html#{fragment}", context)
    area = row.question.sub_area.area
    if status == 200:
        return redirect(
            f"{_area_url(access, assessment, area.code)}#q-{row.question.code}"
        )
    full = _area_context(request, access, assessment, area)
    full["rows"] = [
        row if r.question.pk == row.question.pk else r for r in full["rows"]
    ]
    full["withdrawable"] = withdrawable_notes(request.user, layer, full["rows"])
    return TemplateResponse(request, "lke/answer_area.html", full, status=status)


def _area_url(access: UnitAccess, assessment: Assessment, area_code: str) -> str:
    return reverse(
        "lke:answer_area", args=[access.unit.code, assessment.year, area_code]
    )


@login_required
@require_POST
def answer_save(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Save one answer of the user's layer (htmx, on every change)."""
    access, assessment, layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    form = AnswerForm(request.POST, question=q)
    error, stale = "", False
    if form.is_valid():
        try:
            services.answer_question(
                assessment,
                q,
                layer,
                value=form.cleaned_data["value"],
                inputs=form.input_values(),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.StaleVersionError as exc:
            error, stale = exc.message, True
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Isian tidak valid: " + "; ".join(
            f"{form.fields[f].label if f in form.fields else f}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
        )
    row = pages.one_row(assessment, q, layer)
    if error:
        row.error, row.posted = error, dict(request.POST.items())
        row.conflict = row.mine if stale else None
        return _row_response(
            request,
            access,
            assessment,
            row,
            layer,
            status=409 if row.conflict else 422,
            fragment="status",
        )
    return _row_response(request, access, assessment, row, layer, fragment="status")


@login_required
@require_POST
def answer_evidence(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Link evidence items of the unit's library to the user's answer."""
    access, assessment, layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    choices = _posted_evidence_choices(assessment, request.POST.getlist("evidence"))
    form = EvidenceLinkForm(request.POST, choices=choices)
    row = pages.one_row(assessment, q, layer)
    error = ""
    if not form.is_valid():
        error = "Bukti yang dipilih tidak ada di pustaka bukti unit ini."
    else:
        try:
            services.set_answer_evidence(
                assessment, q, layer, form.cleaned_data["evidence"], by=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if error:
        return _row_response(
            request,
            access,
            assessment,
            row,
            layer,
            status=422,
            fragment="evidence_box",
            evidence_error=error,
        )
    return _row_response(
        request,
        access,
        assessment,
        pages.one_row(assessment, q, layer),
        layer,
        fragment="evidence_box",
        saved_evidence=True,
    )


@capped_uploads
@login_required
@require_POST
def answer_evidence_upload(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Upload a new evidence file from a question and attach it to the answer.

    The item is stored in the unit's library by the evidence upload service
    and appears checked in the question's evidence box.
    """
    access, assessment, layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    permissions.require(evidence_permissions.can_contribute(access))
    form = EvidenceUploadForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            answer_uploads.upload_answer_evidence(
                assessment,
                q,
                layer,
                evidence_services.IncomingFile(upload.name or "berkas", upload),
                evidence_services.EvidenceData(data["title"], data["document_date"]),
                by=request.user,
                submit=data["submit"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Unggahan tidak lengkap: " + "; ".join(
            f"{form.fields[f].label if f in form.fields else f}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
        )
    return _row_response(
        request,
        access,
        assessment,
        pages.one_row(assessment, q, layer),
        layer,
        status=422 if error else 200,
        fragment="evidence_box",
        evidence_error=error,
        saved_evidence=not error,
        upload_reset=not error,
    )


@login_required
@require_POST
def review_note_add(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Add a reviewer's note on a question, marked to return it or as a comment."""
    access, assessment, layer = get_note_target_for_user(request.user, code, year)
    q = get_question(assessment, question)
    form = ReviewNoteForm(request.POST)
    row_error = ""
    if form.is_valid():
        try:
            services.add_review_note(
                assessment,
                q,
                text=form.cleaned_data["text"],
                returned=form.cleaned_data["returned"] and layer != Layer.NATIONAL,
                by=request.user,
            )
        except ValidationError as exc:
            row_error = " ".join(exc.messages)
    else:
        row_error = "Catatan penilai wajib diisi."
    row = pages.one_row(assessment, q, layer)
    row.error = row_error
    return _row_response(
        request, access, assessment, row, layer, status=422 if row_error else 200
    )


@login_required
@require_POST
def review_note_withdraw(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Turn the author's own returned-item mark into a plain comment."""
    # Only the reviewer who wrote the note may turn it into a comment.
    access, assessment, layer, note = get_own_review_note_for_user(
        request.user, code, year, pk
    )
    try:
        services.withdraw_review_note(note, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    row = pages.one_row(assessment, note.question, layer)
    return _row_response(request, access, assessment, row, layer)


@login_required
def results_edit(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Fill the Hasil inputs of the user's layer: IPAK, IPKP and capaian kinerja."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    layer = write_layer(request.user, access, assessment)
    rows = {r.layer: r for r in ResultInput.objects.filter(assessment=assessment)}
    mine = rows.get(layer) if layer else None
    initial: dict[str, Any] = {"version": mine.version if mine else 0}
    if mine is not None:
        initial |= {
            name: getattr(mine, name)
            for name in ResultInputForm.base_fields
            if name != "version"
        }
    form = ResultInputForm(request.POST or None, initial=initial)
    if request.method == "POST":
        layer = required_layer(layer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_result_inputs(
                    assessment,
                    layer,
                    ipak=data["ipak"],
                    ipak_source=data["ipak_source"],
                    ipkp=data["ipkp"],
                    ipkp_source=data["ipkp_source"],
                    performance=data["performance"],
                    performance_note=data["performance_note"],
                    expected_version=data["version"],
                    by=request.user,
                )
            except services.StaleVersionError as exc:
                form.add_error(None, exc.message)
                data_copy = request.POST.copy()
                data_copy["version"] = str(exc.current.version if exc.current else 0)
                form.data = data_copy
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Isian hasil tersimpan.")
                return redirect("lke:results", code, year)
    return TemplateResponse(
        request,
        "lke/results_edit.html",
        {
            **layer_context(access, assessment, layer),
            "form": form,
            "rows": [rows[x] for x in Layer.ordered() if x in rows],
            "survey_values": registers.hasil_suggestions(assessment),
        },
    )
