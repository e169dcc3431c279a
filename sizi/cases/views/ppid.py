"""PPID work for staff: requests, their clocks and notices, keberatan, the DIP, the report."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.cases import permissions, tasks
from sizi.cases.ppid import documents, services
from sizi.cases.ppid.forms import (
    DecideForm,
    ExtendForm,
    ObjectionDecisionForm,
    ObjectionForm,
    PublicInformationForm,
    RegisterRequestForm,
)
from sizi.cases.ppid.models import (
    InformationRequest,
    Objection,
    PublicInformation,
    Requester,
)
from sizi.cases.ppid.queries import request_rows
from sizi.cases.ppid.rules import rules
from sizi.cases.views.complaints import context, form_errors
from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.jobs import start_job
from sizi.core.numbers import year_or
from sizi.units.permissions import require

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def request_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The unit's information requests with their clocks (PPID, Atasan, leaders)."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    rows = (
        request_rows(
            channel.access.unit, timezone.localdate(), request.GET.get("status", "")
        )
        if rights.can_view_requests
        else []
    )
    return TemplateResponse(
        request,
        "cases/ppid_request_list.html",
        context(
            channel,
            rights,
            rows=rows,
            statuses=InformationRequest.Status.choices,
            status=request.GET.get("status", ""),
            rules=rules(),
        ),
    )


@login_required
def request_register(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Register a request received at the desk, by letter or e-mail."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_handle_requests)
    form = RegisterRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        received = (
            timezone.now()
            if d["received_on"] >= timezone.localdate()
            else timezone.make_aware(datetime.combine(d["received_on"], time(8)))
        )
        try:
            item, _ = services.file_request(
                channel.access.unit,
                services.RequestData(
                    d["information"],
                    d["purpose"],
                    d["delivery"],
                    d["channel"],
                    received,
                ),
                services.RequesterData(
                    d["kind"],
                    d["name"],
                    d["identity_number"],
                    d["address"],
                    d["occupation"],
                    d["phone"],
                    d["email"],
                ),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Permohonan {item.number} dicatat.")
            return redirect("cases:request_detail", code=code, pk=item.pk)
    return TemplateResponse(
        request,
        "cases/ppid_request_register.html",
        context(channel, rights, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
def request_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    channel, item, rights = permissions.get_request_for_user(request.user, code, pk)
    objection = Objection.objects.filter(request=item).first()
    is_open = item.status in services.OPEN
    return TemplateResponse(
        request,
        "cases/ppid_request_detail.html",
        context(
            channel,
            rights,
            item=item,
            requester=Requester.objects.filter(request=item).first()
            if rights.can_see_requester
            else None,
            events=list(item.events.select_related("actor")),
            objection=objection,
            objection_until=services.objection_deadline(item)
            if objection is None
            else None,
            ground=rules().exception_grounds.get(item.exception_ground, ""),
            extend_form=ExtendForm()
            if rights.can_handle_requests
            and item.status == InformationRequest.Status.RECEIVED
            else None,
            decide_form=DecideForm()
            if rights.can_handle_requests and is_open
            else None,
            objection_register_form=ObjectionForm()
            if rights.can_see_requester
            and objection is None
            and services.objection_deadline(item) is not None
            else None,
            objection_form=ObjectionDecisionForm()
            if rights.can_decide_objection and objection and not objection.outcome
            else None,
            today=timezone.localdate(),
        ),
    )


def _act(
    request: AuthenticatedHttpRequest,
    code: str,
    pk: int,
    form: Any,
    action: Any,
    needs: str,
    ok: str,
) -> HttpResponse:
    _, item, rights = permissions.get_request_for_user(request.user, code, pk)
    require(getattr(rights, needs))
    bound = form(request.POST)
    if bound.is_valid():
        try:
            action(item, bound.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, ok)
    else:
        messages.error(request, form_errors(bound))
    return redirect("cases:request_detail", code=code, pk=pk)


@login_required
@require_POST
def request_extend(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _act(
        request,
        code,
        pk,
        ExtendForm,
        lambda i, d: services.extend_request(i, reason=d["reason"], by=request.user),
        "can_handle_requests",
        "Waktu jawaban diperpanjang 7 hari kerja.",
    )


@login_required
@require_POST
def request_decide(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _act(
        request,
        code,
        pk,
        DecideForm,
        lambda i, d: services.decide_request(
            i,
            decision=d["decision"],
            answer=d["answer"],
            exception_ground=d["exception_ground"],
            by=request.user,
        ),
        "can_handle_requests",
        "Pemberitahuan tertulis disimpan.",
    )


@login_required
@require_POST
def objection_decide(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    return _act(
        request,
        code,
        pk,
        ObjectionDecisionForm,
        lambda i, d: services.decide_objection(
            get_object_or_404(Objection, request=i),
            outcome=d["outcome"],
            response=d["response"],
            by=request.user,
        ),
        "can_decide_objection",
        "Tanggapan atas keberatan disimpan.",
    )


@login_required
@require_POST
def objection_register(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Record a keberatan the requester brought by letter or in person."""
    return _act(
        request,
        code,
        pk,
        ObjectionForm,
        lambda i, d: services.file_objection(
            i, reason=d["reason"], statement=d["statement"], by=request.user
        ),
        "can_see_requester",
        "Keberatan dicatat.",
    )


