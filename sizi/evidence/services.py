"""Every change to evidence and evidence requests: atomic, validated and audited.

Views check rights (sizi.units.permissions) before calling; the functions here
guard the state machine and the data. Files are validated before anything is
stored, and a failure removes whatever was stored for the call.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.evidence import permissions, validation
from sizi.evidence.models import (
    Evidence,
    EvidenceRequest,
    EvidenceRevision,
    EvidenceStatusChange,
)
from sizi.units.models import Membership, User
from sizi.units.notifications import Kind, notify

if TYPE_CHECKING:
    from sizi.plans.models import ActionStep
    from sizi.units.models import Unit

Status = Evidence.Status


@dataclass(frozen=True)
class IncomingFile:
    """A file to store: its user-given name and an open binary file object."""

    name: str
    fileobj: IO[bytes]


@dataclass(frozen=True)
class EvidenceData:
    """The descriptive fields shared by a batch of uploads or a link."""

    title: str
    document_date: date
    description: str = ""


@dataclass(frozen=True)
class GeneratedDocument:
    """A document SIZI rendered from its own data, to be filed as bukti fisik.

    ``source`` identifies what the document is a rendering of (for example
    ``"surveys.skm_report:42"``): one evidence item per unit and source, so a
    refresh adds a revision instead of a second item.
    """

    source: str
    title: str
    filename: str
    content: bytes
    document_date: date
    description: str = ""
    period: str = ""
    questions: Sequence[str] = ()


@contextmanager
def _removing_stored_on_error() -> Iterator[list[str]]:
    """Yield a list of stored names; delete them if the block raises."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _check_steps(unit: Unit, steps: Iterable[ActionStep]) -> list[ActionStep]:
    steps = list(steps)
    for step in steps:
        if step.indicator.component.area.plan.unit_id != unit.pk:
            raise ValidationError("Langkah aksi harus dari rencana aksi unit ini.")
    return steps


def _change_status(
    evidence: Evidence, to: str, *, by: User | None, note: str = ""
) -> None:
    before = evidence.status
    evidence.status = to
    evidence.full_clean()
    evidence.save(update_fields=["status", "updated_at"])
    EvidenceStatusChange.objects.create(
        evidence=evidence, from_status=before, to_status=to, note=note, by=by
    )


def _store_revision(
    evidence: Evidence, incoming: IncomingFile, *, by: User, stored: list[str]
) -> EvidenceRevision:
    """Validate and store one file as the next revision of `evidence`."""
    checked = validation.check_upload(incoming.name, incoming.fileobj)
    last = (
        evidence.revisions.order_by("-number").values_list("number", flat=True).first()
    )
    revision = EvidenceRevision(
        evidence=evidence,
        number=(last or 0) + 1,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.file_type.content_type,
        uploaded_by=by,
    )
    content = (
        incoming.fileobj
        if isinstance(incoming.fileobj, File)
        else File(incoming.fileobj)
    )
    content.seek(0)
    revision.file.save(f"{uuid.uuid4().hex}.{checked.extension}", content, save=False)
    stored.append(revision.file.name)
    revision.full_clean()
    revision.save()
    evidence.current_revision = revision
    evidence.save(update_fields=["current_revision", "updated_at"])
    return revision


def _new_evidence(
    unit: Unit, data: EvidenceData, *, kind: str, url: str = "", by: User
) -> Evidence:
    evidence = Evidence(
        unit=unit,
        title=data.title.strip(),
        kind=kind,
        url=url,
        document_date=data.document_date,
        description=data.description.strip(),
        created_by=by,
    )
    evidence.full_clean()
    evidence.save()
    EvidenceStatusChange.objects.create(
        evidence=evidence, to_status=Status.DRAFT, by=by
    )
    return evidence


def _title_for(data: EvidenceData, name: str, many: bool) -> EvidenceData:
    stem = name.rsplit(".", 1)[0][:200]
    if not data.title.strip():
        title = stem
    elif many:
        title = f"{data.title.strip()[:180]} — {stem}"[:250]
    else:
        title = data.title
    return EvidenceData(
        title=title, document_date=data.document_date, description=data.description
    )


