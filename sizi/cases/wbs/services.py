"""Every write of the WBS: intake, conversation, status, officers, identity, purge.

Reporter actions have no ``by`` (the reporter has no account) and write no
audit entry: an entry's timestamp would date the reporter's request to the
second; the report's rows, dated to the day, are the record. Handler,
custodian and pimpinan actions take ``by`` and are audited, reads included.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.cases.wbs import receipts, scrub
from sizi.cases.wbs.keyring import master_key, receipt_cost
from sizi.cases.wbs.models import (
    IdentityRequest,
    WbsAttachment,
    WbsChannel,
    WbsMessage,
    WbsOfficer,
    WhistleblowReport,
)
from sizi.cases.wbs.sealing import Box, Identity, ReportContent
from sizi.core.audit import record
from sizi.core.ratelimit import Limit, hit
from sizi.evidence.validation import check_upload
from sizi.units.models import Unit, User

# Limits per unit, never per client: keying on the client would need its address.
LOOKUP_LIMIT = Limit(count=60, seconds=600)
SUBMIT_LIMIT = Limit(count=30, seconds=3600)
MAX_FILES = 3


class ChannelClosed(Exception):
    """The unit has no handler: a report would go to nobody."""


class RateLimited(Exception):
    """Too many submissions or look-ups for this unit just now."""


@dataclass(frozen=True)
class Upload:
    """A file a reporter sent, read into memory (the form bounds its size)."""

    name: str
    content: bytes


@dataclass(frozen=True)
class OpenedAttachment:
    pk: int
    name: str
    kind: str
    size: int


@dataclass(frozen=True)
class OpenedMessage:
    author_kind: str
    author_label: str
    body: str
    sent_on: date
    attachments: tuple[OpenedAttachment, ...]


def today() -> date:
    return timezone.localdate()


def has_handler(unit: Unit) -> bool:
    """Return whether at least one active handler is appointed for the unit."""
    return WbsOfficer.objects.filter(
        unit=unit, role=WbsOfficer.Role.HANDLER, user__is_active=True
    ).exists()


def channel_for(unit: Unit) -> WbsChannel:
    channel, _ = WbsChannel.objects.get_or_create(unit=unit)
    return channel


def _receipt_hash(channel: WbsChannel, code: str) -> str:
    return receipts.hash_code(
        code,
        pepper=master_key(),
        salt=bytes(channel.receipt_salt),
        cost=receipt_cost(),
    )


def check_attachment(upload: Upload) -> str:
    """Return the file's kind if a WBS attachment may be it; ValidationError otherwise."""
    limit = settings.WBS_MAX_ATTACHMENT_SIZE
    if len(upload.content) > limit:
        raise ValidationError(
            f"Lampiran «{upload.name}» melebihi batas {limit // (1024 * 1024)} MB."
        )
    checked = check_upload(upload.name, io.BytesIO(upload.content))
    if checked.extension not in scrub.SUPPORTED:
        raise ValidationError(
            f"Lampiran «{upload.name}» tidak dapat diterima: saluran WBS hanya "
            "menerima PDF, JPG, PNG, DOCX, XLSX dan PPTX (metadatanya dibersihkan)."
        )
    return checked.extension


def _add_attachment(
    box: Box, upload: Upload, message: WbsMessage | None = None
) -> WbsAttachment:
    kind = check_attachment(upload)
    try:
        clean = scrub.scrub(kind, upload.content)
    except scrub.ScrubError as exc:
        raise ValidationError(
            f"Lampiran «{upload.name}» tidak dapat dibaca untuk dibersihkan dari "
            "metadata. Simpan ulang berkasnya lalu kirim lagi."
        ) from exc
    return WbsAttachment.objects.create(
        report=box.report,
        message=message,
        kind=kind,
        size=len(clean),
        sealed_name=box.seal("attachment-name", upload.name.encode()),
        sealed_original=box.seal("attachment-original", upload.content),
        sealed_clean=box.seal("attachment-clean", clean),
    )


