"""SPIP risk register: every write, atomic, validated and audited; its documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sizi.core import audit
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.integrity.export import risk_documents
from sizi.integrity.models import ControlAction, Risk, RiskMonitoring, RiskRegister
from sizi.integrity.spip_rules import risk_rules
from sizi.plans.models import ActionStep, Indicator
from sizi.plans.monev_report import long_date
from sizi.plans.services.work import add_step, assign_owners
from sizi.units.models import Membership, Unit, User

RISK_FIELDS = [
    "objective",
    "statement",
    "cause",
    "effect",
    "element",
    "existing_controls",
    "owner",
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_impact",
]
DOCUMENTS = {
    # kind: (title, file stem, LKE questions)
    "register": ("Register Risiko SPIP", "register-risiko", ("P.5.ii.b",)),
    "rtp": ("Dokumen Rencana Tindak Pengendalian", "rtp", ("P.5.ii.c",)),
    "kartu": ("Kartu Kendali SPIP", "kartu-kendali-spip", ("P.5.ii.c", "R.5.i.-")),
}


@dataclass(frozen=True)
class RiskData:
    objective: str
    statement: str
    cause: str
    effect: str
    element: str
    existing_controls: str
    owner: User
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int


def _is_member(unit: Unit, user: User) -> bool:
    return Membership.objects.filter(unit=unit, user=user).exists()


@transaction.atomic
def register_for(unit: Unit, year: int, *, by: User) -> RiskRegister:
    """Return the unit's register for the year, opening it on first use."""
    register, created = RiskRegister.objects.get_or_create(unit=unit, year=year)
    if created:
        audit.record(
            by, "integrity.risk_register_opened", register, unit=unit, year=year
        )
    return register


def _apply_levels(risk: Risk) -> None:
    rules = risk_rules()
    risk.inherent_level = rules.level(risk.likelihood, risk.impact).key
    risk.residual_level = rules.level(
        risk.residual_likelihood, risk.residual_impact
    ).key


@transaction.atomic
def save_risk(
    register: RiskRegister, data: RiskData, *, by: User, risk: Risk | None = None
) -> Risk:
    """Add a risk to the register, or change one; the levels follow the matrix."""
    unit = register.unit
    if not _is_member(unit, data.owner):
        raise ValidationError({"owner": "Pemilik risiko harus anggota unit ini."})
    before = audit.snapshot(risk, RISK_FIELDS) if risk is not None else {}
    if risk is None:
        last = register.risks.aggregate(n=Max("number"))["n"] or 0
        risk = Risk(register=register, number=last + 1)
    for name, value in asdict(data).items():
        setattr(risk, name, value)
    _apply_levels(risk)
    risk.full_clean()
    risk.save()
    action = "integrity.risk_updated" if before else "integrity.risk_added"
    changes = audit.diff(before, audit.snapshot(risk, RISK_FIELDS))
    if changes:
        audit.record(by, action, risk, unit=unit, changes=changes)
    return risk


@transaction.atomic
def remove_risk(risk: Risk, *, by: User) -> None:
    audit.record(by, "integrity.risk_removed", risk, unit=risk.register.unit)
    risk.delete()


@transaction.atomic
def add_control_action(
    risk: Risk,
    *,
    by: User,
    text: str,
    pic: User,
    target_date: date,
    indicator: Indicator | None = None,
) -> ControlAction:
    """Plan an RTP; with an indicator it becomes a step of the plan owned by the PIC."""
    unit = risk.register.unit
    if not _is_member(unit, pic):
        raise ValidationError({"pic": "Penanggung jawab harus anggota unit ini."})
    if indicator is not None and indicator.component.area.plan.unit_id != unit.pk:
        raise ValidationError(
            {"indicator": "Indikator harus dari rencana aksi unit ini."}
        )
    action = ControlAction(
        risk=risk, text=text.strip(), pic=pic, target_date=target_date
    )
    action.full_clean()
    if indicator is not None:
        step = add_step(
            indicator,
            by=by,
            text=f"RTP risiko {risk.number}: {action.text} (target {long_date(target_date)})",
        )
        assign_owners(step, [pic], by=by)
        action.step = step
    action.save()
    audit.record(
        by,
        "integrity.control_action_added",
        action,
        unit=unit,
        pic=pic.get_username(),
        target_date=target_date,
        step=action.step_id,
    )
    return action


@transaction.atomic
def remove_control_action(action: ControlAction, *, by: User) -> None:
    """Drop an RTP from the register; its plan step, if any, stays in the plan."""
    audit.record(
        by,
        "integrity.control_action_removed",
        action,
        unit=action.risk.register.unit,
        step=action.step_id,
    )
    action.delete()


@transaction.atomic
def record_monitoring(
    risk: Risk, *, by: User, quarter: int, status: str, note: str, occurred: bool
) -> RiskMonitoring:
    """Record (or correct) the quarter's realisation and monitoring of a risk."""
    row = RiskMonitoring.objects.filter(risk=risk, quarter=quarter).first()
    before = audit.snapshot(row, ["status", "note", "occurred"]) if row else {}
    if row is None:
        row = RiskMonitoring(risk=risk, quarter=quarter, recorded_by=by)
    row.status, row.note, row.occurred, row.recorded_by = (
        status,
        note.strip(),
        occurred,
        by,
    )
    row.full_clean()
    row.save()
    audit.record(
        by,
        "integrity.risk_monitored",
        row,
        unit=risk.register.unit,
        changes=audit.diff(before, audit.snapshot(row, ["status", "note", "occurred"])),
    )
    return row


def file_risk_document(
    register: RiskRegister,
    *,
    kind: str,
    fmt: str,
    by: User,
    steps: Sequence[ActionStep] = (),
) -> Evidence:
    """File the register, the RTP document or the Kartu Kendali as bukti fisik."""
    title, stem, questions = DOCUMENTS[kind]
    fmt = "xlsx" if fmt == "xlsx" else "pdf"
    unit = register.unit
    document = GeneratedDocument(
        source=f"integrity.spip_{kind}:{register.year}:{fmt}",
        title=f"{title} {register.year}",
        filename=f"{stem}-{unit.code}-{register.year}.{fmt}",
        content=risk_documents.render_document(register, kind, fmt),
        document_date=timezone.localdate(),
        period=str(register.year),
        questions=questions,
    )
    return file_generated_document(unit, document, by=by, steps=steps)