@transaction.atomic
def upload_evidence(
    unit: Unit,
    files: Sequence[IncomingFile],
    data: EvidenceData,
    *,
    by: User,
    steps: Iterable[ActionStep] = (),
    submit: bool = False,
) -> list[Evidence]:
    """Store one evidence item per file, all or none, linked to the given steps."""
    if not files:
        raise ValidationError("Pilih minimal satu berkas.")
    steps = _check_steps(unit, steps)
    created: list[Evidence] = []
    with _removing_stored_on_error() as stored:
        for incoming in files:
            item_data = _title_for(data, incoming.name, many=len(files) > 1)
            evidence = _new_evidence(unit, item_data, kind=Evidence.Kind.FILE, by=by)
            revision = _store_revision(evidence, incoming, by=by, stored=stored)
            if steps:
                evidence.action_steps.set(steps)
            if submit:
                _change_status(evidence, Status.SUBMITTED, by=by)
            audit.record(
                by,
                "evidence.uploaded",
                evidence,
                unit=unit,
                file=revision.original_name,
                size=revision.size,
                sha256=revision.sha256,
                steps=[s.pk for s in steps],
                status=evidence.status,
            )
            created.append(evidence)
    return created


@transaction.atomic
def register_link(
    unit: Unit,
    url: str,
    data: EvidenceData,
    *,
    by: User,
    steps: Iterable[ActionStep] = (),
    submit: bool = False,
) -> Evidence:
    """Register a link (e.g. a published page or a video) as evidence."""
    steps = _check_steps(unit, steps)
    if not data.title.strip():
        raise ValidationError({"title": "Judul wajib diisi untuk tautan."})
    evidence = _new_evidence(unit, data, kind=Evidence.Kind.LINK, url=url, by=by)
    if steps:
        evidence.action_steps.set(steps)
    if submit:
        _change_status(evidence, Status.SUBMITTED, by=by)
    audit.record(
        by,
        "evidence.link_registered",
        evidence,
        unit=unit,
        url=url,
        steps=[s.pk for s in steps],
    )
    return evidence


@transaction.atomic
def add_revision(
    evidence: Evidence, incoming: IncomingFile, *, by: User, submit: bool = False
) -> EvidenceRevision:
    """Store a new version of a file; a verified item goes back to review."""
    if not evidence.is_file:
        raise ValidationError("Bukti berupa tautan tidak memiliki revisi berkas.")
    # Lock the item so two uploads cannot take the same revision number.
    Evidence.objects.select_for_update().only("pk").get(pk=evidence.pk)
    evidence.refresh_from_db()
    with _removing_stored_on_error() as stored:
        revision = _store_revision(evidence, incoming, by=by, stored=stored)
        target = Status.SUBMITTED if submit else Status.DRAFT
        if evidence.status != target:
            _change_status(
                evidence, target, by=by, note=f"Revisi {revision.number} diunggah."
            )
        audit.record(
            by,
            "evidence.revision_added",
            evidence,
            unit=evidence.unit,
            number=revision.number,
            file=revision.original_name,
            size=revision.size,
            sha256=revision.sha256,
        )
    return revision


