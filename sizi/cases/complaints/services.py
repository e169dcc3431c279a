"""Every change to a complaint: atomic, validated, audited, and written to its trail.

Views check rights (sizi.cases.permissions) first; the functions here guard the
state machine. Intake stores the reporter's identity apart from the complaint,
gives a fresh tracking code (returned once, stored only as a digest) and checks
every attachment before anything is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.cases import codes
from sizi.cases.attachments import (
    IncomingFile,
    as_django_file,
    check_all,
    removing_stored_on_error,
    storage_name,
)
from sizi.cases.complaints.deadlines import ServiceLevels, due_on
from sizi.cases.complaints.models import (
    CaseCounter,
    ChannelSettings,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintReporter,
)
from sizi.core import audit
from sizi.core.workdays import current_calendar
from sizi.evidence.validation import CheckedFile
from sizi.units.models import Membership
from sizi.units.notifications import Kind, notify

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

Status = Complaint.Status
Event = ComplaintEvent.Kind
CODE_SCOPE = "pengaduan"


@dataclass(frozen=True)
class ReporterData:
    """The identity a confidential reporter gives (none for an anonymous one)."""

    name: str
    email: str = ""
    phone: str = ""
    wants_updates: bool = False


@dataclass(frozen=True)
class ComplaintData:
    """What a complaint says, from the public form or a staff registration."""

    subject: str
    body: str
    privacy: str = Complaint.Privacy.CONFIDENTIAL
    location: str = ""
    incident_date: date | None = None
    channel: str = Complaint.Channel.WEB
    lapor_number: str = ""
    received_at: datetime | None = None


def levels_for(unit: Unit) -> ServiceLevels:
    """The unit's service levels (the SP4N-LAPOR! defaults when none are set)."""
    row = ChannelSettings.objects.filter(unit=unit).first()
    if row is None:
        return ServiceLevels()
    return ServiceLevels(row.verify_days, row.follow_up_days, row.close_after_days)


