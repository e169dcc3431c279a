"""`manage.py worker` with the database backend and beside RQ workers."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sizi.core.management.commands.worker import RQ_WORKER_COMMAND
from sizi.core.models import Job, ScheduledRun

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def test_the_worker_refuses_to_run_rq_tasks_and_says_what_to_run(settings):
    settings.TASKS = RQ_TASKS
    with pytest.raises(CommandError) as refused:
        call_command("worker", "--once")
    message = str(refused.value)
    assert RQ_WORKER_COMMAND in message
    assert "python manage.py worker --schedule-only" in message


def test_another_backend_is_refused_with_the_schedule_only_hint(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    with pytest.raises(CommandError, match="--schedule-only"):
        call_command("worker", "--once")


@pytest.mark.django_db
def test_schedule_only_runs_the_daily_commands_and_recovers_jobs_beside_rq(
    settings, alice
):
    settings.TASKS = RQ_TASKS
    settings.PERIODIC_COMMANDS = [("purge_jobs", "purge_jobs", "00:00")]
    settings.JOB_MAX_ATTEMPTS = 1
    stopped = Job.objects.create(
        user=alice,
        kind="test.report",
        title="Ekspor yang terhenti",
        task_path="sizi.plans.tasks.missing",
        status=Job.Status.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    out = StringIO()
    call_command("worker", "--once", "--schedule-only", stdout=out)
    assert "Jadwal purge_jobs: berhasil" in out.getvalue()
    assert "Dipulihkan: Ekspor yang terhenti" in out.getvalue()
    assert ScheduledRun.objects.filter(name="purge_jobs").count() == 1
    stopped.refresh_from_db()
    assert stopped.status == Job.Status.FAILED


def test_schedule_only_and_no_schedule_exclude_each_other():
    with pytest.raises(CommandError):
        call_command("worker", "--once", "--schedule-only", "--no-schedule")
