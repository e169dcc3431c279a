"""Daily reminders: due within 7 days and late steps, once per step and PIC per day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from sizi.plans import services
from sizi.plans.models import ActionStep, StepReminder
from sizi.plans.reminders import send_plan_reminders
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_pic(tree, alice, bob):
    plan = build_plan(
        tree["tanjabbar"], steps=4
    )  # targets end 28 Jan, Feb, Mar, Apr 2025
    for step in ActionStep.objects.for_plan(plan):
        services.assign_owners(step, [bob], by=alice)
    return plan


def test_reminder_mentions_late_and_due_steps(plan_with_pic, bob):
    run = send_plan_reminders(date(2025, 3, 24))
    assert (run.emails, run.steps) == (1, 3)  # Jan + Feb late, Mar due in 4 days
    assert mail.outbox[0].to == [bob.email]
    body = mail.outbox[0].body
    assert "TERLAMBAT" in body and "JATUH TEMPO DALAM 7 HARI" in body
    kinds = sorted(StepReminder.objects.values_list("kind", flat=True))
    assert kinds == ["due_soon", "overdue", "overdue"]


def test_second_run_on_the_same_day_sends_nothing(plan_with_pic):
    send_plan_reminders(date(2025, 3, 24))
    run = send_plan_reminders(date(2025, 3, 24))
    assert (run.emails, len(mail.outbox)) == (0, 1)
    next_day = send_plan_reminders(date(2025, 3, 25))
    assert next_day.emails == 1


def test_done_steps_are_not_reminded(plan_with_pic, bob):
    for step in ActionStep.objects.for_plan(plan_with_pic):
        services.update_step(step, by=bob, status="done")
    assert send_plan_reminders(date(2025, 12, 1)).emails == 0


def test_command_reports_what_it_sent(plan_with_pic, capsys):
    call_command("send_plan_reminders", "--date", "2025-03-24")
    assert "Terkirim 1 surel tentang 3 langkah aksi" in capsys.readouterr().out


def test_monthly_target_is_reminded_before_each_month_ends(tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    indicator = ActionStep.objects.for_plan(plan).get().indicator
    indicator.target_raw = "Per-bulan"
    indicator.target_recurrence = "monthly"
    indicator.target_start, indicator.target_end = date(2025, 1, 1), date(2025, 12, 31)
    indicator.target_periods = [
        [f"2025-{m:02d}-01", f"2025-{m:02d}-28"] for m in range(1, 13)
    ]
    indicator.save()
    step = ActionStep.objects.for_plan(plan).get()
    services.assign_owners(step, [bob], by=alice)
    services.add_realisation(  # April was done, so only May's end is coming
        step, by=bob, description="Rekap April", done_on=date(2025, 4, 25)
    )
    assert send_plan_reminders(date(2025, 5, 10)).emails == 0  # May ends on the 28th
    run = send_plan_reminders(date(2025, 5, 23))
    assert (run.emails, StepReminder.objects.get().kind) == (1, "due_soon")
    assert "28 Mei 2025" in mail.outbox[0].body


def test_monthly_step_with_a_missed_month_is_reminded_as_late(tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    indicator = ActionStep.objects.for_plan(plan).get().indicator
    indicator.target_raw = "Per-bulan"
    indicator.target_recurrence = "monthly"
    indicator.target_start, indicator.target_end = date(2025, 1, 1), date(2025, 12, 31)
    indicator.target_periods = [
        [f"2025-{m:02d}-01", f"2025-{m:02d}-28"] for m in range(1, 13)
    ]
    indicator.save()
    step = ActionStep.objects.for_plan(plan).get()
    services.assign_owners(step, [bob], by=alice)

    run = send_plan_reminders(date(2025, 5, 10))  # nothing realised in April

    assert (run.emails, StepReminder.objects.get().kind) == (1, "overdue")
    assert "TERLAMBAT" in mail.outbox[0].body
    assert step.is_late(date(2025, 5, 10)) is True


def test_a_refused_address_does_not_stop_the_other_pics(
    plan_with_pic, alice, bob, monkeypatch, capsys
):
    import smtplib

    from django.core.management.base import CommandError

    from sizi.units import notifications as reminders  # notify() sends the e-mail

    for step in ActionStep.objects.for_plan(plan_with_pic):
        services.assign_owners(step, [alice, bob], by=alice)
    real_send = reminders.send_mail

    def send(**kwargs):
        if kwargs["recipient_list"] == [bob.email]:
            raise smtplib.SMTPRecipientsRefused({bob.email: (550, b"no such user")})
        return real_send(**kwargs)

    monkeypatch.setattr(reminders, "send_mail", send)
    with pytest.raises(CommandError):
        call_command("send_plan_reminders", "--date", "2025-03-24")
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "1 surel gagal" in capsys.readouterr().err
    # bob's reminders are not marked as sent: the next run tries again
    assert not StepReminder.objects.filter(recipient=bob).exists()
    monkeypatch.setattr(reminders, "send_mail", real_send)
    assert send_plan_reminders(date(2025, 3, 24)).emails == 1
