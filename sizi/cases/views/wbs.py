"""The WBS pages of signed-in people: handlers, custodians, pimpinan, coordinator.

Access goes through :mod:`sizi.cases.wbs.permissions`: a report is a 404 for
anyone but the unit's handlers, and every handler read is audited by the
service that opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from sizi.cases.wbs import keyring, permissions, recap, services
from sizi.cases.wbs.crypto import SealError
from sizi.cases.wbs.forms import (
    HandlerMessageForm,
    IdentityDecisionForm,
    IdentityRequestForm,
    OfficerForm,
    RecapForm,
    RetentionForm,
    StatusForm,
)
from sizi.cases.wbs.keyring import WbsUnavailable
from sizi.cases.wbs.models import (
    IdentityRequest,
    WbsAttachment,
    WbsOfficer,
    WhistleblowReport,
)
from sizi.cases.wbs.permissions import WbsAccess
from sizi.core.http import AuthenticatedHttpRequest
from sizi.units.permissions import require


def _context(wbs: WbsAccess, **extra: Any) -> dict[str, Any]:
    return {
        "unit": wbs.unit,
        "access": wbs.access,
        "wbs": wbs,
        "rights": permissions.rights_for(wbs),
        "key_available": keyring.is_available(),
        **extra,
    }


def _errors(form: forms.Form) -> str:
    """Return a form's errors as one line for a flash message."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@dataclass(frozen=True)
class ReportRow:
    """One line of the handlers' list: numbers and labels, no content."""

    pk: int
    submitted_on: date
    category: str
    status: str
    unread: bool
    pending_identity: int


def _report_rows(wbs: WbsAccess) -> list[ReportRow]:
    reports = (
        WhistleblowReport.objects.filter(unit=wbs.unit)
        .annotate(
            pending=Count(
                "identity_requests",
                filter=Q(identity_requests__status=IdentityRequest.Status.PENDING),
            )
        )
        .values_list(
            "pk", "submitted_on", "category", "status", "unread_by_handler", "pending"
        )
    )
    categories = dict(WhistleblowReport.Category.choices)
    statuses = dict(WhistleblowReport.Status.choices)
    return [
        ReportRow(pk, on, categories[cat], statuses[status], unread, pending)
        for pk, on, cat, status, unread, pending in reports
    ]


