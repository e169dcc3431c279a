"""Closing an evaluation: approval, conclusion, predicates, LHE, findings, replies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core import jobs
from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke.forms import FindingForm, PredicateForm, ReplyForm
from sizi.lke.models import (
    EvaluationReport,
    FindingAction,
    PredicateRecord,
    ReviewNote,
)
from sizi.lke.permissions import (
    acts_as_tpi,
    can_turn_findings,
    get_assessment_for_user,
    get_note_for_user,
    write_layer,
)
from sizi.lke.services import closing, findings, lhe
from sizi.lke.tasks import render_lhe_docx, render_lhe_pdf
from sizi.lke.views.context import layer_context
from sizi.units import permissions


@login_required
@require_POST
def assessment_approve(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """The unit's pimpinan approves the self-assessment ("Setujui")."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(permissions.can_approve(access))
    try:
        closing.approve_assessment(assessment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Penilaian mandiri disetujui pimpinan; kini dapat diajukan."
        )
    return redirect("lke:score", code, year)


@login_required
def predicates(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The unit's predicate history; coordinators and admins enter past years."""
    access = permissions.get_unit_for_user(request.user, code)
    may_enter = permissions.can_manage_unit(access) or access.is_admin
    form = PredicateForm(request.POST or None)
    if request.method == "POST":
        permissions.require(may_enter)
        if form.is_valid():
            try:
                closing.record_predicate(
                    access.unit,
                    year=form.cleaned_data["year"],
                    predicate=form.cleaned_data["predicate"],
                    source=PredicateRecord.Source.ENTERED,
                    decree_reference=form.cleaned_data["decree_reference"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Predikat tercatat.")
                return redirect("lke:predicates", code)
    return TemplateResponse(
        request,
        "lke/predicates.html",
        {
            "access": access,
            "unit": access.unit,
            "records": PredicateRecord.objects.filter(unit=access.unit)
            .select_related("recorded_by")
            .order_by("-year"),
            "form": form,
            "may_enter": may_enter,
        },
    )


@login_required
@require_POST
def report_issue(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """TPI issues a numbered LHE (DOCX filed as evidence; PDF as a background job)."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(acts_as_tpi(request.user, access))
    try:
        issued = lhe.issue_report(assessment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:score", code, year)
    jobs.start_job(
        render_lhe_pdf,
        by=request.user,
        unit=access.unit,
        kind="lke.lhe_pdf",
        title=f"{issued.report.reference} (PDF)",
        params={"report": issued.report.pk},
    )
    messages.success(
        request,
        f"{issued.report.reference} dibuat dan disimpan di Bukti fisik. "
        "PDF-nya sedang disiapkan di Unduhan saya.",
    )
    return redirect("lke:score", code, year)


@login_required
@require_POST
def report_docx(
    request: AuthenticatedHttpRequest, code: str, year: int, number: int
) -> HttpResponse:
    """Prepare an issued LHE as DOCX under "Unduhan saya" (anyone who sees it)."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    report = get_object_or_404(EvaluationReport, assessment=assessment, number=number)
    job = jobs.start_job(
        render_lhe_docx,
        by=request.user,
        unit=access.unit,
        kind="lke.lhe_docx",
        title=f"{report.reference} (DOCX)",
        params={"report": report.pk},
    )
    return redirect(job)


@login_required
def findings_page(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Every reviewer note with its thread and follow-up, and earlier open findings."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    notes = (
        ReviewNote.objects.filter(assessment=assessment)
        .select_related("question__sub_area__area", "author", "action__step")
        .prefetch_related("replies__author")
        .order_by("question__order", "created_at", "pk")
    )
    tpi = acts_as_tpi(request.user, access)
    return TemplateResponse(
        request,
        "lke/findings.html",
        {
            **layer_context(
                access,
                assessment,
                write_layer(request.user, access, assessment),
                tpi=tpi,
            ),
            "notes": notes,
            "earlier": findings.earlier_open_findings(assessment),
            "reply_form": ReplyForm(),
        },
    )


@login_required
def finding_step(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Turn a reviewer's note into a follow-up step with PIC and target date."""
    access, assessment, note = get_note_for_user(request.user, code, year, pk)
    permissions.require(can_turn_findings(request.user, access))
    if FindingAction.objects.filter(note=note).exists():
        raise Http404("Catatan ini sudah dijadikan langkah tindak lanjut.")
    indicators = {i.pk: i for i in findings.unit_indicators(access.unit)}
    people = {u.pk: u for u in findings.unit_people(access.unit)}
    form = FindingForm(
        request.POST or None,
        initial={"text": note.text},
        indicators=[
            (pk, f"{i.component.area.plan.year} · {i.text[:100]}")
            for pk, i in indicators.items()
        ],
        owners=[(pk, str(u)) for pk, u in people.items()],
    )
    if request.method == "POST" and form.is_valid():
        try:
            findings.turn_into_step(
                note,
                indicator=indicators[form.cleaned_data["indicator"]],
                text=form.cleaned_data["text"],
                owner=people[form.cleaned_data["owner"]],
                target_date=form.cleaned_data["target_date"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Langkah tindak lanjut ditambahkan ke rencana aksi."
            )
            return redirect("lke:findings", code, year)
    return TemplateResponse(
        request,
        "lke/finding_step.html",
        {
            **layer_context(access, assessment, None),
            "note": note,
            "form": form,
            "has_indicators": bool(indicators),
        },
    )


@login_required
@require_POST
def note_reply(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Add a reply to a note's thread (the unit's members or the reviewers)."""
    access, _assessment, note = get_note_for_user(request.user, code, year, pk)
    permissions.require(
        permissions.can_contribute(access) or permissions.can_review_unit(access)
    )
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tanggapan tidak boleh kosong.")
    else:
        findings.add_reply(note, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, "Tanggapan tersimpan.")
    return redirect("lke:findings", code, year)