@transaction.atomic
def submit_report(
    unit: Unit,
    *,
    category: str,
    content: ReportContent,
    identity: Identity | None = None,
    files: tuple[Upload, ...] = (),
) -> tuple[WhistleblowReport, str]:
    """Take a report; return it and its receipt code (shown once, never stored)."""
    if not has_handler(unit):
        raise ChannelClosed
    if len(files) > MAX_FILES:
        raise ValidationError(f"Lampiran paling banyak {MAX_FILES} berkas.")
    if not hit("wbs-submit", unit.code, SUBMIT_LIMIT):
        raise RateLimited
    channel = channel_for(unit)
    code = receipts.normalize(receipts.new_code()) or ""
    report = WhistleblowReport(
        unit=unit,
        category=category,
        receipt_hash=_receipt_hash(channel, code),
        submitted_on=today(),
    )
    box = Box.new(report)
    report.sealed_content = box.seal_content(content)
    if identity is not None:
        report.sealed_identity = box.seal_identity(identity)
    report.full_clean(exclude=["wrapped_key", "sealed_content", "sealed_identity"])
    report.save()
    for upload in files:
        _add_attachment(box, upload)
    # No audit entry: its timestamp (to the second) would date the reporter's
    # request; the report's own row, dated to the day, is the record.
    return report, receipts.format_code(code)


def find_report(unit: Unit, typed: str) -> WhistleblowReport | None:
    """Return the unit's report whose receipt was typed, or None; rate-limited per unit."""
    if not hit("wbs-lookup", unit.code, LOOKUP_LIMIT):
        raise RateLimited
    code = receipts.normalize(typed)
    channel = WbsChannel.objects.filter(unit=unit).first()
    if code is None or channel is None:
        return None
    candidate = _receipt_hash(channel, code)
    report = WhistleblowReport.objects.filter(unit=unit, receipt_hash=candidate).first()
    if report is None or not receipts.same_hash(report.receipt_hash, candidate):
        return None
    return report


def open_messages(
    report: WhistleblowReport, box: Box, *, for_reporter: bool
) -> list[OpenedMessage]:
    """Return the conversation opened; handler names are hidden from the reporter."""
    files: dict[int | None, list[OpenedAttachment]] = {}
    for att in report.attachments.all():
        files.setdefault(att.message_id, []).append(
            OpenedAttachment(
                att.pk,
                box.open("attachment-name", att.sealed_name).decode(),
                att.kind,
                att.size,
            )
        )
    opened = []
    for message in report.messages.select_related("author"):
        if message.author_kind == WbsMessage.Author.REPORTER:
            label = "Pelapor" if not for_reporter else "Anda"
        elif for_reporter or message.author is None:
            label = "Penangan WBS"
        else:
            label = message.author.get_full_name()
        opened.append(
            OpenedMessage(
                message.author_kind,
                label,
                box.open("message", message.sealed_body).decode(),
                message.sent_on,
                tuple(files.get(message.pk, [])),
            )
        )
    return opened


def report_attachments(report: WhistleblowReport, box: Box) -> list[OpenedAttachment]:
    """Return the attachments sent with the report itself (not with a message)."""
    return [
        OpenedAttachment(
            att.pk,
            box.open("attachment-name", att.sealed_name).decode(),
            att.kind,
            att.size,
        )
        for att in report.attachments.filter(message__isnull=True)
    ]


@transaction.atomic
def reporter_reply(
    report: WhistleblowReport, *, text: str, files: tuple[Upload, ...] = ()
) -> WbsMessage:
    """Add the reporter's message (an answer to a question, or more information)."""
    if report.is_closed:
        raise ValidationError("Laporan ini sudah selesai; pesan baru tidak diterima.")
    if len(files) > 1:
        raise ValidationError("Satu pesan dapat membawa satu lampiran.")
    box = Box.of(report)
    message = WbsMessage.objects.create(
        report=report,
        author_kind=WbsMessage.Author.REPORTER,
        sealed_body=box.seal("message", text.encode()),
        sent_on=today(),
    )
    for upload in files:
        _add_attachment(box, upload, message)
    report.unread_by_handler = True
    report.unread_by_reporter = False
    report.save(update_fields=["unread_by_handler", "unread_by_reporter"])
    return message  # no audit entry, as for the report itself


