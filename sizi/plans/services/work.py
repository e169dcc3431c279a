"""Writes while following a plan: PICs, status, realisations, edits, monev."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from sizi.core import audit
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    ExpectedEvidence,
    FollowUp,
    Indicator,
    Realisation,
    ReviewMeeting,
)
from sizi.plans.services.rows import (
    DECREE_FIELDS,
    TARGET_FIELDS,
    apply_values,
    create_valid,
    target_fields,
)
from sizi.plans.sync import match_rows
from sizi.units.notifications import Kind, notify

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

# --- Steps -------------------------------------------------------------------


def _unit_of(step: ActionStep) -> Unit:
    return step.indicator.component.area.plan.unit


@transaction.atomic
def assign_owners(step: ActionStep, owners: Iterable[User], *, by: User) -> None:
    """Set the PICs of a step (users of the step's unit)."""
    new = sorted({u.pk: u for u in owners}.values(), key=lambda u: u.pk)
    before = sorted(step.owners.values_list("username", flat=True))
    step.owners.set(new)
    after = sorted(u.username for u in new)
    if before != after:
        unit = _unit_of(step)
        audit.record(
            by,
            "plans.step_owners_set",
            step,
            unit=unit,
            changes={"owners": [before, after]},
        )
        notify(
            [u for u in new if u.username not in before],
            kind=Kind.ASSIGNMENT,
            title=f"Anda menjadi PIC langkah aksi: {_short(step.text)}",
            body=f"Target: {step.indicator.target_raw}"
            if step.indicator.target_raw
            else "",
            url=step.get_absolute_url(),
            unit=unit,
            exclude=by,
        )


def _short(text: str, limit: int = 160) -> str:
    """Cut a long text at a word boundary, for a notification's title."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def reconcile(
    current_status: str, current_progress: int, status: str | None, progress: int | None
) -> tuple[str, int]:
    """Return the (status, progress) a step gets from a requested change.

    Selesai is always 100 % and 100 % is always selesai; belum mulai is 0 %, so a
    progress above 0 makes it berjalan; reopening a finished step without a new
    figure sets it to 90 %.
    """
    done, started, fresh = (
        ActionStep.Status.DONE,
        ActionStep.Status.IN_PROGRESS,
        ActionStep.Status.NOT_STARTED,
    )
    if status == done or progress == 100:
        return done, 100
    new_status = status or current_status
    if progress is None:
        new_progress = current_progress
        if new_status == fresh:
            new_progress = 0
        elif new_status == started and current_progress == 100:
            new_progress = 90
        return new_status, new_progress
    if new_status == done or (new_status == fresh and progress > 0):
        new_status = started
    return new_status, progress


@transaction.atomic
def update_step(
    step: ActionStep,
    *,
    by: User,
    status: str | None = None,
    progress: int | None = None,
) -> None:
    """Change a step's status and/or progress, keeping the two consistent.

    Selesai means 100%; a progress of 100 means selesai; any progress above 0
    on a step not started makes it berjalan.
    """
    if status is not None and status not in ActionStep.Status.values:
        raise ValidationError({"status": "Status tidak dikenal."})
    before = audit.snapshot(step, ["status", "progress"])
    step.status, step.progress = reconcile(step.status, step.progress, status, progress)
    changes = audit.diff(before, audit.snapshot(step, ["status", "progress"]))
    if not changes:
        return
    step.full_clean()
    step.save(update_fields=["status", "progress", "updated_at"])
    audit.record(by, "plans.step_updated", step, unit=_unit_of(step), changes=changes)


@transaction.atomic
def add_realisation(
    step: ActionStep,
    *,
    by: User,
    description: str,
    done_on: date,
    note: str = "",
    mark_done: bool = False,
    progress: int | None = None,
) -> Realisation:
    """Record what was done for a step and bring its status and progress along.

    The step becomes berjalan (or selesai with `mark_done`). Its progress becomes
    `progress` when given; for a recurring target without a figure, the share of
    the target's periods that now have a realisation, never lowering a figure set
    by hand. A share of 100 % (every period realised) makes the step selesai.
    """
    realisation: Realisation = create_valid(
        Realisation,
        {
            "step": step,
            "description": description,
            "done_on": done_on,
            "note": note,
            "by": by,
        },
    )
    audit.record(
        by,
        "plans.realisation_added",
        step,
        unit=_unit_of(step),
        description=description,
        done_on=done_on,
        note=note,
    )
    status: str | None = None
    if mark_done:
        status = ActionStep.Status.DONE
    elif step.status == ActionStep.Status.NOT_STARTED:
        status = ActionStep.Status.IN_PROGRESS
    if progress is None and not mark_done:
        share = step.realised_progress()
        if share is not None and share > step.effective_progress:
            progress = share
    update_step(step, by=by, status=status, progress=progress)
    return realisation


# --- Editing the plan (coordinator) -------------------------------------------


@transaction.atomic
def edit_step_text(step: ActionStep, *, by: User, text: str) -> None:
    """Change the wording of a step."""
    before = audit.snapshot(step, ["text"])
    if apply_values(step, {"text": text}):
        audit.record(
            by,
            "plans.step_edited",
            step,
            unit=_unit_of(step),
            changes=audit.diff(before, {"text": text}),
        )


@transaction.atomic
def add_step(indicator: Indicator, *, by: User, text: str) -> ActionStep:
    """Append a step to an indicator."""
    order = indicator.steps.count()
    step: ActionStep = create_valid(
        ActionStep, {"indicator": indicator, "text": text, "order": order}
    )
    audit.record(
        by, "plans.step_added", step, unit=indicator.component.area.plan.unit, text=text
    )
    return step


@transaction.atomic
def remove_step(step: ActionStep, *, by: User) -> None:
    """Delete a step with its realisations."""
    unit = _unit_of(step)
    audit.record(by, "plans.step_removed", step, unit=unit, text=step.text)
    step.delete()


@transaction.atomic
def edit_indicator(
    indicator: Indicator, *, by: User, text: str, target: Any, evidence: list[str]
) -> None:
    """Change an indicator's wording, target time (parsed) and expected evidence."""
    fields = ["text", *TARGET_FIELDS]
    before = audit.snapshot(indicator, fields)
    plan = indicator.component.area.plan
    apply_values(indicator, {"text": text, **target_fields(target, plan.signed_on)})
    changes = audit.diff(before, audit.snapshot(indicator, fields))
    stored = list(indicator.expected_evidence.all())
    old_texts = [e.text for e in stored]
    if old_texts != evidence:
        m = match_rows(
            stored,
            evidence,
            stored_key=lambda e: e.text,
            incoming_key=lambda t: t,
            stored_position=lambda e: e.order,
        )
        for row in m.removed:
            row.delete()
        for old, new, i in m.pairs:
            apply_values(old, {"text": new, "order": i})
        for new, i in m.added:
            create_valid(
                ExpectedEvidence, {"indicator": indicator, "text": new, "order": i}
            )
        changes["evidence"] = [old_texts, evidence]
    if changes:
        audit.record(
            by, "plans.indicator_edited", indicator, unit=plan.unit, changes=changes
        )


# --- Monev ---------------------------------------------------------------------


@transaction.atomic
def record_meeting(
    plan: ActionPlan,
    *,
    by: User,
    held_on: date,
    title: str,
    attendees: str = "",
    minutes: str = "",
    decisions: str = "",
) -> ReviewMeeting:
    """Record a monev meeting of a plan."""
    meeting: ReviewMeeting = create_valid(
        ReviewMeeting,
        {
            "plan": plan,
            "held_on": held_on,
            "title": title,
            "attendees": attendees,
            "minutes": minutes,
            "decisions": decisions,
            "recorded_by": by,
        },
    )
    audit.record(by, "plans.meeting_recorded", meeting, unit=plan.unit, held_on=held_on)
    return meeting


@transaction.atomic
def add_follow_up(
    meeting: ReviewMeeting,
    *,
    by: User,
    text: str,
    owner: User | None,
    due_on: date | None,
    steps: Iterable[ActionStep] = (),
) -> FollowUp:
    """Add a follow-up to a meeting, linked to the steps it concerns."""
    plan_step_ids = set(
        ActionStep.objects.for_plan(meeting.plan).values_list("pk", flat=True)
    )
    linked = list(steps)
    if any(s.pk not in plan_step_ids for s in linked):
        raise ValidationError(
            {"steps": "Langkah aksi harus dari rencana aksi yang sama."}
        )
    follow_up: FollowUp = create_valid(
        FollowUp, {"meeting": meeting, "text": text, "owner": owner, "due_on": due_on}
    )
    follow_up.steps.set(linked)
    audit.record(
        by,
        "plans.follow_up_added",
        follow_up,
        unit=meeting.plan.unit,
        text=text,
        owner=owner,
        due_on=due_on,
        steps=[s.pk for s in linked],
    )
    notify(
        owner,
        kind=Kind.FOLLOW_UP,
        title=f"Tindak lanjut monev untuk Anda: {_short(text)}",
        body=(
            f"Dari {meeting.title} tanggal {date_format(meeting.held_on, 'j F Y')}"
            + (f", batas {date_format(due_on, 'j F Y')}" if due_on else "")
            + "."
        ),
        url=meeting.get_absolute_url(),
        unit=meeting.plan.unit,
        exclude=by,
    )
    return follow_up


@transaction.atomic
def set_follow_up_done(follow_up: FollowUp, *, by: User, done: bool) -> None:
    """Mark a follow-up done or reopen it."""
    if follow_up.done == done:
        return
    follow_up.done = done
    follow_up.save(update_fields=["done", "updated_at"])
    audit.record(
        by,
        "plans.follow_up_done" if done else "plans.follow_up_reopened",
        follow_up,
        unit=follow_up.meeting.plan.unit,
    )


@transaction.atomic
def update_decree(plan: ActionPlan, *, by: User, **values: Any) -> None:
    """Correct the decree fields of a plan (number, title, date, place, signatory)."""
    fields = [name for name in DECREE_FIELDS if name in values]
    before = audit.snapshot(plan, fields)
    if apply_values(plan, {name: values[name] for name in fields}):
        audit.record(
            by,
            "plans.decree_updated",
            plan,
            unit=plan.unit,
            changes=audit.diff(before, audit.snapshot(plan, fields)),
        )