@transaction.atomic
def file_generated_document(
    unit: Unit,
    document: GeneratedDocument,
    *,
    by: User,
    steps: Iterable[ActionStep] = (),
    submit: bool = True,
) -> Evidence:
    """File a generated document into the evidence library: the one way to do it.

    The first filing creates the item; a later one with different content adds
    a revision, which sends a verified item back for verification (its verified
    revision stays in the history, never overwritten). Identical content
    changes nothing. The file goes through the same checks as an upload.
    """
    if not document.source.strip():
        raise ValidationError("Dokumen yang dihasilkan harus menyebut sumbernya.")
    steps = _check_steps(unit, steps)
    evidence = (
        Evidence.objects.select_for_update(of=("self",))
        .select_related("current_revision")
        .filter(unit=unit, source=document.source)
        .first()
    )
    incoming = IncomingFile(document.filename, BytesIO(document.content))
    if evidence is None:
        data = EvidenceData(
            document.title, document.document_date, document.description
        )
        evidence = _new_evidence(unit, data, kind=Evidence.Kind.FILE, by=by)
        action = "evidence.generated_filed"
    else:
        current = evidence.current_revision
        if current is not None and current.sha256 == _sha256(document.content):
            return evidence
        action = "evidence.generated_refreshed"
    evidence.source = document.source
    evidence.period = document.period
    evidence.supported_questions = list(document.questions)
    evidence.document_date = document.document_date
    evidence.full_clean()
    evidence.save(
        update_fields=[
            "source",
            "period",
            "supported_questions",
            "document_date",
            "updated_at",
        ]
    )
    with _removing_stored_on_error() as stored:
        revision = _store_revision(evidence, incoming, by=by, stored=stored)
        if steps:
            evidence.action_steps.add(*steps)
        target = Status.SUBMITTED if submit else Status.DRAFT
        if evidence.status != target:
            _change_status(
                evidence, target, by=by, note=f"Revisi {revision.number} dihasilkan."
            )
        audit.record(
            by,
            action,
            evidence,
            unit=unit,
            source=document.source,
            number=revision.number,
            file=revision.original_name,
            sha256=revision.sha256,
            period=document.period,
            questions=list(document.questions),
        )
    return evidence


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def update_evidence(
    evidence: Evidence, data: EvidenceData, *, url: str = "", by: User
) -> None:
    """Change the title, document date, description (and URL of a link)."""
    fields = ["title", "document_date", "description", "url"]
    before = audit.snapshot(evidence, fields)
    evidence.title = data.title.strip()
    evidence.document_date = data.document_date
    evidence.description = data.description.strip()
    if not evidence.is_file:
        evidence.url = url
    evidence.full_clean()
    evidence.save(update_fields=[*fields, "updated_at"])
    changes = audit.diff(before, audit.snapshot(evidence, fields))
    if changes:
        audit.record(
            by, "evidence.updated", evidence, unit=evidence.unit, changes=changes
        )
        _reopen_if_verified(evidence, by=by)


def _reopen_if_verified(evidence: Evidence, *, by: User) -> None:
    """Send a verified item back for verification after what it claims changed."""
    if evidence.status == Status.VERIFIED:
        _change_status(
            evidence,
            Status.SUBMITTED,
            by=by,
            note="Diubah setelah diverifikasi; perlu diverifikasi ulang.",
        )


@transaction.atomic
def submit_evidence(evidence: Evidence, *, by: User) -> None:
    """Send a draft or returned item for verification."""
    if evidence.status not in {Status.DRAFT, Status.RETURNED}:
        raise ValidationError(
            "Hanya bukti berstatus draf atau dikembalikan yang dapat diajukan."
        )
    _change_status(evidence, Status.SUBMITTED, by=by)
    audit.record(by, "evidence.submitted", evidence, unit=evidence.unit)
    # The unit's coordinators verify; the uploader never verifies their own item.
    uploader = permissions.uploaded_by(evidence)
    notify(
        User.objects.filter(
            memberships__unit=evidence.unit,
            memberships__role=Membership.Role.COORDINATOR,
        )
        .exclude(pk=uploader or 0)
        .distinct(),
        kind=Kind.EVIDENCE_SUBMITTED,
        title=f"Bukti fisik menunggu verifikasi: {evidence.title}",
        body=f"Diajukan oleh {by}.",
        url=evidence.get_absolute_url(),
        unit=evidence.unit,
        key=f"evidence-submitted:{evidence.pk}",
        exclude=by,
    )


@transaction.atomic
def verify_evidence(evidence: Evidence, *, by: User, note: str = "") -> None:
    """Mark a submitted item verified: from now on it counts for the unit."""
    if evidence.status != Status.SUBMITTED:
        raise ValidationError("Hanya bukti yang diajukan yang dapat diverifikasi.")
    if permissions.uploaded_by(evidence) == by.pk:
        # Separation of duties: nobody verifies what they uploaded themselves.
        raise ValidationError(
            "Bukti yang Anda unggah sendiri harus diverifikasi orang lain "
            f"({permissions.OTHER_VERIFIERS})."
        )
    _change_status(evidence, Status.VERIFIED, by=by, note=note)
    audit.record(by, "evidence.verified", evidence, unit=evidence.unit, note=note)


