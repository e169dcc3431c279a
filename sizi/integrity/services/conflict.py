"""Statement campaigns, declared conflicts and the CoI map: atomic, validated, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.integrity.export.tables import TableDocument, render
from sizi.integrity.models import (
    ConflictEvaluation,
    ConflictMapEntry,
    Signature,
    StatementCampaign,
    StatementKind,
    StatementText,
)
from sizi.plans.models import ActionStep
from sizi.units.models import Membership, Unit, User

DEFAULTS_FILE = Path(__file__).resolve().parent.parent / "rules" / "statements.yaml"
QUESTIONS = {
    StatementKind.COI: ("P.5.v.c",),
    StatementKind.PACT: (),
    StatementKind.ZI_COMMITMENT: (),
}
MAP_FIELDS = ["duty", "situation", "source", "level", "control"]


@cache
def default_text(kind: str) -> str:
    """Return SIZI's starting text of a statement kind."""
    data: dict[str, str] = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return " ".join(data[kind].split())


def latest_text(unit: Unit, kind: str) -> str:
    row = (
        StatementText.objects.filter(unit=unit, kind=kind).order_by("-version").first()
    )
    return row.body if row else default_text(kind)


def _text_version(unit: Unit, kind: str, body: str, by: User) -> StatementText:
    latest = (
        StatementText.objects.filter(unit=unit, kind=kind).order_by("-version").first()
    )
    if latest is not None and latest.body == body:
        return latest
    text = StatementText(
        unit=unit,
        kind=kind,
        version=(latest.version if latest else 0) + 1,
        body=body,
        created_by=by,
    )
    text.full_clean()
    text.save()
    audit.record(
        by, "integrity.statement_text_saved", text, unit=unit, version=text.version
    )
    return text


@transaction.atomic
def start_campaign(
    unit: Unit, *, kind: str, year: int, title: str, due_date: date, body: str, by: User
) -> StatementCampaign:
    """Open a campaign: every member of the unit gets a task to sign the text."""
    if not body.strip():
        raise ValidationError({"body": "Teks pernyataan tidak boleh kosong."})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": "Batas penandatanganan sudah lewat."})
    text = _text_version(unit, kind, body.strip(), by)
    campaign = StatementCampaign(
        unit=unit,
        text=text,
        year=year,
        title=title.strip(),
        due_date=due_date,
        started_by=by,
    )
    campaign.full_clean()
    campaign.save()
    members = User.objects.filter(memberships__unit=unit, is_active=True).distinct()
    Signature.objects.bulk_create(Signature(campaign=campaign, user=u) for u in members)
    audit.record(
        by,
        "integrity.campaign_started",
        campaign,
        unit=unit,
        kind=kind,
        version=text.version,
        signers=campaign.signatures.count(),
    )
    return campaign


@dataclass(frozen=True)
class Declaration:
    declaration: str = ""
    conflict_type: str = ""
    source: str = ""
    nature: str = ""
    superior: User | None = None


@transaction.atomic
def sign(signature: Signature, declaration: Declaration, *, by: User) -> None:
    """The member signs; a CoI statement carries a declaration (free or a conflict)."""
    if signature.user_id != by.pk:
        raise ValidationError(
            "Hanya pegawai yang bersangkutan yang dapat menandatangani."
        )
    if signature.is_signed:
        raise ValidationError("Pernyataan ini sudah ditandatangani.")
    is_coi = signature.campaign.kind == StatementKind.COI
    if is_coi and not declaration.declaration:
        raise ValidationError({"declaration": "Pilih pernyataan Anda."})
    if declaration.superior is not None and (
        declaration.superior.pk == by.pk
        or not Membership.objects.filter(
            unit=signature.campaign.unit, user=declaration.superior
        ).exists()
    ):
        raise ValidationError({"superior": "Atasan harus pegawai lain di unit ini."})
    signature.declaration = declaration.declaration if is_coi else ""
    conflict = signature.declaration == Signature.Declaration.CONFLICT
    signature.conflict_type = declaration.conflict_type if conflict else ""
    signature.source = declaration.source if conflict else ""
    signature.nature = declaration.nature.strip() if conflict else ""
    signature.superior = declaration.superior if conflict else None
    signature.signed_at = timezone.now()
    signature.full_clean()
    signature.save()
    audit.record(
        by,
        "integrity.statement_signed",
        signature,
        unit=signature.campaign.unit,
        campaign=signature.campaign_id,
    )


