"""Every change to an information request, a keberatan or the DIP: atomic and audited.

The clocks run in working days (`sizi.core.workdays`) with the lengths in
`sizi/cases/data/ppid.yaml`: answer within 10, one extension of 7 with written
reasons, keberatan within 30 after the reason arises, answered within 30, and
the 14 days to bring a dispute to the Komisi Informasi.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.cases import codes
from sizi.cases.complaints.services import next_number
from sizi.cases.ppid.models import (
    InformationRequest,
    Objection,
    PublicInformation,
    Requester,
    RequestEvent,
)
from sizi.cases.ppid.rules import rules
from sizi.core import audit
from sizi.core.workdays import add_working_days, count_working_days

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

Status = InformationRequest.Status
Decision = InformationRequest.Decision
CODE_SCOPE = "ppid"
OPEN = (Status.RECEIVED, Status.EXTENDED)


@dataclass(frozen=True)
class RequesterData:
    kind: str
    name: str
    identity_number: str
    address: str
    occupation: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class RequestData:
    information: str
    purpose: str
    delivery: str = InformationRequest.Delivery.EMAIL
    channel: str = InformationRequest.Channel.WEB
    received_at: datetime | None = None


def _event(
    request: InformationRequest, text: str, *, by: User | None, public: bool = True
) -> None:
    RequestEvent.objects.create(
        request=request, status=request.status, text=text, actor=by, public=public
    )


@transaction.atomic
def file_request(
    unit: Unit,
    data: RequestData,
    requester: RequesterData,
    *,
    by: User | None = None,
) -> tuple[InformationRequest, str]:
    """Register a request; return it and its tracking code (shown once)."""
    if not requester.phone.strip() and not requester.email.strip():
        raise ValidationError(
            "Isi nomor telepon atau surel agar PPID dapat menghubungi."
        )
    received = data.received_at or timezone.now()
    year = timezone.localtime(received).year
    code = codes.new_code()
    request = InformationRequest(
        unit=unit,
        number=f"PPID-{year}-{next_number(unit, 'PPID', year):04d}",
        tracking_digest=codes.digest(code, scope=CODE_SCOPE),
        channel=data.channel,
        information=data.information.strip(),
        purpose=data.purpose.strip(),
        delivery=data.delivery,
        received_at=received,
        due_on=add_working_days(received, rules().answer_days),
    )
    request.full_clean()
    request.save()
    person = Requester(
        request=request,
        **{f.name: getattr(requester, f.name).strip() for f in fields(requester)},
    )
    person.full_clean()
    person.save()
    _event(request, "Permohonan diterima.", by=by)
    audit.record(by, "cases.request_filed", request, unit=unit, channel=data.channel)
    return request, code


def find_by_code(unit: Unit, code: str) -> InformationRequest | None:
    """The unit's request with this tracking code, or None (constant-time check)."""
    if not codes.looks_valid(code):
        return None
    wanted = codes.digest(code, scope=CODE_SCOPE)
    request = InformationRequest.objects.filter(
        unit=unit, tracking_digest=wanted
    ).first()
    if request is None or not codes.matches(
        code, request.tracking_digest, scope=CODE_SCOPE
    ):
        return None
    return request


@transaction.atomic
def extend_request(
    request: InformationRequest, *, reason: str, by: User
) -> InformationRequest:
    """The one extension of 7 working days, with written reasons, before the deadline."""
    if request.status != Status.RECEIVED:
        raise ValidationError(
            "Perpanjangan hanya sekali, untuk permohonan yang belum dijawab."
        )
    if not reason.strip():
        raise ValidationError("Tuliskan alasan perpanjangan (Pasal 22 ayat 8).")
    if timezone.localdate() > request.due_on:
        raise ValidationError(
            "Batas 10 hari kerja sudah lewat; perpanjangan tidak lagi dapat diberikan."
        )
    request.status = Status.EXTENDED
    request.extended_at = timezone.now()
    request.extension_reason = reason.strip()
    request.due_on = add_working_days(request.due_on, rules().extension_days)
    request.full_clean()
    request.save()
    _event(
        request,
        f"Waktu jawaban diperpanjang sampai {date_format(request.due_on, 'j F Y')}: {reason.strip()}",
        by=by,
    )
    audit.record(
        by, "cases.request_extended", request, unit=request.unit, due_on=request.due_on
    )
    return request


@transaction.atomic
def decide_request(
    request: InformationRequest,
    *,
    decision: str,
    answer: str,
    exception_ground: str = "",
    by: User,
) -> InformationRequest:
    """The written notice: granted, partly, refused (with the ground) or not held."""
    if request.status not in OPEN:
        raise ValidationError("Permohonan ini sudah dijawab.")
    if decision not in Decision.values or not decision:
        raise ValidationError("Pilih keputusan.")
    needs_ground = decision in (Decision.REFUSED, Decision.PARTLY)
    if needs_ground and exception_ground not in rules().exception_grounds:
        raise ValidationError("Pilih dasar pengecualian (Pasal 17) untuk penolakan.")
    if not answer.strip():
        raise ValidationError("Tuliskan isi pemberitahuan tertulis.")
    request.decision = decision
    request.exception_ground = exception_ground if needs_ground else ""
    request.answer = answer.strip()
    request.decided_at = timezone.now()
    request.decided_by = by
    request.status = Status.DECIDED
    request.full_clean()
    request.save()
    _event(request, f"Pemberitahuan tertulis: {Decision(decision).label}.", by=by)
    audit.record(
        by, "cases.request_decided", request, unit=request.unit, decision=decision
    )
    return request


