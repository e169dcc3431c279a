"""LKE pages: the answering page, the score page and the review actions.

Each view opens with the unit access (404 for a unit the user may not see),
then checks the layer right, parses a form, calls a service and responds.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.lke import pages, scores, services
from sizi.lke.forms import (
    AnswerForm,
    ConcludeForm,
    EvidenceLinkForm,
    IndicatorLinkForm,
    ResultInputForm,
    ReviewNoteForm,
    StartAssessmentForm,
)
from sizi.lke.models import (
    Assessment,
    Instrument,
    InstrumentArea,
    Layer,
    Question,
    QuestionIndicatorLink,
    ResultInput,
    ReviewNote,
    Submission,
)
from sizi.units import permissions
from sizi.units.models import User
from sizi.units.permissions import UnitAccess


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # login_required guarantees it
        raise PermissionDenied
    return user


def _required(layer: str | None) -> str:
    """Return the layer the user writes, or refuse with 403."""
    permissions.require(layer is not None)
    return str(layer)


def _assessment(access: UnitAccess, year: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("unit__level", "unit__parent", "instrument")
        .filter(unit=access.unit, year=year)
        .first()
    )
    if assessment is None:
        raise Http404("Penilaian LKE tahun ini belum dibuat.")
    return assessment


def write_layer(
    request: HttpRequest, access: UnitAccess, assessment: Assessment
) -> str | None:
    """Return the layer this user fills now: the highest open layer they may write."""
    writable = [
        layer
        for layer in Layer.ordered()
        if layer in services.open_layers(assessment)
        and permissions.can_write_layer(request.user, access, layer)
    ]
    return writable[-1] if writable else None


def _can_review(
    request: HttpRequest, access: UnitAccess, assessment: Assessment
) -> str | None:
    layer = write_layer(request, access, assessment)
    return layer if layer in {Layer.PRELIMINARY, Layer.INTERNAL} else None


@login_required
def assessment_list(request: HttpRequest, code: str) -> HttpResponse:
    """List a unit's LKE assessments; the coordinator starts a new year."""
    access = permissions.get_unit_for_user(request.user, code)
    can_start = permissions.can_manage_unit(access)
    from django.utils import timezone

    form = StartAssessmentForm(
        request.POST or None,
        years=_start_years(access),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        permissions.require(can_start)
        if form.is_valid():
            try:
                assessment = services.start_assessment(
                    unit=access.unit, year=form.cleaned_data["year"], by=_user(request)
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
            "can_start": can_start,
            "instrument": Instrument.objects.current(),
            "can_rollup": permissions.can_view_rollup(access),
        },
    )