@transaction.atomic
def decide_conflict(
    signature: Signature, *, by: User, decision: str, decided_on: date, note: str
) -> None:
    """The atasan records how a declared conflict is handled."""
    if not signature.has_conflict or signature.superior_id != by.pk:
        raise ValidationError(
            "Hanya atasan yang ditunjuk yang memutuskan penanganannya."
        )
    signed_on = (
        timezone.localtime(signature.signed_at).date() if signature.signed_at else None
    )
    if signed_on and decided_on < signed_on:
        raise ValidationError({"decided_on": "Tanggal keputusan sebelum deklarasi."})
    before = audit.snapshot(signature, ["decision", "decided_on", "decision_note"])
    signature.decision, signature.decided_on = decision, decided_on
    signature.decision_note = note.strip()
    signature.full_clean()
    signature.save(
        update_fields=["decision", "decided_on", "decision_note", "updated_at"]
    )
    audit.record(
        by,
        "integrity.conflict_decided",
        signature,
        unit=signature.campaign.unit,
        changes=audit.diff(
            before,
            audit.snapshot(signature, ["decision", "decided_on", "decision_note"]),
        ),
    )


def claim_reminder(signature: Signature, today: date) -> bool:
    updated = (
        Signature.objects.filter(pk=signature.pk)
        .exclude(last_reminded_on=today)
        .update(last_reminded_on=today)
    )
    return updated == 1


def campaign_document(campaign: StatementCampaign) -> TableDocument:
    """The signed statements of a campaign with the recap (no conflict details)."""
    rows = list(campaign.signatures.select_related("user"))
    signed = [r for r in rows if r.is_signed]
    is_coi = campaign.kind == StatementKind.COI
    table: list[list[str | int]] = []
    for index, row in enumerate(rows, 1):
        when = (
            date_format(timezone.localtime(row.signed_at), "j F Y, H.i")
            if row.signed_at
            else "belum"
        )
        cells: list[str | int] = [
            index,
            row.user.get_full_name() or row.user.get_username(),
            row.user.position or "—",
            when,
        ]
        if is_coi:
            cells.append(row.get_declaration_display() if row.is_signed else "—")
        table.append(cells)
    headers = ["No", "Nama", "Jabatan", "Ditandatangani"] + (
        ["Pernyataan"] if is_coi else []
    )
    conflicts = sum(1 for r in signed if r.has_conflict)
    after = [
        f"Rekap: {len(signed)} dari {len(rows)} pegawai telah menandatangani"
        + (f"; {conflicts} menyatakan benturan kepentingan." if is_coi else "."),
        f"Teks pernyataan (versi {campaign.text.version}): {campaign.text.body}",
    ]
    return TableDocument(
        title=campaign.title,
        lines=[
            campaign.unit.name,
            f"Tahun {campaign.year}",
            campaign.text.get_kind_display(),
        ],
        headers=headers,
        rows=table,
        after=after,
        widths=[5, 30, 28, 22, 30],
        sheet_title=campaign.text.get_kind_display()[:31],
    )


def file_campaign_document(
    campaign: StatementCampaign, *, by: User, steps: Sequence[ActionStep] = ()
) -> Evidence:
    """File the signed statements with the recap as one PDF of bukti fisik."""
    document = GeneratedDocument(
        source=f"integrity.campaign:{campaign.pk}",
        title=f"{campaign.title} — rekap penandatanganan",
        filename=f"pernyataan-{campaign.kind}-{campaign.unit.code}-{campaign.year}.pdf",
        content=render(campaign_document(campaign), "pdf"),
        document_date=timezone.localdate(),
        period=str(campaign.year),
        questions=QUESTIONS[StatementKind(campaign.kind)],
    )
    return file_generated_document(campaign.unit, document, by=by, steps=steps)