@transaction.atomic
def return_evidence(evidence: Evidence, *, by: User, note: str) -> None:
    """Send a submitted or verified item back to its uploader with a note."""
    if not note.strip():
        raise ValidationError({"note": "Tuliskan alasan bukti dikembalikan."})
    if evidence.status not in {Status.SUBMITTED, Status.VERIFIED}:
        raise ValidationError(
            "Hanya bukti yang diajukan atau terverifikasi yang dapat dikembalikan."
        )
    _change_status(evidence, Status.RETURNED, by=by, note=note.strip())
    audit.record(
        by, "evidence.returned", evidence, unit=evidence.unit, note=note.strip()
    )
    current = evidence.current_revision
    notify(
        current.uploaded_by if current is not None else evidence.created_by,
        kind=Kind.EVIDENCE_RETURNED,
        title=f"Bukti fisik dikembalikan kepada Anda: {evidence.title}",
        body=f"Alasan dari {by}: {note.strip()}",
        url=evidence.get_absolute_url(),
        unit=evidence.unit,
        exclude=by,
    )


@transaction.atomic
def set_evidence_steps(
    evidence: Evidence, steps: Iterable[ActionStep], *, by: User
) -> None:
    """Replace the action steps an item supports (link and unlink in one go)."""
    steps = _check_steps(evidence.unit, steps)
    before = sorted(evidence.action_steps.values_list("pk", flat=True))
    evidence.action_steps.set(steps)
    after = sorted(s.pk for s in steps)
    if before != after:
        audit.record(
            by,
            "evidence.steps_changed",
            evidence,
            unit=evidence.unit,
            changes={"steps": [before, after]},
        )
        _reopen_if_verified(evidence, by=by)


@transaction.atomic
def create_request(
    unit: Unit,
    *,
    requested_from: User,
    title: str,
    due_date: date,
    description: str = "",
    step: ActionStep | None = None,
    by: User,
) -> EvidenceRequest:
    """Ask a member of the unit for a specific piece of evidence by a due date."""
    if not permissions.can_receive_request(unit, requested_from):
        raise ValidationError(
            {
                "requested_from": "Penerima permintaan harus PIC, koordinator atau "
                "pimpinan unit ini (yang dapat memenuhinya)."
            }
        )
    if step is not None:
        _check_steps(unit, [step])
    request = EvidenceRequest(
        unit=unit,
        requested_from=requested_from,
        requested_by=by,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        step=step,
    )
    request.full_clean()
    request.save()
    audit.record(
        by,
        "evidence.request_created",
        request,
        unit=unit,
        requested_from=str(requested_from),
        due_date=due_date,
    )
    notify(
        requested_from,
        kind=Kind.EVIDENCE_REQUEST,
        title=f"Permintaan bukti fisik untuk Anda: {request.title}",
        body=(
            f"Diminta oleh {by}, batas {date_format(due_date, 'j F Y')}."
            + (f"\n{request.description}" if request.description else "")
        ),
        url=request.get_absolute_url(),
        unit=unit,
        exclude=by,
    )
    return request


@transaction.atomic
def fulfil_request(request: EvidenceRequest, evidence: Evidence, *, by: User) -> None:
    """Close an open request with an evidence item of the same unit."""
    if request.status != EvidenceRequest.Status.OPEN:
        raise ValidationError("Permintaan ini sudah ditutup.")
    if evidence.unit_id != request.unit_id:
        raise ValidationError({"evidence": "Bukti harus dari unit yang sama."})
    request.status = EvidenceRequest.Status.FULFILLED
    request.fulfilled_by = evidence
    request.closed_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "fulfilled_by", "closed_at", "updated_at"])
    if request.step_id is not None:
        evidence.action_steps.add(request.step_id)
    audit.record(
        by,
        "evidence.request_fulfilled",
        request,
        unit=request.unit,
        evidence=evidence.pk,
    )


@transaction.atomic
def cancel_request(request: EvidenceRequest, *, by: User, note: str = "") -> None:
    """Cancel an open request."""
    if request.status != EvidenceRequest.Status.OPEN:
        raise ValidationError("Permintaan ini sudah ditutup.")
    request.status = EvidenceRequest.Status.CANCELLED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(
        by, "evidence.request_cancelled", request, unit=request.unit, note=note
    )


def claim_reminder(request: EvidenceRequest, today: date) -> bool:
    """Mark a request reminded today; False if another run already did (no audit)."""
    claimed = (
        EvidenceRequest.objects.filter(pk=request.pk)
        .exclude(last_reminded_on=today)
        .update(last_reminded_on=today)
    )
    return claimed == 1
