"""Gratification reports and the UPG: every write, atomic, validated and audited.

Views check rights (sizi.integrity.permissions) first; the functions here
guard the state machine. Audit entries name the report by its number only:
the audit log is read by leaders, who must not learn who reported what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.core import audit
from sizi.core.workdays import current_calendar
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.integrity import gratification_rules as rules
from sizi.integrity.export import upg_report
from sizi.integrity.models import GratificationReport, UpgMember
from sizi.integrity.queries import gratification_recap, period
from sizi.plans.models import ActionStep, Indicator
from sizi.plans.services.work import add_step, assign_owners
from sizi.units.models import Membership, Unit

if TYPE_CHECKING:
    from sizi.units.models import User

Status = GratificationReport.Status


@dataclass(frozen=True)
class ReportData:
    """What the reporter tells: the form's cleaned data."""

    kind: str
    giver_name: str
    giver_relation: str
    event: str
    event_description: str
    gift_type: str
    description: str
    estimated_value: Decimal
    received_on: date
    place: str
    object_location: str


def rule_for(report: GratificationReport) -> rules.RuleSet:
    """Return the rule set the report was computed with."""
    for rule in rules.rule_sets():
        if rule.key == report.rule_key:
            return rule
    return rules.rule_in_force(report.received_on)


def value_notes(report: GratificationReport) -> list[rules.ValueNote]:
    """Explain the thresholds that may apply to the report's value."""
    return rules.explain_value(
        rule_for(report),
        event=report.event,
        relation=report.giver_relation,
        is_money=report.gift_type == GratificationReport.GiftType.MONEY,
        value=report.estimated_value,
    )


@dataclass(frozen=True)
class Preview:
    """What the form shows before sending: the rule, its clocks, the thresholds."""

    rule: rules.RuleSet
    due: list[rules.DueDate]
    notes: list[rules.ValueNote]


def preview(
    *,
    received_on: date,
    event: str,
    giver_relation: str,
    gift_type: str,
    estimated_value: int | None,
) -> Preview | None:
    """Explain the rule in force for a receipt date and a gift; None outside the rules."""
    try:
        rule = rules.rule_in_force(received_on)
    except rules.NoRuleInForce:
        return None
    today = timezone.localdate()
    due = rules.due_dates(
        rule,
        add_days=current_calendar().add,
        received=received_on,
        reported=max(today, received_on),
    )
    notes = rules.explain_value(
        rule,
        event=event,
        relation=giver_relation,
        is_money=gift_type == GratificationReport.GiftType.MONEY,
        value=None if estimated_value is None else Decimal(estimated_value),
    )
    return Preview(rule, due, notes)


def _apply_clocks(report: GratificationReport) -> None:
    try:
        rule = rules.rule_in_force(report.received_on)
    except rules.NoRuleInForce as exc:
        raise ValidationError({"received_on": str(exc)}) from exc
    report.rule_key = rule.key
    due = {
        d.deadline.key: d.due
        for d in rules.due_dates(
            rule,
            add_days=current_calendar().add,
            received=report.received_on,
            reported=report.reported_on,
            completion_requested=report.completion_requested_on,
        )
    }
    report.due_to_upg = due["to_upg"]
    report.due_upg_to_kpk = due["upg_to_kpk"]
    report.due_kpk_limit = due["kpk_limit"]
    report.due_completeness = due.get("completeness")


def _check_received_on(received_on: date, today: date) -> None:
    if received_on > today:
        raise ValidationError(
            {"received_on": "Tanggal diterima tidak boleh sesudah hari ini."}
        )


def _next_number(unit: Unit, year: int) -> str:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    prefix = f"GRAT-{year}-"
    count = GratificationReport.objects.filter(
        unit=unit, number__startswith=prefix
    ).count()
    return f"{prefix}{count + 1:04d}"


@transaction.atomic
def submit_report(unit: Unit, data: ReportData, *, by: User) -> GratificationReport:
    """File an employee's report; the clocks follow the rule in force on receipt."""
    today = timezone.localdate()
    _check_received_on(data.received_on, today)
    report = GratificationReport(
        unit=unit,
        reporter=by,
        reported_on=today,
        number=_next_number(unit, today.year),
        **asdict(data),
    )
    _apply_clocks(report)
    report.full_clean()
    report.save()
    # The reporter is not named in the audit log, which leaders read: the report
    # itself records who reported, visible to the reporter and the UPG only.
    audit.record(None, "integrity.gratification_reported", report, unit=unit)
    return report