@login_required
def request_notice(
    request: AuthenticatedHttpRequest, code: str, pk: int, fmt: str
) -> HttpResponse:
    """The written notice as DOCX or PDF (it names the requester: PPID and Atasan only)."""
    _, item, rights = permissions.get_request_for_user(request.user, code, pk)
    require(rights.can_see_requester)
    if not item.decision or fmt not in ("docx", "pdf"):
        return redirect("cases:request_detail", code=code, pk=pk)
    data = documents.notice_data(item, services.objection_deadline(item))
    name = f"pemberitahuan-{item.number}.{fmt}"
    if fmt == "pdf":
        return _download(documents.notice_pdf(data), "application/pdf", name)
    return _download(documents.notice_docx(data), DOCX, name)


@login_required
def dip_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The Daftar Informasi Publik: everyone who sees the unit reads; PPID and leaders edit."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    entries = list(PublicInformation.objects.filter(unit=channel.access.unit))
    return TemplateResponse(
        request,
        "cases/ppid_dip_list.html",
        context(channel, rights, entries=entries, grounds=rules().exception_grounds),
    )


@login_required
def dip_edit(
    request: AuthenticatedHttpRequest, code: str, pk: int | None = None
) -> HttpResponse:
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_manage_dip)
    entry = (
        get_object_or_404(PublicInformation, unit=channel.access.unit, pk=pk)
        if pk
        else PublicInformation(unit=channel.access.unit)
    )
    form = PublicInformationForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_public_information(
                PublicInformation.objects.get(pk=entry.pk)
                if entry.pk
                else PublicInformation(unit=channel.access.unit),
                form.cleaned_data,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Daftar informasi publik disimpan.")
            return redirect("cases:dip_list", code=code)
    return TemplateResponse(
        request,
        "cases/ppid_dip_edit.html",
        context(channel, rights, form=form, entry=entry),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def dip_delete(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    channel = permissions.channel_access(request.user, code)
    require(permissions.rights_for(channel).can_manage_dip)
    entry = get_object_or_404(PublicInformation, unit=channel.access.unit, pk=pk)
    services.delete_public_information(entry, by=request.user)
    messages.success(request, "Entri dihapus.")
    return redirect("cases:dip_list", code=code)


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    this = timezone.localdate().year
    return year_or(raw, low=2000, high=this + 1, default=this)


@login_required
def ppid_report(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The annual PPID service report: the page; a POST prepares its PDF or XLSX (job)."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_view_requests)
    unit, year = channel.access.unit, _year(request)
    fmt = request.POST.get("format", "")
    if request.method == "POST" and fmt in tasks.CONTENT_TYPES:
        with transaction.atomic():
            job = start_job(
                tasks.ppid_report_task,
                by=request.user,
                unit=unit,
                kind="cases.ppid_report",
                title=f"Laporan PPID {year} ({fmt.upper()}) · {unit.name}",
                params={"unit": unit.pk, "year": year, "format": fmt},
            )
        return redirect(job)
    report = documents.report_for(unit, year)
    return TemplateResponse(
        request,
        "cases/ppid_report.html",
        context(channel, rights, report=report, year=year),
    )


@login_required
@require_POST
def ppid_report_file(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_handle_requests or rights.can_manage_dip)
    year = _year(request)
    evidence = documents.file_report(
        channel.access.unit, year, by=request.user, on=timezone.localdate()
    )
    messages.success(
        request, f"Laporan diarsipkan sebagai bukti fisik: {evidence.title}."
    )
    return redirect(f"{request.path.removesuffix('arsipkan/')}?tahun={year}")