def next_number(unit: Unit, kind: str, year: int) -> int:
    """Take the next number of `kind` for the unit and year (row-locked)."""
    try:
        with transaction.atomic():
            CaseCounter.objects.get_or_create(unit=unit, kind=kind, year=year)
    except IntegrityError:  # a concurrent first number created it
        pass
    counter = CaseCounter.objects.select_for_update().get(
        unit=unit, kind=kind, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _set_state(
    complaint: Complaint, status: str, *, since: datetime, levels: ServiceLevels
) -> None:
    complaint.status = status
    complaint.due_on = due_on(
        status, since=since, levels=levels, calendar=current_calendar()
    )


def _event(
    complaint: Complaint,
    kind: str,
    *,
    by: User | None,
    text: str = "",
    public: bool = False,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        actor=by,
        status=complaint.status,
        text=text.strip(),
        public=public,
    )


def _save(complaint: Complaint) -> None:
    complaint.full_clean()
    complaint.save()


def _check_data(data: ComplaintData, reporter: ReporterData | None) -> None:
    if data.privacy == Complaint.Privacy.ANONYMOUS and reporter is not None:
        raise ValidationError("Pengaduan anonim tidak menyimpan identitas pelapor.")
    if data.privacy == Complaint.Privacy.CONFIDENTIAL and (
        reporter is None or not reporter.name.strip()
    ):
        raise ValidationError("Pengaduan rahasia memerlukan nama pelapor.")
    if data.channel == Complaint.Channel.LAPOR and not data.lapor_number.strip():
        raise ValidationError("Isi nomor tracking SP4N-LAPOR! pengaduan ini.")


def _store_reporter(complaint: Complaint, reporter: ReporterData) -> None:
    email = reporter.email.strip()
    row = ComplaintReporter(
        complaint=complaint,
        name=reporter.name.strip(),
        email=email,
        phone=reporter.phone.strip(),
        wants_updates=reporter.wants_updates and bool(email),
    )
    row.full_clean()
    row.save()


def _store_attachment(
    complaint: Complaint, incoming: IncomingFile, check: CheckedFile
) -> str:
    """Store one checked file under a random name; return the storage name."""
    attachment = ComplaintAttachment(
        complaint=complaint,
        original_name=check.name,
        content_type=check.file_type.content_type,
        size=check.size,
        sha256=check.sha256,
    )
    attachment.file.save(
        storage_name(check), as_django_file(incoming.fileobj), save=False
    )
    attachment.save()
    return str(attachment.file.name)


@transaction.atomic
def file_complaint(
    unit: Unit,
    data: ComplaintData,
    *,
    reporter: ReporterData | None,
    files: Sequence[IncomingFile] = (),
    by: User | None = None,
) -> tuple[Complaint, str]:
    """Store a new complaint; return it and its tracking code (shown once)."""
    _check_data(data, reporter)
    checked = check_all(list(files))
    received = data.received_at or timezone.now()
    year = timezone.localtime(received).year
    code = codes.new_code()
    complaint = Complaint(
        unit=unit,
        number=f"ADU-{year}-{next_number(unit, 'ADU', year):04d}",
        tracking_digest=codes.digest(code, scope=CODE_SCOPE),
        channel=data.channel,
        lapor_number=data.lapor_number.strip(),
        privacy=data.privacy,
        subject=data.subject.strip(),
        body=data.body.strip(),
        location=data.location.strip(),
        incident_date=data.incident_date,
        received_at=received,
        registered_by=by,
    )
    _set_state(complaint, Status.RECEIVED, since=received, levels=levels_for(unit))
    _save(complaint)
    if reporter is not None:
        _store_reporter(complaint, reporter)
    with removing_stored_on_error() as stored:
        for incoming, check in zip(files, checked, strict=True):
            stored.append(_store_attachment(complaint, incoming, check))
        _event(complaint, Event.STATUS, by=by, text="Pengaduan diterima.", public=True)
        audit.record(
            by,
            "cases.complaint_filed",
            complaint,
            unit=unit,
            channel=complaint.channel,
            privacy=complaint.privacy,
            attachments=len(checked),
        )
    return complaint, code


def find_by_code(unit: Unit, code: str) -> Complaint | None:
    """The complaint with this code filed at or forwarded from `unit`, or None.

    The digest is compared once more in constant time; a complaint forwarded
    away stays reachable from the page where the reporter filed it.
    """
    if not codes.looks_valid(code):
        return None
    wanted = codes.digest(code, scope=CODE_SCOPE)
    complaint = (
        Complaint.objects.filter(Q(unit=unit) | Q(forwarded_from=unit))
        .filter(tracking_digest=wanted)
        .select_related("unit")
        .first()
    )
    if complaint is None or not codes.matches(
        code, complaint.tracking_digest, scope=CODE_SCOPE
    ):
        return None
    return complaint


def _notify_reporter(complaint: Complaint, what: str) -> None:
    """E-mail a reporter who asked for updates; never the content, only a pointer."""
    reporter = ComplaintReporter.objects.filter(
        complaint=complaint, wants_updates=True
    ).first()
    if reporter is None or not reporter.email:
        return
    url = settings.SITE_URL + reverse(
        "cases:complaint_track", args=[complaint.unit.code]
    )
    body = (
        f"Pengaduan Anda nomor {complaint.number} kepada {complaint.unit.name}: "
        f"{what}.\n\nBuka {url} dan masukkan kode pelacakan Anda untuk membaca "
        "selengkapnya. Kode pelacakan tidak pernah kami kirim lewat surel.\n"
    )
    recipient = reporter.email
    transaction.on_commit(
        lambda: send_mail(
            f"[{complaint.unit.name}] Kabar pengaduan {complaint.number}",
            body,
            None,
            [recipient],
        )
    )


def _check_category(category: str) -> None:
    """Refuse an empty or unknown classification."""
    if category not in Complaint.Category.values or not category:
        raise ValidationError("Pilih klasifikasi pengaduan.")


@transaction.atomic
def verify_complaint(
    complaint: Complaint, *, category: str, note: str = "", by: User
) -> Complaint:
    """Verify and classify a received complaint; the follow-up clock starts."""
    if complaint.status != Status.RECEIVED:
        raise ValidationError("Hanya pengaduan yang baru diterima dapat diverifikasi.")
    _check_category(category)
    now = timezone.now()
    complaint.category = category
    complaint.verified_at = now
    _set_state(complaint, Status.VERIFIED, since=now, levels=levels_for(complaint.unit))
    _save(complaint)
    label = Complaint.Category(category).label
    _event(
        complaint,
        Event.STATUS,
        by=by,
        text=f"Diverifikasi sebagai {label.lower()}. {note}".strip(),
        public=True,
    )
    audit.record(
        by,
        "cases.complaint_verified",
        complaint,
        unit=complaint.unit,
        category=category,
    )
    _notify_reporter(complaint, "telah diverifikasi")
    return complaint


@transaction.atomic
def reclassify_complaint(
    complaint: Complaint, *, category: str, reason: str, by: User
) -> Complaint:
    """Change the classification of a verified, still open complaint, with a reason.

    The reporter sees the new classification and the reason in the trail; the
    deadline of the current stage stays as it is.
    """
    if complaint.status not in (Status.VERIFIED, Status.IN_PROGRESS):
        raise ValidationError(
            "Klasifikasi hanya dapat diubah pada pengaduan yang sudah diverifikasi "
            "dan belum ditindaklanjuti."
        )
    _check_category(category)
    if category == complaint.category:
        raise ValidationError("Klasifikasi baru sama dengan klasifikasi sekarang.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Tuliskan alasan perubahan klasifikasi.")
    before = complaint.category
    complaint.category = category
    _save(complaint)
    label = Complaint.Category(category).label
    _event(
        complaint,
        Event.STATUS,
        by=by,
        text=f"Klasifikasi diubah menjadi {label.lower()}. {reason}",
        public=True,
    )
    audit.record(
        by,
        "cases.complaint_reclassified",
        complaint,
        unit=complaint.unit,
        changes={"category": [before, category]},
        reason=reason,
    )
    return complaint


@transaction.atomic
def assign_complaint(
    complaint: Complaint, *, handler: User | None, pic: User | None, by: User
) -> Complaint:
    """Name the handler and the PIC; a verified complaint is then in progress."""
    if not complaint.is_open:
        raise ValidationError("Pengaduan yang sudah ditindaklanjuti tidak ditugaskan.")
    for person in (handler, pic):
        if (
            person is not None
            and not Membership.objects.filter(unit=complaint.unit, user=person).exists()
        ):
            raise ValidationError(f"{person} bukan anggota unit ini.")
    before = audit.snapshot(complaint, ["handler", "pic", "status"])
    complaint.handler, complaint.pic = handler, pic
    if complaint.status == Status.VERIFIED:
        complaint.status = Status.IN_PROGRESS  # the follow-up clock keeps running
    _save(complaint)
    names = ", ".join(
        f"{role} {person.get_full_name() or person.get_username()}"
        for role, person in (("pengelola", handler), ("PIC", pic))
        if person is not None
    )
    _event(complaint, Event.ASSIGN, by=by, text=f"Ditugaskan: {names or '-'}.")
    audit.record(
        by,
        "cases.complaint_assigned",
        complaint,
        unit=complaint.unit,
        changes=audit.diff(
            before, audit.snapshot(complaint, ["handler", "pic", "status"])
        ),
    )
    for role, person, earlier in (
        ("pengelola", handler, before["handler"]),
        ("PIC", pic, before["pic"]),
    ):
        if person is not None and person != earlier:
            notify(
                person,
                kind=Kind.ASSIGNMENT,
                title=f"Pengaduan {complaint.number} ditugaskan kepada Anda "
                f"sebagai {role}.",
                body=f"Batas tindak lanjut {date_format(complaint.due_on, 'j F Y')}."
                if complaint.due_on
                else "",
                url=reverse(
                    "cases:complaint_detail", args=[complaint.unit.code, complaint.pk]
                ),
                unit=complaint.unit,
                exclude=by,
            )
    return complaint


@transaction.atomic
def forward_complaint(
    complaint: Complaint, *, to_unit: Unit, reason: str, by: User
) -> Complaint:
    """Hand the complaint to another unit of the tree; it leaves this unit."""
    if to_unit.pk == complaint.unit_id:
        raise ValidationError("Pilih unit lain.")
    if not complaint.is_open:
        raise ValidationError("Pengaduan yang sudah ditindaklanjuti tidak diteruskan.")
    if not reason.strip():
        raise ValidationError("Tuliskan alasan penerusan.")
    source = complaint.unit
    now = timezone.now()
    complaint.forwarded_from = source
    complaint.unit = to_unit
    complaint.handler = complaint.pic = None
    _set_state(complaint, Status.RECEIVED, since=now, levels=levels_for(to_unit))
    _save(complaint)
    _event(
        complaint,
        Event.FORWARD,
        by=by,
        text=f"Diteruskan dari {source.name} ke {to_unit.name}: {reason.strip()}",
        public=True,
    )
    for unit in (source, to_unit):
        audit.record(
            by,
            "cases.complaint_forwarded",
            complaint,
            unit=unit,
            source=source.code,
            to_unit=to_unit.code,
        )
    return complaint


@transaction.atomic
def reply_to_reporter(complaint: Complaint, *, text: str, by: User) -> ComplaintEvent:
    """A message the reporter reads on the status page."""
    if not text.strip():
        raise ValidationError("Balasan kosong.")
    event = _event(complaint, Event.REPLY, by=by, text=text, public=True)
    audit.record(by, "cases.complaint_replied", complaint, unit=complaint.unit)
    _notify_reporter(complaint, "ada balasan dari pengelola pengaduan")
    return event


@transaction.atomic
def add_note(complaint: Complaint, *, text: str, by: User) -> ComplaintEvent:
    """An internal note (never shown to the reporter)."""
    if not text.strip():
        raise ValidationError("Catatan kosong.")
    event = _event(complaint, Event.NOTE, by=by, text=text)
    audit.record(by, "cases.complaint_noted", complaint, unit=complaint.unit)
    return event


@transaction.atomic
def record_follow_up(complaint: Complaint, *, text: str, by: User) -> Complaint:
    """Give the tindak lanjut; the complaint closes if the reporter stays silent."""
    if complaint.status not in (Status.VERIFIED, Status.IN_PROGRESS):
        raise ValidationError("Verifikasi pengaduan sebelum memberi tindak lanjut.")
    if not text.strip():
        raise ValidationError("Tuliskan tindak lanjut.")
    now = timezone.now()
    complaint.follow_up = text.strip()
    complaint.answered_at = now
    _set_state(complaint, Status.ANSWERED, since=now, levels=levels_for(complaint.unit))
    _save(complaint)
    _event(complaint, Event.STATUS, by=by, text=f"Tindak lanjut: {text}", public=True)
    audit.record(by, "cases.complaint_followed_up", complaint, unit=complaint.unit)
    _notify_reporter(complaint, "telah ditindaklanjuti")
    return complaint


@transaction.atomic
def close_complaint(
    complaint: Complaint, *, text: str = "", by: User | None
) -> Complaint:
    """Close a complaint (after its tindak lanjut, or as bukan wewenang)."""
    not_ours = complaint.category == Complaint.Category.NOT_OUR_MATTER
    if complaint.status == Status.CLOSED:
        raise ValidationError("Pengaduan sudah selesai.")
    if complaint.status != Status.ANSWERED and not not_ours:
        raise ValidationError("Beri tindak lanjut sebelum menutup pengaduan.")
    if not_ours and not complaint.follow_up and not text.strip():
        raise ValidationError(
            "Jelaskan kepada pelapor mengapa ini bukan wewenang unit."
        )
    if not complaint.follow_up:
        complaint.follow_up = text.strip()
    complaint.closed_at = timezone.now()
    complaint.status = Status.CLOSED
    complaint.due_on = None
    _save(complaint)
    _event(
        complaint, Event.STATUS, by=by, text=text or "Pengaduan selesai.", public=True
    )
    audit.record(by, "cases.complaint_closed", complaint, unit=complaint.unit)
    _notify_reporter(complaint, "telah selesai")
    return complaint


@transaction.atomic
def reporter_responds(complaint: Complaint, *, text: str) -> Complaint:
    """The reporter answers on the status page; a tindak lanjut is reopened."""
    if complaint.status == Status.CLOSED:
        raise ValidationError("Pengaduan sudah selesai; ajukan pengaduan baru.")
    if not text.strip():
        raise ValidationError("Tanggapan kosong.")
    if complaint.status == Status.ANSWERED:
        _set_state(
            complaint,
            Status.IN_PROGRESS,
            since=timezone.now(),
            levels=levels_for(complaint.unit),
        )
        _save(complaint)
    _event(complaint, Event.REPORTER, by=None, text=text, public=True)
    audit.record(
        None, "cases.complaint_reporter_responded", complaint, unit=complaint.unit
    )
    return complaint


def close_silent_complaints(*, today: date | None = None) -> int:
    """Close every answered complaint whose response window has passed."""
    today = today or timezone.localdate()
    closed = 0
    for complaint in Complaint.objects.filter(
        status=Status.ANSWERED, due_on__lt=today
    ).select_related("unit"):
        close_complaint(
            complaint,
            text="Ditutup otomatis: tidak ada tanggapan pelapor dalam batas waktu.",
            by=None,
        )
        closed += 1
    return closed


@transaction.atomic
def save_levels(unit: Unit, levels: ServiceLevels, *, by: User) -> ChannelSettings:
    """Set the unit's service levels (working days)."""
    row, _ = ChannelSettings.objects.get_or_create(unit=unit)
    fields = ["verify_days", "follow_up_days", "close_after_days"]
    before = audit.snapshot(row, fields)
    row.verify_days = levels.verify_days
    row.follow_up_days = levels.follow_up_days
    row.close_after_days = levels.close_after_days
    row.full_clean()
    row.save()
    audit.record(
        by,
        "cases.levels_saved",
        row,
        unit=unit,
        changes=audit.diff(before, audit.snapshot(row, fields)),
    )
    return row
