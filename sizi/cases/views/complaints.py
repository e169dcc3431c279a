"""Complaint handling for staff: list, register, detail, the handling actions, files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.cases import permissions
from sizi.cases.attachments import IncomingFile
from sizi.cases.complaints import queries, services
from sizi.cases.complaints.forms import (
    AssignForm,
    ForwardForm,
    ReclassifyForm,
    RegisterComplaintForm,
    TextForm,
    VerifyForm,
)
from sizi.cases.complaints.models import Complaint, ComplaintReporter
from sizi.cases.permissions import ChannelAccess, ChannelRights
from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.workdays import current_calendar
from sizi.evidence.uploads import capped_uploads
from sizi.units.permissions import require

PAGE_SIZE = 100


def form_errors(form: forms.Form) -> str:
    """One Indonesian message naming each field that is wrong."""
    parts = []
    for name, errors in form.errors.as_data().items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(m) for e in errors for m in e.messages)
        parts.append(f"{label}: {text}" if label else text)
    return "Periksa isian — " + "; ".join(parts)


def context(
    channel: ChannelAccess, rights: ChannelRights, **extra: Any
) -> dict[str, Any]:
    """A page context with the unit, the access and the rights."""
    return {
        "access": channel.access,
        "unit": channel.access.unit,
        "rights": rights,
        **extra,
    }


@login_required
def complaint_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """All complaints for handlers and leaders; a PIC sees those assigned to them."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    today = timezone.localdate()
    queryset = queries.visible_complaints(
        channel.access.unit, request.user, all_of_unit=rights.can_view_complaints
    )
    status = request.GET.get("status", "")
    if status == "terlambat":
        queryset = queryset.filter(queries.late_filter(today))
    elif status in Complaint.Status.values:
        queryset = queryset.filter(status=status)
    counts = queries.counts_by_status(channel.access.unit)
    return TemplateResponse(
        request,
        "cases/complaint_list.html",
        context(
            channel,
            rights,
            rows=queries.rows(
                queryset.order_by("-received_at", "-pk")[:PAGE_SIZE], today
            ),
            status=status,
            statuses=Complaint.Status.choices,
            counts=[(s.label, counts.get(s.value, 0)) for s in Complaint.Status],
            late_count=Complaint.objects.filter(
                queries.late_filter(today), unit=channel.access.unit
            ).count(),
        ),
    )