def _start_years(access: UnitAccess) -> list[int]:
    """Return the years a new assessment may be started for: around now and plan years."""
    from django.utils import timezone

    from sizi.plans.models import ActionPlan

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
def answer_start(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    first = (
        InstrumentArea.objects.filter(instrument=assessment.instrument)
        .order_by("order")
        .first()
    )
    if first is None:
        raise Http404("Instrumen tanpa area.")
    return redirect("lke:answer_area", code, year, first.code)


def _area_context(
    request: HttpRequest,
    access: UnitAccess,
    assessment: Assessment,
    area: InstrumentArea,
) -> dict[str, Any]:
    layer = write_layer(request, access, assessment)
    # Reviewers only answer what they judge differently: progress is the unit's own.
    progress_layer = Layer.SELF
    return {
        "access": access,
        "unit": access.unit,
        "assessment": assessment,
        "area": area,
        "layer": layer,
        "layer_label": Layer(layer).label if layer else "",
        "is_review_layer": layer in {Layer.PRELIMINARY, Layer.INTERNAL},
        "rows": pages.question_rows(assessment, area, layer),
        "progress": pages.area_progress(assessment, progress_layer),
        "progress_layer_label": Layer(progress_layer).label,
        "can_upload": layer is not None,
        "evidence_choices": _evidence_choices(assessment) if layer else [],
    }


def _evidence_choices(assessment: Assessment) -> list[Any]:
    from sizi.evidence.models import Evidence

    return list(
        Evidence.objects.filter(unit=assessment.unit)
        .select_related("current_revision")
        .order_by("-document_date", "title")
    )


@login_required
def answer_area(request: HttpRequest, code: str, year: int, area: str) -> HttpResponse:
    """Answer one area's questions; the layers below are shown beside the form."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    area_row = get_object_or_404(
        InstrumentArea, instrument=assessment.instrument, code=area
    )
    context = _area_context(request, access, assessment, area_row)
    return TemplateResponse(request, "lke/answer_area.html", context)


def _question(assessment: Assessment, question_code: str) -> Question:
    return get_object_or_404(
        Question.objects.select_related("sub_area__area"),
        instrument=assessment.instrument,
        code=question_code,
    )


def _row_response(
    request: HttpRequest,
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
        "access": access,
        "unit": access.unit,
        "assessment": assessment,
        "row": row,
        "layer": layer,
        "layer_label": Layer(layer).label if layer else "",
        "is_review_layer": layer in {Layer.PRELIMINARY, Layer.INTERNAL},
        "evidence_choices": _evidence_choices(assessment)
        if layer and fragment == "question"
        else [],
        "saved": status == 200 and request.method == "POST",
        "oob": fragment != "question",
        **extra,
    }
    if request.htmx:  # type: ignore[attr-defined]
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
    return TemplateResponse(request, "lke/answer_area.html", full, status=status)


def _area_url(access: UnitAccess, assessment: Assessment, area_code: str) -> str:
    from django.urls import reverse

    return reverse(
        "lke:answer_area", args=[access.unit.code, assessment.year, area_code]
    )


@login_required
@require_POST
def answer_save(
    request: HttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Save one answer of the user's layer (htmx, on every change)."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = write_layer(request, access, assessment)
    layer = _required(layer)
    q = _question(assessment, question)
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
                by=_user(request),
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
    request: HttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Link evidence items of the unit's library to the user's answer."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = write_layer(request, access, assessment)
    layer = _required(layer)
    q = _question(assessment, question)
    choices = [(e.pk, e.title) for e in _evidence_choices(assessment)]
    form = EvidenceLinkForm(request.POST, choices=choices)
    row = pages.one_row(assessment, q, layer)
    error = ""
    if not form.is_valid():
        error = "Bukti yang dipilih tidak ada di pustaka bukti unit ini."
    else:
        try:
            services.set_answer_evidence(
                assessment, q, layer, form.cleaned_data["evidence"], by=_user(request)
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
            fragment="evidence_status",
            evidence_error=error,
        )
    return _row_response(
        request,
        access,
        assessment,
        pages.one_row(assessment, q, layer),
        layer,
        fragment="evidence_status",
        saved_evidence=True,
    )


@login_required
@require_POST
def review_note_add(
    request: HttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Add a reviewer's note on a question, marked to return it or as a comment."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = _can_review(request, access, assessment)
    permissions.require(layer is not None)
    q = _question(assessment, question)
    form = ReviewNoteForm(request.POST)
    row_error = ""
    if form.is_valid():
        try:
            services.add_review_note(
                assessment,
                q,
                text=form.cleaned_data["text"],
                returned=form.cleaned_data["returned"],
                by=_user(request),
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
    request: HttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Turn the author's own returned-item mark into a plain comment."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = _can_review(request, access, assessment)
    permissions.require(layer is not None)
    note = get_object_or_404(ReviewNote, assessment=assessment, pk=pk, layer=layer)
    # Only the reviewer who wrote the note may turn it into a comment.
    permissions.require(note.author_id == _user(request).pk)
    try:
        services.withdraw_review_note(note, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    row = pages.one_row(assessment, note.question, layer)
    return _row_response(request, access, assessment, row, layer)


@login_required
def results_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Fill the Hasil inputs of the user's layer: IPAK, IPKP and capaian kinerja."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = write_layer(request, access, assessment)
    rows = {r.layer: r for r in ResultInput.objects.filter(assessment=assessment)}
    mine = rows.get(layer) if layer else None
    initial: dict[str, Any] = {"version": mine.version if mine else 0}
    if mine is not None:
        initial |= {
            f: getattr(mine, f)
            for f in [
                "ipak",
                "ipak_source",
                "ipkp",
                "ipkp_source",
                "performance",
                "performance_note",
            ]
        }
    form = ResultInputForm(request.POST or None, initial=initial)
    if request.method == "POST":
        layer = _required(layer)
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
                    by=_user(request),
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
            "access": access,
            "unit": access.unit,
            "assessment": assessment,
            "layer": layer,
            "layer_label": Layer(layer).label if layer else "",
            "form": form,
            "rows": [rows[x] for x in Layer.ordered() if x in rows],
            "can_upload": layer is not None,
        },
    )


@login_required
def submission_detail(
    request: HttpRequest, code: str, year: int, number: int
) -> HttpResponse:
    """Show a frozen snapshot with its SHA-256 and whether it still matches."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    submission = get_object_or_404(
        Submission.objects.select_related("by"), assessment=assessment, number=number
    )
    from sizi.lke.snapshots import sha256_of

    return TemplateResponse(
        request,
        "lke/submission_detail.html",
        {
            "access": access,
            "unit": access.unit,
            "assessment": assessment,
            "submission": submission,
            "answers": _snapshot_rows(assessment, submission),
            "intact": sha256_of(submission.data) == submission.sha256,
            **_nav_context(request, access, assessment),
        },
    )