def objection_basis(request: InformationRequest) -> date | None:
    """The day the reason for a keberatan arose: the notice, or the missed deadline."""
    if request.decided_at is not None:
        return timezone.localtime(request.decided_at).date()
    if request.status in OPEN and timezone.localdate() > request.due_on:
        return request.due_on
    return None


def objection_deadline(request: InformationRequest) -> date | None:
    basis = objection_basis(request)
    return (
        None
        if basis is None
        else add_working_days(basis, rules().objection_window_days)
    )


@transaction.atomic
def file_objection(
    request: InformationRequest, *, reason: str, statement: str, by: User | None = None
) -> Objection:
    """Register a keberatan to the Atasan PPID within 30 working days."""
    if Objection.objects.filter(request=request).exists():
        raise ValidationError("Keberatan atas permohonan ini sudah diajukan.")
    basis = objection_basis(request)
    if basis is None:
        raise ValidationError(
            "Keberatan dapat diajukan setelah ada jawaban atau batas waktu jawaban lewat."
        )
    now = timezone.now()
    if count_working_days(basis, now) > rules().objection_window_days:
        raise ValidationError(
            "Batas 30 hari kerja untuk mengajukan keberatan sudah lewat."
        )
    if reason not in Objection.Reason.values or not statement.strip():
        raise ValidationError("Pilih alasan keberatan dan tuliskan uraiannya.")
    objection = Objection(
        request=request,
        reason=reason,
        statement=statement.strip(),
        filed_at=now,
        due_on=add_working_days(now, rules().objection_answer_days),
    )
    objection.full_clean()
    objection.save()
    request.status = Status.OBJECTED
    request.save(update_fields=["status", "updated_at"])
    _event(
        request,
        f"Keberatan diajukan; tanggapan Atasan PPID paling lambat {date_format(objection.due_on, 'j F Y')}.",
        by=by,
    )
    audit.record(
        by, "cases.objection_filed", objection, unit=request.unit, reason=reason
    )
    return objection


@transaction.atomic
def decide_objection(
    objection: Objection, *, outcome: str, response: str, by: User
) -> Objection:
    """The Atasan PPID's written response; the Komisi Informasi window opens."""
    if objection.outcome:
        raise ValidationError("Keberatan ini sudah diputus.")
    if outcome not in (Objection.Outcome.UPHELD, Objection.Outcome.REJECTED):
        raise ValidationError("Pilih putusan keberatan.")
    if not response.strip():
        raise ValidationError("Tuliskan tanggapan atas keberatan.")
    now = timezone.now()
    objection.outcome = outcome
    objection.response = response.strip()
    objection.decided_at = now
    objection.commission_until = add_working_days(now, rules().commission_window_days)
    objection.full_clean()
    objection.save()
    request = objection.request
    request.status = Status.CLOSED
    request.save(update_fields=["status", "updated_at"])
    _event(
        request,
        f"Tanggapan Atasan PPID: {Objection.Outcome(outcome).label}. Bila tidak puas, "
        f"ajukan sengketa ke Komisi Informasi paling lambat {date_format(objection.commission_until, 'j F Y')}.",
        by=by,
    )
    audit.record(
        by, "cases.objection_decided", objection, unit=request.unit, outcome=outcome
    )
    return objection


DIP_FIELDS = [
    "category",
    "title",
    "summary",
    "official",
    "form",
    "period",
    "retention",
    "url",
    "exception_ground",
    "published",
]


@transaction.atomic
def save_public_information(
    entry: PublicInformation, values: dict[str, Any], *, by: User
) -> PublicInformation:
    """Create or change one entry of the Daftar Informasi Publik."""
    before = audit.snapshot(entry, DIP_FIELDS) if entry.pk else {}
    for key in DIP_FIELDS:
        if key in values:
            setattr(entry, key, values[key])
    if entry.category == PublicInformation.Category.EXEMPT:
        if entry.exception_ground not in rules().exception_grounds:
            raise ValidationError(
                "Informasi dikecualikan memerlukan dasar pengecualian (Pasal 17)."
            )
    else:
        entry.exception_ground = ""
    entry.full_clean()
    entry.save()
    audit.record(
        by,
        "cases.dip_saved",
        entry,
        unit=entry.unit,
        changes=audit.diff(before, audit.snapshot(entry, DIP_FIELDS)),
    )
    return entry


@transaction.atomic
def delete_public_information(entry: PublicInformation, *, by: User) -> None:
    audit.record(by, "cases.dip_deleted", entry, unit=entry.unit, title=entry.title)
    entry.delete()
