"""Remind each PIC of their steps due within 7 days and their late steps.

Run daily (see docs/rencana-aksi.md). Each PIC gets one notification listing
the steps (``units.notifications.notify``), e-mailed as the PIC chose. A step
is mentioned to a PIC at most once per day: every mention is recorded as a
StepReminder, and the unique constraint (step, recipient, sent_on) makes a
second run on the same day send nothing.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from sizi.plans.models import ActionStep, StepReminder, last_finished_period, today
from sizi.plans.queries import DueStep, next_due
from sizi.units.models import User
from sizi.units.notifications import Kind, notify, reminder_key

DUE_SOON_DAYS = 7
logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    emails: int = 0
    steps: int = 0
    notifications: int = 0
    skipped_no_email: int = 0
    failed: int = 0


def _candidates(on: date) -> list[DueStep]:
    """Return open steps due within 7 days or late, each with the date it is due.

    A recurring target ("Per-bulan", "setiap triwulan") is due at the end of each
    of its periods, so it is reminded before every period ends, not only at the
    end of the year; and it is late, like in the plan's lists, when its last
    finished period has no realisation (then `due_on` is that period's end).
    """
    horizon = on + timedelta(days=DUE_SOON_DAYS)
    active = Q(indicator__component__area__plan__unit__is_active=True)
    late_ids = set(
        ActionStep.objects.overdue(on).filter(active).values_list("pk", flat=True)
    )
    steps = ActionStep.objects.open().filter(
        Q(indicator__target_end__lte=horizon)
        | (~Q(indicator__target_recurrence="") & Q(indicator__target_end__gte=on))
        | Q(pk__in=late_ids),
        active,
    )
    due: list[DueStep] = []
    for step in (
        steps.select_related("indicator__component__area__plan__unit")
        .prefetch_related("owners")
        .order_by("indicator__target_end", "pk")
    ):
        missed = last_finished_period(step.indicator.target_recurrence, on)
        end = step.indicator.target_end
        if step.pk in late_ids and missed and end is not None and end >= on:
            due_on: date | None = missed[1]
        else:
            due_on = next_due(step, on)
        if due_on is not None and due_on <= horizon:
            due.append(DueStep(step, due_on))
    return due


def send_plan_reminders(on: date | None = None) -> ReminderRun:
    """Send today's reminders; steps already mentioned to a PIC today are skipped."""
    on = on or today()
    run = ReminderRun()
    already = set(
        StepReminder.objects.filter(sent_on=on).values_list("step_id", "recipient_id")
    )
    per_user: dict[int, list[DueStep]] = defaultdict(list)
    users: dict[int, User] = {}
    for row in _candidates(on):
        for owner in row.step.owners.all():
            if not owner.is_active or (row.step.pk, owner.pk) in already:
                continue
            if not owner.email:
                run.skipped_no_email += 1  # notified in SIZI only
            per_user[owner.pk].append(row)
            users[owner.pk] = owner
    for user_id, steps in per_user.items():
        try:
            _send_one(users[user_id], steps, on, run)
        except IntegrityError:
            continue  # another run sent these today already
        except (smtplib.SMTPException, OSError) as exc:
            # one refused address or a mail-server hiccup must not stop the other
            # PICs' reminders; nothing is marked sent, so the next run tries again
            run.failed += 1
            logger.warning("Reminder to user %s failed: %s", user_id, exc)
    return run


@transaction.atomic
def _send_one(user: User, steps: list[DueStep], on: date, run: ReminderRun) -> None:
    late = [r for r in steps if r.due_on is not None and r.due_on < on]
    soon = [r for r in steps if r not in late]
    StepReminder.objects.bulk_create(
        [
            StepReminder(
                step=r.step,
                recipient=user,
                sent_on=on,
                kind=StepReminder.Kind.OVERDUE
                if r in late
                else StepReminder.Kind.DUE_SOON,
            )
            for r in steps
        ]
    )
    context = {
        "user": user,
        "late": late,
        "soon": soon,
        "on": on,
        "site_url": settings.SITE_URL,
    }
    units = {r.step.indicator.component.area.plan.unit for r in steps}
    unit = units.pop() if len(units) == 1 else None
    created = notify(
        user,
        kind=Kind.REMINDER,
        title=f"Pengingat rencana aksi: {len(late)} langkah terlambat, "
        f"{len(soon)} jatuh tempo dalam 7 hari.",
        body=render_to_string("plans/email/reminder.txt", context).strip(),
        # one step: its page; several: Beranda, whose "Pekerjaan saya" lists them
        url=steps[0].step.get_absolute_url()
        if len(steps) == 1
        else reverse("units:dashboard"),
        unit=unit,
        key=reminder_key("plans.reminder", [r.step.pk for r in steps]),
        on=on,
        mail_now=True,
    )
    run.notifications += len(created)
    run.emails += sum(1 for n in created if n.emailed_at is not None)
    run.steps += len(steps)