@login_required
@capped_uploads
def complaint_register(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Register a complaint received via SP4N-LAPOR!, phone, letter or in person."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_handle_complaint)
    form = RegisterComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = (
            timezone.now()
            if data["received_on"] >= timezone.localdate()
            else timezone.make_aware(datetime.combine(data["received_on"], time(8)))
        )
        reporter = (
            None
            if data["privacy"] == Complaint.Privacy.ANONYMOUS
            else services.ReporterData(
                data["name"], data["email"], data["phone"], data["wants_updates"]
            )
        )
        try:
            complaint, _ = services.file_complaint(
                channel.access.unit,
                services.ComplaintData(
                    subject=data["subject"],
                    body=data["body"],
                    privacy=data["privacy"],
                    location=data["location"],
                    incident_date=data["incident_date"],
                    channel=data["channel"],
                    lapor_number=data["lapor_number"],
                    received_at=received,
                ),
                reporter=reporter,
                files=[IncomingFile(f.name, f) for f in data["attachments"]],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Pengaduan {complaint.number} dicatat.")
            return redirect("cases:complaint_detail", code=code, pk=complaint.pk)
    return TemplateResponse(
        request,
        "cases/complaint_register.html",
        context(channel, rights, form=form),
        status=422 if request.method == "POST" else 200,
    )


def _action_forms(
    complaint: Complaint, rights: ChannelRights
) -> dict[str, forms.Form | None]:
    handle = rights.can_handle_complaint
    status = complaint.status
    is_open = complaint.is_open
    return {
        "verify_form": VerifyForm()
        if handle and status == Complaint.Status.RECEIVED
        else None,
        "reclassify_form": ReclassifyForm(
            initial={"category": complaint.category}, auto_id="id_reclassify_%s"
        )
        if handle
        and status in (Complaint.Status.VERIFIED, Complaint.Status.IN_PROGRESS)
        else None,
        "assign_form": AssignForm(
            unit=complaint.unit,
            initial={"handler": complaint.handler_id, "pic": complaint.pic_id},
        )
        if handle and is_open
        else None,
        "forward_form": ForwardForm(unit=complaint.unit, auto_id="id_forward_%s")
        if handle and is_open
        else None,
        "reply_form": TextForm(auto_id="id_reply_%s")
        if handle and status != Complaint.Status.CLOSED
        else None,
        "note_form": TextForm(auto_id="id_note_%s") if rights.can_note else None,
        "follow_up_form": TextForm(auto_id="id_follow_up_%s")
        if handle
        and status in (Complaint.Status.VERIFIED, Complaint.Status.IN_PROGRESS)
        else None,
        "close_form": TextForm(auto_id="id_close_%s")
        if handle
        and (
            status == Complaint.Status.ANSWERED
            or (is_open and complaint.category == Complaint.Category.NOT_OUR_MATTER)
        )
        else None,
    }


@login_required
def complaint_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """One complaint: content, identity (handlers only), files, trail and actions."""
    channel, complaint, rights = permissions.get_complaint_for_user(
        request.user, code, pk
    )
    reporter = (
        ComplaintReporter.objects.filter(complaint=complaint).first()
        if rights.can_see_identity
        else None
    )
    calendar = current_calendar()
    today = timezone.localdate()
    late_by = (
        calendar.count(complaint.due_on, today)
        if complaint.is_open and complaint.due_on and complaint.due_on < today
        else 0
    )
    return TemplateResponse(
        request,
        "cases/complaint_detail.html",
        context(
            channel,
            rights,
            complaint=complaint,
            reporter=reporter,
            attachments=list(complaint.attachments.all()),
            events=list(complaint.events.select_related("actor")),
            late_by=late_by,
            **_action_forms(complaint, rights),
        ),
    )


def _act(
    request: AuthenticatedHttpRequest,
    code: str,
    pk: int,
    form_class: Callable[..., forms.Form],
    action: Callable[[Complaint, dict[str, Any]], object],
    success: str,
    *,
    needs: str = "can_handle_complaint",
    unit_form: bool = False,
) -> HttpResponse:
    """Run one handling action: rights, form, service, message, back to the detail.

    ``unit_form`` forms pick people or units relative to the complaint's unit.
    """
    channel, complaint, rights = permissions.get_complaint_for_user(
        request.user, code, pk
    )
    require(getattr(rights, needs))
    form = (
        form_class(request.POST, unit=complaint.unit)
        if unit_form
        else form_class(request.POST)
    )
    if form.is_valid():
        try:
            action(complaint, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, form_errors(form))
    if not Complaint.objects.filter(pk=pk, unit=channel.access.unit).exists():
        return redirect("cases:complaint_list", code=code)
    return redirect("cases:complaint_detail", code=code, pk=pk)


Run = Callable[[Complaint, dict[str, Any], Any], object]


def _action_view(
    form_class: Callable[..., forms.Form],
    run: Run,
    success: str,
    *,
    needs: str = "can_handle_complaint",
    unit_form: bool = False,
) -> Callable[[AuthenticatedHttpRequest, str, int], HttpResponse]:
    """Make the POST-only view of one handling action (all share :func:`_act`)."""

    @login_required
    @require_POST
    def view(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
        return _act(
            request,
            code,
            pk,
            form_class,
            lambda c, d: run(c, d, request.user),
            success,
            needs=needs,
            unit_form=unit_form,
        )

    return view


complaint_verify = _action_view(
    VerifyForm,
    lambda c, d, by: services.verify_complaint(
        c, category=d["category"], note=d["note"], by=by
    ),
    "Pengaduan diverifikasi.",
)
complaint_reclassify = _action_view(
    ReclassifyForm,
    lambda c, d, by: services.reclassify_complaint(
        c, category=d["category"], reason=d["reason"], by=by
    ),
    "Klasifikasi pengaduan diubah.",
)
complaint_assign = _action_view(
    AssignForm,
    lambda c, d, by: services.assign_complaint(
        c, handler=d["handler"], pic=d["pic"], by=by
    ),
    "Penugasan disimpan.",
    unit_form=True,
)
complaint_forward = _action_view(
    ForwardForm,
    lambda c, d, by: services.forward_complaint(
        c, to_unit=d["to_unit"], reason=d["reason"], by=by
    ),
    "Pengaduan diteruskan.",
    unit_form=True,
)
complaint_reply = _action_view(
    TextForm,
    lambda c, d, by: services.reply_to_reporter(c, text=d["text"], by=by),
    "Balasan dikirim kepada pelapor.",
)
complaint_note = _action_view(
    TextForm,
    lambda c, d, by: services.add_note(c, text=d["text"], by=by),
    "Catatan disimpan.",
    needs="can_note",
)
complaint_follow_up = _action_view(
    TextForm,
    lambda c, d, by: services.record_follow_up(c, text=d["text"], by=by),
    "Tindak lanjut dicatat.",
)
complaint_close = _action_view(
    TextForm,
    lambda c, d, by: services.close_complaint(c, text=d["text"], by=by),
    "Pengaduan ditutup.",
)


@login_required
def complaint_attachment(
    request: AuthenticatedHttpRequest, code: str, pk: int, attachment: int
) -> FileResponse:
    """Download an attachment (anyone who may read the complaint)."""
    _, complaint, _ = permissions.get_complaint_for_user(request.user, code, pk)
    row = get_object_or_404(complaint.attachments, pk=attachment)
    if not default_storage.exists(row.file.name):
        raise Http404("Berkas tidak ditemukan.")
    return FileResponse(
        default_storage.open(row.file.name, "rb"),
        as_attachment=True,
        filename=row.original_name,
        content_type=row.content_type,
    )