@transaction.atomic
def complete_report(
    report: GratificationReport, data: ReportData, *, by: User
) -> GratificationReport:
    """The reporter corrects or completes the report; an incomplete one goes back to UPG."""
    if report.reporter_id != by.pk or report.status not in {
        Status.REPORTED,
        Status.INCOMPLETE,
    }:
        raise ValidationError("Laporan ini tidak dapat diubah lagi.")
    _check_received_on(data.received_on, timezone.localdate())
    before = report.status
    for name, value in asdict(data).items():
        setattr(report, name, value)
    report.status = Status.REPORTED
    _apply_clocks(report)
    report.full_clean()
    report.save()
    audit.record(
        None,  # the reporter stays unnamed in the audit log (see submit_report)
        "integrity.gratification_completed",
        report,
        unit=report.unit,
        changes={"status": [before, report.status]},
    )
    return report


def _move(
    report: GratificationReport,
    *,
    by: User,
    allowed: set[str],
    to: str,
    action: str,
    fields: list[str],
) -> None:
    if report.status not in allowed:
        raise ValidationError(
            f"Laporan berstatus {report.get_status_display()} tidak dapat diproses."
        )
    before = report.status
    report.status = to
    report.full_clean()
    report.save(update_fields=[*fields, "status", "updated_at"])
    audit.record(
        by,
        action,
        report,
        unit=report.unit,
        changes={"status": [before, to]},
    )


@transaction.atomic
def verify_report(report: GratificationReport, *, by: User) -> None:
    """UPG: the report is complete and verified."""
    report.verified_on = timezone.localdate()
    _move(
        report,
        by=by,
        allowed={Status.REPORTED},
        to=Status.VERIFIED,
        action="integrity.gratification_verified",
        fields=["verified_on"],
    )


@transaction.atomic
def request_completion(report: GratificationReport, *, by: User, note: str) -> None:
    """UPG: ask the reporter to complete the report by the completeness deadline."""
    if not note.strip():
        raise ValidationError(
            {"completion_note": "Sebutkan apa yang harus dilengkapi."}
        )
    report.completion_note = note.strip()
    report.completion_requested_on = timezone.localdate()
    _apply_clocks(report)
    _move(
        report,
        by=by,
        allowed={Status.REPORTED, Status.VERIFIED},
        to=Status.INCOMPLETE,
        action="integrity.gratification_completion_requested",
        fields=["completion_note", "completion_requested_on", "due_completeness"],
    )


@transaction.atomic
def forward_to_kpk(
    report: GratificationReport, *, by: User, reference: str, forwarded_on: date
) -> None:
    """UPG: the report went to KPK (GOL); record KPK's reference."""
    if not reference.strip():
        raise ValidationError({"kpk_reference": "Isi nomor laporan KPK/GOL."})
    if forwarded_on < report.received_on or forwarded_on > timezone.localdate():
        raise ValidationError(
            {
                "forwarded_on": "Tanggal diteruskan harus antara tanggal diterima dan hari ini."
            }
        )
    report.kpk_reference = reference.strip()
    report.forwarded_on = forwarded_on
    _move(
        report,
        by=by,
        allowed={Status.REPORTED, Status.VERIFIED},
        to=Status.FORWARDED,
        action="integrity.gratification_forwarded",
        fields=["kpk_reference", "forwarded_on"],
    )


@transaction.atomic
def record_decision(
    report: GratificationReport,
    *,
    by: User,
    decision: str,
    decided_on: date,
    reference: str = "",
) -> None:
    """UPG: KPK decided milik negara (handover follows) or milik penerima (closed)."""
    if report.forwarded_on is not None and decided_on < report.forwarded_on:
        raise ValidationError(
            {"decided_on": "Tanggal penetapan tidak boleh sebelum tanggal diteruskan."}
        )
    report.decision = decision
    report.decided_on = decided_on
    report.decision_reference = reference.strip()
    to = (
        Status.DECIDED
        if decision == GratificationReport.Decision.STATE
        else Status.CLOSED
    )
    _move(
        report,
        by=by,
        allowed={Status.FORWARDED},
        to=to,
        action="integrity.gratification_decided",
        fields=["decision", "decided_on", "decision_reference"],
    )