def _snapshot_rows(
    assessment: Assessment, submission: Submission
) -> list[dict[str, Any]]:
    """Return the snapshot's answers with the layer's label and the inputs' labels."""
    input_labels = {
        code: {spec["code"]: spec["label"] for spec in inputs}
        for code, inputs in Question.objects.filter(
            instrument=assessment.instrument
        ).values_list("code", "inputs")
    }
    layer_labels = dict(Layer.choices)
    rows = []
    for item in (submission.data or {}).get("answers", []):
        labels = input_labels.get(item.get("question"), {})
        rows.append(
            {
                **item,
                "layer_label": layer_labels.get(item.get("layer"), item.get("layer")),
                "input_rows": [
                    (labels.get(k, k), v) for k, v in (item.get("inputs") or {}).items()
                ],
            }
        )
    return rows


def _nav_context(
    request: HttpRequest, access: UnitAccess, assessment: Assessment
) -> dict[str, Any]:
    """Return what the LKE sub-menu needs: whether the upload link leads anywhere."""
    return {"can_upload": write_layer(request, access, assessment) is not None}


def _workflow_done(
    request: HttpRequest, code: str, year: int, text: str
) -> HttpResponse:
    messages.success(request, text)
    return redirect("lke:score", code, year)


@login_required
@require_POST
def assessment_submit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Submit the self-assessment (the unit's coordinator or leader)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_manage_unit(access))
    assessment = _assessment(access, year)
    try:
        submission = services.submit_assessment(assessment, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    return _workflow_done(
        request,
        code,
        year,
        f"Penilaian mandiri diajukan. SHA-256 snapshot: {submission.sha256}",
    )


@login_required
@require_POST
def assessment_forward(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    permissions.require(
        permissions.can_write_layer(request.user, access, Layer.PRELIMINARY)
    )
    try:
        services.forward_assessment(assessment, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    return _workflow_done(
        request, code, year, "Penilaian pendahuluan selesai; diteruskan ke TPI."
    )


@login_required
@require_POST
def assessment_return(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    permissions.require(_can_review(request, access, assessment) is not None)
    try:
        services.return_assessment(assessment, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    return _workflow_done(
        request, code, year, "Penilaian dikembalikan ke unit dengan catatan."
    )


@login_required
@require_POST
def assessment_conclude(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    permissions.require(
        permissions.can_write_layer(request.user, access, Layer.INTERNAL)
    )
    form = ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih simpulan TPI: memenuhi atau belum memenuhi.")
        return redirect("lke:score", code, year)
    try:
        services.conclude_assessment(
            assessment,
            met=form.cleaned_data["met"],
            note=form.cleaned_data["note"],
            by=_user(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    return _workflow_done(request, code, year, "Simpulan TPI tersimpan.")


@login_required
@require_POST
def assessment_national(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    permissions.require(
        permissions.can_write_layer(request.user, access, Layer.NATIONAL)
    )
    try:
        services.record_national(assessment, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    return _workflow_done(request, code, year, "Nilai TPN dicatat.")


@login_required
def score(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Show totals, areas, eligibility with gaps, readiness and the workflow actions."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    from sizi.lke.readiness import readiness_rows
    from sizi.lke.scoring import rule_notes

    results = scores.score_all_layers(assessment)
    current = scores.effective(results)
    notes = rule_notes(current.spec)
    layer = write_layer(request, access, assessment)
    unit_may_edit = assessment.status in {
        Assessment.Status.DRAFT,
        Assessment.Status.RETURNED,
    }
    return TemplateResponse(
        request,
        "lke/score.html",
        {
            "access": access,
            "unit": access.unit,
            "assessment": assessment,
            "results": results,
            "current": current,
            "layer": layer,
            "is_review_layer": layer in {Layer.PRELIMINARY, Layer.INTERNAL},
            "can_submit": permissions.can_manage_unit(access) and unit_may_edit,
            # The submission hint is for the unit while it can still answer.
            "show_submit_hint": permissions.can_contribute(access) and unit_may_edit,
            "missing": services.missing_questions(assessment) if unit_may_edit else [],
            "can_forward": layer == Layer.PRELIMINARY,
            "can_conclude": layer == Layer.INTERNAL,
            "can_record_national": layer == Layer.NATIONAL,
            "can_upload": layer is not None,
            "conclude_form": ConcludeForm(),
            "readiness": readiness_rows(assessment, current, limit=15),
            "rule_notes": notes,
            "rules": {n.code: n for n in notes},
            "submissions": assessment.submissions.select_related("by").order_by(
                "-number"
            ),
            "open_returns": ReviewNote.objects.filter(
                assessment=assessment, returned=True, resolved=False
            ).select_related("question", "author"),
        },
    )


@login_required
def rollup(request: HttpRequest, code: str) -> HttpResponse:
    """List every unit below with its LKE score per layer, eligibility and progress."""
    from django.utils import timezone

    from sizi.lke.forms import RollupSortForm
    from sizi.lke.rollup import LAYER_HEADERS, rollup_rows, rollup_years

    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_view_rollup(access))
    form = RollupSortForm(request.GET or None)
    years = rollup_years(access.unit)
    this_year = timezone.localdate().year
    # Open on the latest year with data below, not on an empty calendar year.
    sort, year = "unit", years[0] if years else this_year
    if form.is_valid():
        sort = form.cleaned_data["sort"] or sort
        year = form.cleaned_data["year"] or year
    rows = rollup_rows(access.unit, year, sort)
    return TemplateResponse(
        request,
        "lke/rollup.html",
        {
            "access": access,
            "unit": access.unit,
            "rows": rows,
            "year": year,
            "years": sorted({*years, this_year, year}, reverse=True),
            "year_has_data": year in years,
            "sort": sort,
            "sorts": RollupSortForm.SORTS,
            "layer_headers": LAYER_HEADERS,
            "started": sum(1 for r in rows if r.assessment),
            "eligible_wbk": sum(
                1 for r in rows if r.effective and r.effective.eligible_wbk
            ),
        },
    )


@login_required
def coverage(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Show and edit the indicator↔question links and the four coverage reports."""
    from sizi.lke import coverage as cov

    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    can_edit = permissions.can_manage_unit(access)
    if request.method == "POST":
        permissions.require(can_edit)
        if "suggest" in request.POST:
            count = cov.suggest_links(assessment, by=_user(request))
            messages.success(
                request,
                f"{count} tautan usulan dibuat; tautan yang sudah dikonfirmasi tetap.",
            )
            return redirect("lke:coverage", code, year)
        by_pk = {i.pk: i for i in cov.plan_indicators(assessment)}
        form = IndicatorLinkForm(
            request.POST, indicators=list(by_pk), instrument=assessment.instrument
        )
        if form.is_valid():
            cov.set_indicator_links(
                assessment,
                by_pk[form.cleaned_data["indicator"]],
                [q.pk for q in form.cleaned_data["questions"]],
                by=_user(request),
            )
            messages.success(request, "Tautan indikator dikonfirmasi.")
        else:
            messages.error(request, "Pilihan tautan tidak valid.")
        return redirect("lke:coverage", code, year)
    indicators = cov.plan_indicators(assessment)
    links: dict[int, list[Any]] = {}
    for link in (
        QuestionIndicatorLink.objects.filter(indicator__in=indicators)
        .select_related("question")
        .order_by("-confirmed", "-suggested_score")
    ):
        links.setdefault(link.indicator_id, []).append(link)
    questions = list(
        Question.objects.filter(instrument=assessment.instrument)
        .select_related("sub_area__area")
        .order_by("order")
    )
    indicator_rows = [
        (
            i,
            links.get(i.pk, []),
            [q for q in questions if q.sub_area.area.code == i.component.area.lke_area],
            {link.question_id for link in links.get(i.pk, []) if link.confirmed},
        )
        for i in indicators
    ]
    return TemplateResponse(
        request,
        "lke/coverage.html",
        {
            "access": access,
            "unit": access.unit,
            "assessment": assessment,
            "can_edit": can_edit,
            "indicator_rows": indicator_rows,
            "indicator_groups": _indicator_groups(indicator_rows),
            "report": cov.coverage_report(assessment),
            **_nav_context(request, access, assessment),
        },
    )


def _indicator_groups(rows: list[Any]) -> list[dict[str, Any]]:
    """Group the indicator rows by LKE area, with counts for the folded headings."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        label = row[0].component.area.get_lke_area_display()
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "rows": [], "linked": 0, "confirmed": 0})
        groups[-1]["rows"].append(row)
        groups[-1]["linked"] += bool(row[1])
        groups[-1]["confirmed"] += bool(row[3])
    return groups


@login_required
def workbook_export(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Download the assessment as the official LKE workbook (.xlsx, live formulas)."""
    from sizi.lke.exchange import export_assessment

    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = request.GET.get("lapisan") or None
    if layer not in {None, *Layer.values}:
        raise Http404("Lapisan tidak dikenal.")
    data = export_assessment(assessment, layer)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="LKE-{access.unit.code}-{year}.xlsx"'
    )
    return response


@login_required
def workbook_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Upload a filled LKE workbook into the user's layer: preview first, then apply."""
    from sizi.lke.exchange import import_assessment
    from sizi.lke.forms import WorkbookApplyForm, WorkbookUploadForm

    access = permissions.get_unit_for_user(request.user, code)
    assessment = _assessment(access, year)
    layer = write_layer(request, access, assessment)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    report, token = None, ""
    if request.method == "POST":
        layer = _required(layer)
        apply_form = WorkbookApplyForm(request.POST)
        if "token" in request.POST and apply_form.is_valid():
            data = _pending_upload(
                request, apply_form.cleaned_data["token"], assessment, layer
            )
            if data is None:
                messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
                return redirect("lke:import", code, year)
            report = import_assessment(assessment, data, layer=layer, by=_user(request))
            if report.ok:
                messages.success(
                    request, f"Workbook diimpor: {len(report.changes)} jawaban berubah."
                )
                return redirect("lke:score", code, year)
        elif form.is_valid():
            data = form.cleaned_data["file"].read()
            apply = form.cleaned_data["apply"]
            report = import_assessment(
                assessment, data, layer=layer, by=_user(request), dry_run=not apply
            )
            if apply and report.ok:
                messages.success(
                    request, f"Workbook diimpor: {len(report.changes)} jawaban berubah."
                )
                return redirect("lke:score", code, year)
            if report.ok:
                token = _keep_upload(request, data, assessment, layer)
    return TemplateResponse(
        request,
        "lke/workbook_import.html",
        {
            "access": access,
            "unit": access.unit,
            "assessment": assessment,
            "layer": layer,
            "layer_label": Layer(layer).label if layer else "",
            "form": form,
            "report": report,
            "token": token,
            "can_upload": layer is not None,
        },
    )


PENDING_KEY = "lke_pending_imports"


def _keep_upload(
    request: HttpRequest, data: bytes, assessment: Assessment, layer: str
) -> str:
    """Keep a previewed workbook in private storage until the user applies it."""
    import secrets

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    token = secrets.token_urlsafe(16)
    name = default_storage.save(f"lke-imports/{token}.xlsx", ContentFile(data))
    pending = dict(request.session.get(PENDING_KEY, {}))
    pending[token] = {"name": name, "assessment": assessment.pk, "layer": layer}
    request.session[PENDING_KEY] = pending
    return token


def _pending_upload(
    request: HttpRequest, token: str, assessment: Assessment, layer: str
) -> bytes | None:
    """Return (and forget) the previewed workbook of this user, assessment and layer."""
    from django.core.files.storage import default_storage

    pending = dict(request.session.get(PENDING_KEY, {}))
    entry = pending.pop(token, None)
    request.session[PENDING_KEY] = pending
    if entry is None:
        return None
    try:
        if (entry["assessment"], entry["layer"]) != (assessment.pk, layer):
            return None
        with default_storage.open(entry["name"], "rb") as handle:
            data: bytes = handle.read()
    except OSError:
        return None
    finally:
        # The token is spent: the preview file goes now (applied or not); files of
        # previews never applied are removed by `manage.py purge_lke_imports`.
        default_storage.delete(entry["name"])
    return data


@login_required
def dashboard_panel(request: HttpRequest, code: str) -> HttpResponse:
    """Summarise the unit's latest LKE on its dashboard (loaded by htmx)."""
    from sizi.lke.models import LayerScore

    access = permissions.get_unit_for_user(request.user, code)
    assessment = (
        Assessment.objects.filter(unit=access.unit)
        .select_related("instrument")
        .order_by("-year")
        .first()
    )
    scores_by_layer = (
        {s.layer: s for s in LayerScore.objects.filter(assessment=assessment)}
        if assessment
        else {}
    )
    effective = next(
        (scores_by_layer[x] for x in reversed(Layer.ordered()) if x in scores_by_layer),
        None,
    )
    own = scores_by_layer.get(Layer.SELF)
    return TemplateResponse(
        request,
        "lke/_dashboard_panel.html",
        {
            "unit": access.unit,
            "assessment": assessment,
            "effective": effective,
            "progress": round(100 * own.answered / own.question_count)
            if own and own.question_count
            else 0,
            "returned": ReviewNote.objects.filter(
                assessment=assessment, returned=True, resolved=False
            ).count()
            if assessment and assessment.status == Assessment.Status.RETURNED
            else 0,
        },
    )