@transaction.atomic
def mark_read_by_reporter(report: WhistleblowReport) -> None:
    if report.unread_by_reporter:
        report.unread_by_reporter = False
        report.save(update_fields=["unread_by_reporter"])


@transaction.atomic
def read_report(
    report: WhistleblowReport, *, by: User
) -> tuple[ReportContent, list[OpenedMessage], list[OpenedAttachment]]:
    """Open a report for a handler; every read is audited."""
    box = Box.of(report)
    content = box.open_content()
    messages = open_messages(report, box, for_reporter=False)
    attachments = report_attachments(report, box)
    if report.unread_by_handler:
        report.unread_by_handler = False
        report.save(update_fields=["unread_by_handler"])
    record(by, "wbs.report_read", report, unit=report.unit)
    return content, messages, attachments


@transaction.atomic
def read_attachment(attachment: WbsAttachment, *, by: User) -> tuple[str, bytes]:
    """Return the cleaned copy of an attachment for a handler; audited."""
    box = Box.of(attachment.report)
    name = box.open("attachment-name", attachment.sealed_name).decode()
    record(
        by,
        "wbs.attachment_read",
        attachment.report,
        unit=attachment.report.unit,
        attachment=attachment.pk,
    )
    return name, box.open("attachment-clean", attachment.sealed_clean)


@transaction.atomic
def handler_message(report: WhistleblowReport, *, by: User, text: str) -> WbsMessage:
    """Send a handler's reply or question to the reporter (read with the receipt)."""
    text = text.strip()
    if not text:
        raise ValidationError("Pesan tidak boleh kosong.")
    box = Box.of(report)
    message = WbsMessage.objects.create(
        report=report,
        author_kind=WbsMessage.Author.HANDLER,
        author=by,
        sealed_body=box.seal("message", text.encode()),
        sent_on=today(),
    )
    report.unread_by_reporter = True
    fields = ["unread_by_reporter"]
    if report.first_response_on is None:
        report.first_response_on = today()
        fields.append("first_response_on")
    report.save(update_fields=fields)
    record(by, "wbs.handler_replied", report, unit=report.unit)
    return message


@transaction.atomic
def set_status(
    report: WhistleblowReport, *, by: User, status: str
) -> WhistleblowReport:
    """Move a report to another status; closing dates it."""
    if status not in WhistleblowReport.Status.values:
        raise ValidationError("Status tidak dikenal.")
    before = report.status
    report.status = status
    if report.first_response_on is None and status != WhistleblowReport.Status.NEW:
        report.first_response_on = today()
    report.closed_on = today() if report.is_closed else None
    report.save(update_fields=["status", "first_response_on", "closed_on"])
    record(
        by,
        "wbs.status_changed",
        report,
        unit=report.unit,
        changes={"status": [before, status]},
    )
    return report


@transaction.atomic
def appoint_officer(unit: Unit, user: User, role: str, *, by: User) -> WbsOfficer:
    """Appoint a handler or custodian for the unit's channel; audited."""
    if user.pk == by.pk and not by.is_superuser:
        raise ValidationError(
            "Pimpinan tidak dapat menunjuk dirinya sendiri sebagai petugas WBS."
        )
    officer = WbsOfficer(unit=unit, user=user, role=role, appointed_by=by)
    officer.full_clean()
    officer.save()
    channel_for(unit)
    record(
        by,
        "wbs.officer_appointed",
        officer,
        unit=unit,
        user=user.get_full_name(),
        role=role,
    )
    return officer