@transaction.atomic
def record_handover(
    report: GratificationReport, *, by: User, handed_over_on: date, note: str
) -> None:
    """UPG: the object declared milik negara was handed over; the case is closed."""
    if report.decided_on is not None and handed_over_on < report.decided_on:
        raise ValidationError(
            {"handed_over_on": "Tanggal penyerahan tidak boleh sebelum penetapan."}
        )
    report.handed_over_on = handed_over_on
    report.handover_note = note.strip()
    _move(
        report,
        by=by,
        allowed={Status.DECIDED},
        to=Status.CLOSED,
        action="integrity.gratification_handed_over",
        fields=["handed_over_on", "handover_note"],
    )


def record_upg_read(report: GratificationReport, *, by: User) -> None:
    """Audit that a UPG member opened a report that is not their own."""
    audit.record(by, "integrity.gratification_read", report, unit=report.unit)


# --- UPG membership ---------------------------------------------------------


@transaction.atomic
def appoint_upg_member(
    unit: Unit, user: User, *, by: User, decree: str = ""
) -> UpgMember:
    """The pimpinan appoints a member of the unit to the UPG."""
    if not Membership.objects.filter(unit=unit, user=user).exists():
        raise ValidationError({"user": "Anggota UPG harus anggota unit ini."})
    if UpgMember.objects.filter(unit=unit, user=user).exists():
        raise ValidationError({"user": "Pengguna ini sudah anggota UPG."})
    member = UpgMember(unit=unit, user=user, decree=decree.strip(), appointed_by=by)
    member.full_clean()
    member.save()
    audit.record(
        by,
        "integrity.upg_member_appointed",
        member,
        unit=unit,
        member=user.get_username(),
        decree=member.decree,
    )
    return member


@transaction.atomic
def remove_upg_member(member: UpgMember, *, by: User) -> None:
    """The pimpinan ends an appointment."""
    audit.record(
        by,
        "integrity.upg_member_removed",
        member,
        unit=member.unit,
        member=member.user.get_username(),
    )
    member.delete()


def claim_reminder(report: GratificationReport, today: date) -> bool:
    """Mark the report reminded today; False if another run already did."""
    updated = (
        GratificationReport.objects.filter(pk=report.pk)
        .exclude(last_reminded_on=today)
        .update(last_reminded_on=today)
    )
    return updated == 1


# --- The periodic UPG report ----------------------------------------------------

UPG_REPORT_QUESTIONS = ("P.5.i.b",)


def file_upg_report(
    unit: Unit,
    *,
    year: int,
    quarter: int,
    fmt: str,
    by: User,
    steps: Sequence[ActionStep] = (),
) -> Evidence:
    """Render the UPG report of the period and file it as bukti fisik."""
    when = period(year, quarter)
    recap = gratification_recap(unit, when)
    if fmt == "xlsx":
        content = upg_report.render_xlsx(recap, unit_name=unit.name)
    else:
        content = upg_report.render_pdf(recap, unit_name=unit.name)
    document = GeneratedDocument(
        source=f"integrity.upg_report:{when.code}:{fmt}",
        title=f"Laporan UPG {when.label}",
        filename=f"laporan-upg-{unit.code}-{when.code}.{fmt}",
        content=content,
        document_date=timezone.localdate(),
        period=when.code,
        questions=UPG_REPORT_QUESTIONS,
    )
    return file_generated_document(unit, document, by=by, steps=steps)


@transaction.atomic
def plan_public_campaign(
    unit: Unit, *, indicator: Indicator, text: str, pic: User, by: User
) -> ActionStep:
    """Plan a P.5.i public-campaign item as a step of the Rencana Aksi, owned by its PIC."""
    if indicator.component.area.plan.unit_id != unit.pk:
        raise ValidationError(
            {"indicator": "Indikator harus dari rencana aksi unit ini."}
        )
    if not Membership.objects.filter(unit=unit, user=pic).exists():
        raise ValidationError({"pic": "Penanggung jawab harus anggota unit ini."})
    step = add_step(indicator, by=by, text=text.strip())
    assign_owners(step, [pic], by=by)
    audit.record(by, "integrity.gratification_campaign_planned", step, unit=unit)
    return step
