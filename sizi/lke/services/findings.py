"""Findings become work: a reviewer's note turned into a follow-up step, and replies.

A note (penilaian pendahuluan, TPI or TPN) becomes a step of the unit's
Rencana Aksi through `sizi.plans.services` (`add_step`, `assign_owners`),
with its PIC and target date kept on the `FindingAction` that links the two.
A finding is open while its step is not done; open findings are listed in
"Pekerjaan saya", on the LKE pages and in the next year's assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sizi.core import audit
from sizi.lke.models import Assessment, FindingAction, NoteReply, ReviewNote
from sizi.plans import services as plan_services
from sizi.plans.models import ActionStep, Indicator
from sizi.units.models import Membership, Unit, User


def unit_indicators(unit: Unit) -> QuerySet[Indicator]:
    """Return the indicators of the unit's action plans, latest plan first."""
    return (
        Indicator.objects.filter(component__area__plan__unit=unit)
        .select_related("component__area__plan")
        .order_by("-component__area__plan__year", "component__area__order", "order")
    )


def unit_people(unit: Unit) -> QuerySet[User]:
    """Return the people who may be the PIC of a step of the unit."""
    return (
        User.objects.filter(
            memberships__unit=unit,
            memberships__role__in=[
                Membership.Role.LEADER,
                Membership.Role.COORDINATOR,
                Membership.Role.TEAM,
            ],
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


@transaction.atomic
def turn_into_step(
    note: ReviewNote,
    *,
    indicator: Indicator,
    text: str,
    owner: User,
    target_date: date,
    by: User,
) -> FindingAction:
    """Add a follow-up step for ``note`` to the unit's plan, with PIC and target."""
    unit = note.assessment.unit
    if FindingAction.objects.filter(note=note).exists():
        raise ValidationError("Catatan ini sudah dijadikan langkah tindak lanjut.")
    if indicator.component.area.plan.unit_id != unit.pk:
        raise ValidationError("Indikator bukan bagian dari rencana aksi unit ini.")
    if not unit_people(unit).filter(pk=owner.pk).exists():
        raise ValidationError("PIC harus anggota unit ini.")
    if not text.strip():
        raise ValidationError("Tulis langkah tindak lanjutnya.")
    code = note.question.code.removesuffix(".-")
    step = plan_services.add_step(
        indicator, by=by, text=f"{text.strip()} (tindak lanjut LKE {code})"
    )
    plan_services.assign_owners(step, [owner], by=by)
    action = FindingAction(note=note, step=step, target_date=target_date, created_by=by)
    action.full_clean()
    action.save()
    audit.record(
        by,
        "lke.finding_turned_into_step",
        action,
        unit=unit,
        question=note.question.code,
        step=step.pk,
        owner=owner.username,
        target_date=target_date,
    )
    return action


@transaction.atomic
def add_reply(note: ReviewNote, *, text: str, by: User) -> NoteReply:
    """Add a reply to the thread of a reviewer's note."""
    if not text.strip():
        raise ValidationError("Tanggapan tidak boleh kosong.")
    reply = NoteReply(note=note, author=by, text=text.strip())
    reply.full_clean()
    reply.save()
    audit.record(
        by,
        "lke.note_replied",
        reply,
        unit=note.assessment.unit,
        question=note.question.code,
    )
    return reply


@dataclass(frozen=True)
class FindingRow:
    """One open follow-up of a note, for the panels and the Temuan page."""

    action: FindingAction
    year: int
    question: str
    note: str
    step: ActionStep
    owners: tuple[str, ...]

    @property
    def late(self) -> bool:
        return self.action.target_date < timezone.localdate()


def _rows(actions: QuerySet[FindingAction]) -> list[FindingRow]:
    actions = actions.select_related(
        "note__question",
        "note__assessment__unit",
        "step__indicator__component__area__plan__unit",
    ).prefetch_related("step__owners")
    return [
        FindingRow(
            action=a,
            year=a.note.assessment.year,
            question=a.note.question.code.removesuffix(".-"),
            note=a.note.text,
            step=a.step,
            owners=tuple(str(u) for u in a.step.owners.all()),
        )
        for a in actions
    ]


def open_findings(unit: Unit, *, up_to_year: int | None = None) -> list[FindingRow]:
    """Return the unit's findings whose step is not done (up to a year)."""
    actions = FindingAction.objects.filter(note__assessment__unit=unit).exclude(
        step__status=ActionStep.Status.DONE
    )
    if up_to_year is not None:
        actions = actions.filter(note__assessment__year__lte=up_to_year)
    return _rows(actions)


def my_open_findings(user: User) -> list[FindingRow]:
    """Return the open findings whose step the user is PIC of."""
    return _rows(
        FindingAction.objects.filter(step__owners=user).exclude(
            step__status=ActionStep.Status.DONE
        )
    )


def earlier_open_findings(assessment: Assessment) -> list[FindingRow]:
    """Return the open findings of the unit's earlier years (shown in this year)."""
    return open_findings(assessment.unit, up_to_year=assessment.year - 1)
