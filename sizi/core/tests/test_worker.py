"""`manage.py worker` with the database backend and beside RQ workers."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import django_rq
import pytest
import redis
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_rq.backend import Job as RQJob
from rq import SimpleWorker

from sizi.core import jobs
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


@task()
def store_note(job_id: str) -> None:
    with jobs.running(job_id) as run:
        if run is not None:
            run.store("catatan.txt", "text/plain", b"dibuat oleh worker RQ")


@pytest.mark.django_db
def test_a_job_runs_on_an_rq_worker(
    settings, alice, django_capture_on_commit_callbacks
):
    url = "redis://127.0.0.1:6379/12"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = RQ_TASKS
    django_rq.get_queue("default").empty()
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_job(
            store_note, by=alice, unit=None, kind="test.note", title="Catatan"
        )
    assert django_rq.get_queue("default").count == 1
    worker = django_rq.get_worker("default", job_class=RQJob, worker_class=SimpleWorker)
    worker.work(burst=True)
    job.refresh_from_db()
    assert (job.status, job.result_filename) == (Job.Status.DONE, "catatan.txt")
    with default_storage.open(job.result_name, "rb") as handle:
        assert handle.read() == b"dibuat oleh worker RQ"
