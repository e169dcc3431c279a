"""Gratification (UPG) pages: report, handle, recap. Thin: access → form → service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.integrity import permissions, queries
from sizi.integrity.forms.gratification import (
    CompletionRequestForm,
    DecisionForm,
    ForwardForm,
    HandoverForm,
    ReportForm,
    ValueCheckForm,
)
from sizi.integrity.models import GratificationReport
from sizi.integrity.services import gratification as services
from sizi.units.permissions import UnitAccess, get_unit_for_user, require

LIST_LIMIT = 200


def _context(
    access: UnitAccess, rights: permissions.IntegrityRights, **extra: Any
) -> dict[str, Any]:
    return {"access": access, "unit": access.unit, "rights": rights, **extra}


@login_required
def home(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The integrity registers of a unit."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    return TemplateResponse(request, "integrity/home.html", _context(access, rights))


@login_required
def report_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The UPG sees every report; a member sees their own; leaders see counts."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    reports = GratificationReport.objects.for_unit(access.unit).select_related(
        "reporter"
    )
    mine = list(reports.by_reporter(request.user)[:LIST_LIMIT])
    shown = list(reports[:LIST_LIMIT]) if rights.is_upg else []
    counts = queries.gratification_counts(access.unit) if rights.can_see_counts else []
    return TemplateResponse(
        request,
        "integrity/gratification_list.html",
        _context(
            access,
            rights,
            mine=mine,
            reports=shown,
            counts=counts,
            today=timezone.localdate(),
        ),
    )


@login_required
def report_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """An employee reports a gratification received or refused."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    require(rights.can_report)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.submit_report(
                access.unit, form.report_data(), by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Laporan {report.number} terkirim ke UPG.")
            return redirect(
                "integrity:gratification_detail", access.unit.code, report.pk
            )
    return TemplateResponse(
        request,
        "integrity/gratification_form.html",
        _context(access, rights, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
def report_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """A report, for its reporter and the UPG (whose every read is audited)."""
    access, report = permissions.get_report_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, report=report)
    if not rights.is_reporter:
        services.record_upg_read(report, by=request.user)
    return _detail(request, access, rights, report)


def _detail(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    rights: permissions.IntegrityRights,
    report: GratificationReport,
    *,
    status: int = 200,
    **forms: Form,
) -> TemplateResponse:
    rule = services.rule_for(report)
    return TemplateResponse(
        request,
        "integrity/gratification_detail.html",
        _context(
            access,
            rights,
            report=report,
            rule=rule,
            value_notes=services.value_notes(report),
            today=timezone.localdate(),
            completion_form=forms.get("completion_form") or CompletionRequestForm(),
            forward_form=forms.get("forward_form") or ForwardForm(),
            decision_form=forms.get("decision_form") or DecisionForm(),
            handover_form=forms.get("handover_form") or HandoverForm(),
        ),
        status=status,
    )


@login_required
def report_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """The reporter corrects or completes their report."""
    access, report = permissions.get_report_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, report=report)
    require(rights.can_edit)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_report(report, form.report_data(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Laporan diperbarui dan dikirim kembali ke UPG.")
            return redirect(
                "integrity:gratification_detail", access.unit.code, report.pk
            )
    return TemplateResponse(
        request,
        "integrity/gratification_form.html",
        _context(access, rights, form=form, report=report),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def report_verify(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, report = permissions.get_report_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, report=report)
    require(rights.can_verify)
    try:
        services.verify_report(report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Laporan diverifikasi.")
    return redirect("integrity:gratification_detail", access.unit.code, report.pk)


def _form_action(
    request: AuthenticatedHttpRequest,
    code: str,
    pk: int,
    *,
    allowed: Callable[[permissions.IntegrityRights], bool],
    form: Form,
    form_name: str,
    run: Callable[[GratificationReport, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """One UPG step with a form: rights, form, service, back to the detail page.

    A refused form shows the detail page again with that form's errors (422).
    """
    access, report = permissions.get_report_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, report=report)
    require(allowed(rights))
    if form.is_valid():
        try:
            run(report, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect("integrity:gratification_detail", access.unit.code, pk)
    return _detail(request, access, rights, report, status=422, **{form_name: form})


@login_required
@require_POST
def report_request_completion(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _form_action(
        request,
        code,
        pk,
        # Before forwarding: a reported or verified report may still lack something.
        allowed=lambda rights: rights.can_verify or rights.can_forward,
        form=CompletionRequestForm(request.POST),
        form_name="completion_form",
        run=lambda report, data: services.request_completion(
            report, by=request.user, note=data["completion_note"]
        ),
        success="Pelapor diminta melengkapi laporan.",
    )


@login_required
@require_POST
def report_forward(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _form_action(
        request,
        code,
        pk,
        allowed=lambda rights: rights.can_forward,
        form=ForwardForm(request.POST),
        form_name="forward_form",
        run=lambda report, data: services.forward_to_kpk(
            report,
            by=request.user,
            reference=data["kpk_reference"],
            forwarded_on=data["forwarded_on"],
        ),
        success="Laporan dicatat telah diteruskan ke KPK.",
    )


@login_required
@require_POST
def report_decide(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _form_action(
        request,
        code,
        pk,
        allowed=lambda rights: rights.can_decide,
        form=DecisionForm(request.POST),
        form_name="decision_form",
        run=lambda report, data: services.record_decision(
            report, by=request.user, **data
        ),
        success="Penetapan KPK dicatat.",
    )


@login_required
@require_POST
def report_handover(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _form_action(
        request,
        code,
        pk,
        allowed=lambda rights: rights.can_hand_over,
        form=HandoverForm(request.POST),
        form_name="handover_form",
        run=lambda report, data: services.record_handover(
            report, by=request.user, **data
        ),
        success="Penyerahan dicatat; laporan selesai.",
    )


@login_required
def value_check(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """While the form is filled (htmx): the rule in force, its clocks and thresholds."""
    access = get_unit_for_user(request.user, code)
    require(permissions.can_report_gratification(access))
    form = ValueCheckForm(request.GET)
    preview = services.preview(**form.cleaned_data) if form.is_valid() else None
    return TemplateResponse(
        request, "integrity/_value_check.html", {"preview": preview, "form": form}
    )