@never_cache
@login_required
@require_GET
def wbs_index(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The channel: reports for handlers, counts and warnings for the pimpinan."""
    wbs = permissions.wbs_access_for(request.user, code)
    rights = permissions.rights_for(wbs)
    require(rights.can_open_channel_page)
    context = _context(
        wbs,
        has_handler=services.has_handler(wbs.unit),
        counts=recap.counts_for(wbs.unit) if rights.can_see_counts else None,
        reports=_report_rows(wbs) if rights.can_read_reports else [],
        pending_identity=(
            IdentityRequest.objects.filter(
                report__unit=wbs.unit, status=IdentityRequest.Status.PENDING
            ).count()
            if rights.can_decide_identity
            else 0
        ),
        recap_form=RecapForm(initial={"tahun": services.today().year}),
    )
    return _private(TemplateResponse(request, "cases/wbs_index.html", context))


def _report_page(
    request: AuthenticatedHttpRequest,
    wbs: WbsAccess,
    report: WhistleblowReport,
    **forms: Any,
) -> HttpResponse:
    try:
        content, conversation, attachments = services.read_report(
            report, by=request.user
        )
    except (SealError, WbsUnavailable):
        messages.error(
            request,
            "Laporan ini tidak dapat dibuka dengan kunci enkripsi yang terpasang. "
            "Minta administrator memeriksa WBS_ENCRYPTION_KEY_FILE.",
        )
        return redirect("cases:wbs_index", code=wbs.unit.code)
    approved = services.approved_identity_request(report, request.user)
    context = _context(
        wbs,
        report=report,
        content=content,
        conversation=conversation,
        attachments=attachments,
        message_form=forms.get("message_form") or HandlerMessageForm(),
        status_form=forms.get("status_form")
        or StatusForm(initial={"status": report.status}),
        identity_form=forms.get("identity_form") or IdentityRequestForm(),
        identity_requests=list(
            report.identity_requests.select_related("requested_by", "decided_by")
        ),
        identity_approved=approved is not None,
    )
    status = 422 if forms else 200
    return _private(
        TemplateResponse(request, "cases/wbs_report.html", context, status=status)
    )


@never_cache
@login_required
@require_GET
def wbs_report(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """One report, opened for a handler (audited)."""
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    return _report_page(request, wbs, report)


@login_required
@require_POST
def wbs_message(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """A handler writes to the reporter (a reply or a question)."""
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    form = HandlerMessageForm(request.POST)
    if form.is_valid():
        try:
            services.handler_message(
                report, by=request.user, text=form.cleaned_data["pesan"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Pesan terkirim. Pelapor membacanya dengan kode tanda terima."
            )
            return redirect("cases:wbs_report", code=wbs.unit.code, pk=report.pk)
    return _report_page(request, wbs, report, message_form=form)


@login_required
@require_POST
def wbs_status(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(report, by=request.user, status=form.cleaned_data["status"])
        messages.success(request, "Status laporan diperbarui.")
        return redirect("cases:wbs_report", code=wbs.unit.code, pk=report.pk)
    return _report_page(request, wbs, report, status_form=form)


@never_cache
@login_required
@require_GET
def wbs_attachment(
    request: AuthenticatedHttpRequest, code: str, pk: int, attachment: int
) -> HttpResponse:
    """The cleaned copy of an attachment, for a handler (audited)."""
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    item = get_object_or_404(WbsAttachment, report=report, pk=attachment)
    name, data = services.read_attachment(item, by=request.user)
    response = HttpResponse(data, content_type="application/octet-stream")
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    response["Content-Disposition"] = f'attachment; filename="{safe[:120]}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _private(response)


@login_required
@require_POST
def wbs_identity_request(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    form = IdentityRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_identity(
                report, by=request.user, reason=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Permintaan dikirim ke kustodian identitas.")
            return redirect("cases:wbs_report", code=wbs.unit.code, pk=report.pk)
    return _report_page(request, wbs, report, identity_form=form)


@never_cache
@login_required
@require_GET
def wbs_identity_show(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """The reporter's identity, after a custodian's approval (audited)."""
    wbs, report = permissions.get_report_for_user(request.user, code, pk)
    try:
        identity = services.read_identity(report, by=request.user)
    except ValidationError as exc:
        raise Http404("Identitas tidak tersedia.") from exc
    return _private(
        TemplateResponse(
            request,
            "cases/wbs_identity_show.html",
            _context(wbs, report=report, identity=identity),
        )
    )


@never_cache
@login_required
@require_GET
def wbs_identity_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The custodian's list of identity requests (no report content)."""
    wbs = permissions.wbs_access_for(request.user, code)
    require(wbs.is_custodian)
    requests = list(
        IdentityRequest.objects.filter(report__unit=wbs.unit).select_related(
            "requested_by", "decided_by"
        )
    )
    context = _context(wbs, requests=requests, form=IdentityDecisionForm())
    return _private(TemplateResponse(request, "cases/wbs_identity_list.html", context))


@login_required
@require_POST
def wbs_identity_decide(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    wbs, identity_request = permissions.get_identity_request_for_custodian(
        request.user, code, pk
    )
    form = IdentityDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_identity(
                identity_request,
                by=request.user,
                approve=form.cleaned_data["keputusan"] == "setujui",
                note=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Keputusan dicatat.")
    else:
        messages.error(request, "Pilih setujui atau tolak.")
    return redirect("cases:wbs_identity_list", code=wbs.unit.code)


@never_cache
@login_required
def wbs_officers(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The pimpinan appoints handlers and custodians and sets the retention."""
    wbs = permissions.wbs_access_for(request.user, code)
    require(permissions.can_appoint(wbs))
    form = OfficerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appoint_officer(
                wbs.unit,
                form.cleaned_data["user"],
                form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Petugas WBS ditunjuk.")
            return redirect("cases:wbs_officers", code=wbs.unit.code)
    channel = services.channel_for(wbs.unit)
    context = _context(
        wbs,
        form=form,
        officers=list(WbsOfficer.objects.filter(unit=wbs.unit).select_related("user")),
        retention_form=RetentionForm(
            initial={"retention_days": channel.retention_days}
        ),
    )
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(request, "cases/wbs_officers.html", context, status=status)


@login_required
@require_POST
def wbs_officer_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    wbs = permissions.wbs_access_for(request.user, code)
    require(permissions.can_appoint(wbs))
    officer = get_object_or_404(WbsOfficer, unit=wbs.unit, pk=pk)
    services.remove_officer(officer, by=request.user)
    messages.success(request, "Penunjukan petugas WBS diakhiri.")
    return redirect("cases:wbs_officers", code=wbs.unit.code)


@login_required
@require_POST
def wbs_retention(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    wbs = permissions.wbs_access_for(request.user, code)
    require(permissions.can_appoint(wbs))
    form = RetentionForm(request.POST)
    if form.is_valid():
        services.set_retention(
            wbs.unit, form.cleaned_data["retention_days"], by=request.user
        )
        messages.success(request, "Masa simpan laporan diperbarui.")
    else:
        messages.error(request, _errors(form))
    return redirect("cases:wbs_officers", code=wbs.unit.code)


@login_required
@require_POST
def wbs_recap(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """File the year's aggregate recap as bukti fisik (P.5.iv)."""
    wbs = permissions.wbs_access_for(request.user, code)
    require(permissions.rights_for(wbs).can_file_recap)
    form = RecapForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("cases:wbs_index", code=wbs.unit.code)
    evidence = recap.file_recap(
        wbs.unit, form.cleaned_data["tahun"], by=request.user, on=services.today()
    )
    messages.success(request, "Rekap WBS disimpan sebagai bukti fisik.")
    return redirect(evidence)