@transaction.atomic
def remove_officer(officer: WbsOfficer, *, by: User) -> None:
    """End an appointment; audited."""
    record(
        by,
        "wbs.officer_removed",
        officer,
        unit=officer.unit,
        user=officer.user.get_full_name(),
        role=officer.role,
    )
    officer.delete()


@transaction.atomic
def set_retention(unit: Unit, days: int, *, by: User) -> WbsChannel:
    channel = channel_for(unit)
    before = channel.retention_days
    channel.retention_days = days
    channel.full_clean()
    channel.save(update_fields=["retention_days", "updated_at"])
    record(
        by,
        "wbs.retention_changed",
        channel,
        unit=unit,
        changes={"retention_days": [before, days]},
    )
    return channel


@transaction.atomic
def request_identity(
    report: WhistleblowReport, *, by: User, reason: str
) -> IdentityRequest:
    """A handler asks the custodian to reveal the reporter's identity."""
    if not report.has_identity:
        raise ValidationError("Pelapor tidak menyebutkan identitasnya.")
    if not reason.strip():
        raise ValidationError("Tuliskan alasan permintaan identitas.")
    request = IdentityRequest(report=report, requested_by=by, reason=reason.strip())
    request.full_clean()
    request.save()
    record(by, "wbs.identity_requested", request, unit=report.unit)
    return request


@transaction.atomic
def decide_identity(
    request: IdentityRequest, *, by: User, approve: bool, note: str = ""
) -> IdentityRequest:
    """The custodian approves or refuses a request; the decision is audited."""
    if request.status != IdentityRequest.Status.PENDING:
        raise ValidationError("Permintaan ini sudah diputuskan.")
    if request.requested_by_id == by.pk:
        raise ValidationError("Permintaan tidak dapat diputuskan oleh pemintanya.")
    request.status = (
        IdentityRequest.Status.APPROVED if approve else IdentityRequest.Status.REFUSED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    record(
        by,
        "wbs.identity_approved" if approve else "wbs.identity_refused",
        request,
        unit=request.report.unit,
    )
    return request


def approved_identity_request(
    report: WhistleblowReport, user: User
) -> IdentityRequest | None:
    return (
        report.identity_requests.filter(
            requested_by=user, status=IdentityRequest.Status.APPROVED
        )
        .order_by("-decided_at")
        .first()
    )


@transaction.atomic
def read_identity(report: WhistleblowReport, *, by: User) -> Identity:
    """Open the reporter's identity for a handler whose request was approved."""
    if approved_identity_request(report, by) is None:
        raise ValidationError("Identitas hanya dibuka setelah disetujui kustodian.")
    identity = Box.of(report).open_identity()
    if identity is None:
        raise ValidationError("Pelapor tidak menyebutkan identitasnya.")
    record(by, "wbs.identity_read", report, unit=report.unit)
    return identity


def _wipe(report: WhistleblowReport) -> None:
    """Overwrite a report's sealed columns, then delete it and everything of it."""
    WbsAttachment.objects.filter(report=report).update(
        sealed_name=b"", sealed_original=b"", sealed_clean=b""
    )
    WbsMessage.objects.filter(report=report).update(sealed_body=b"")
    WhistleblowReport.objects.filter(pk=report.pk).update(
        wrapped_key=b"", sealed_content=b"", sealed_identity=None
    )
    report.delete()


@transaction.atomic
def purge_expired(on: date | None = None) -> int:
    """Securely delete closed reports past their unit's retention; return how many."""
    on = on or today()
    purged = 0
    for channel in WbsChannel.objects.select_related("unit"):
        cutoff = on - timedelta(days=channel.retention_days)
        expired = WhistleblowReport.objects.filter(
            unit=channel.unit,
            status__in=list(WhistleblowReport.CLOSED_STATUSES),
            closed_on__lt=cutoff,
        )
        for report in expired:
            record(None, "wbs.report_purged", report, unit=channel.unit)
            _wipe(report)
            purged += 1
    return purged