# --- The mapping matrix ----------------------------------------------------------


@transaction.atomic
def save_map_entry(
    unit: Unit, year: int, values: dict[str, Any], *, by: User
) -> ConflictMapEntry:
    entry = ConflictMapEntry(unit=unit, year=year, **{k: values[k] for k in MAP_FIELDS})
    entry.full_clean()
    entry.save()
    audit.record(by, "integrity.conflict_map_added", entry, unit=unit, year=year)
    return entry


@transaction.atomic
def remove_map_entry(entry: ConflictMapEntry, *, by: User) -> None:
    audit.record(by, "integrity.conflict_map_removed", entry, unit=entry.unit)
    entry.delete()


def map_document(unit: Unit, year: int) -> TableDocument:
    rows = ConflictMapEntry.objects.filter(unit=unit, year=year)
    return TableDocument(
        title=f"Matrik Identifikasi Benturan Kepentingan Tahun {year}",
        lines=[unit.name],
        headers=[
            "No",
            "Tugas dan fungsi utama / layanan",
            "Potensi situasi benturan kepentingan",
            "Sumber",
            "Tingkat risiko",
            "Pengendalian",
        ],  # fmt: skip
        rows=[
            [
                i,
                e.duty,
                e.situation,
                e.get_source_display(),
                e.get_level_display(),
                e.control,
            ]
            for i, e in enumerate(rows, 1)
        ],
        widths=[5, 30, 40, 24, 14, 40],
        landscape=True,
        sheet_title=f"Matrik BK {year}",
    )


def file_map_document(
    unit: Unit, *, year: int, fmt: str, by: User, steps: Sequence[ActionStep] = ()
) -> Evidence:
    fmt = "xlsx" if fmt == "xlsx" else "pdf"
    document = GeneratedDocument(
        source=f"integrity.conflict_map:{year}:{fmt}",
        title=f"Matrik Identifikasi Benturan Kepentingan {year}",
        filename=f"matrik-benturan-kepentingan-{unit.code}-{year}.{fmt}",
        content=render(map_document(unit, year), fmt),
        document_date=timezone.localdate(),
        period=str(year),
        questions=("P.5.v.a",),
    )
    return file_generated_document(unit, document, by=by, steps=steps)


# --- Periodic evaluation and follow-up ----------------------------------------------

EVALUATION_FIELDS = ["period", "evaluated_on", "findings", "follow_up"]


@transaction.atomic
def record_evaluation(
    unit: Unit, year: int, values: dict[str, Any], *, by: User
) -> ConflictEvaluation:
    """Record a periodic evaluation of conflict-of-interest handling (P.5.v.d)."""
    if values["evaluated_on"] > timezone.localdate():
        raise ValidationError(
            {"evaluated_on": "Tanggal evaluasi tidak boleh sesudah hari ini."}
        )
    evaluation = ConflictEvaluation(
        unit=unit,
        year=year,
        recorded_by=by,
        **{k: values[k] for k in EVALUATION_FIELDS},
    )
    evaluation.full_clean()
    evaluation.save()
    audit.record(by, "integrity.conflict_evaluated", evaluation, unit=unit, year=year)
    return evaluation


@transaction.atomic
def complete_follow_up(
    evaluation: ConflictEvaluation, *, by: User, done_on: date, note: str
) -> None:
    """Record that the evaluation's follow-up is done (P.5.v.e)."""
    if done_on < evaluation.evaluated_on:
        raise ValidationError({"done_on": "Tanggal selesai sebelum tanggal evaluasi."})
    evaluation.follow_up_done_on = done_on
    evaluation.follow_up_note = note.strip()
    evaluation.full_clean()
    evaluation.save(update_fields=["follow_up_done_on", "follow_up_note", "updated_at"])
    audit.record(
        by,
        "integrity.conflict_follow_up_done",
        evaluation,
        unit=evaluation.unit,
        done_on=done_on,
    )
