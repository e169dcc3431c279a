"""python manage.py worker: run background jobs and the periodic commands.

The office PC's `make run` starts one beside gunicorn. Each loop recovers the
jobs of a worker that died, runs the periodic commands that are due, then runs
every queued task (django-tasks database backend) before sleeping.

With the RQ backend (several app servers, docs/background-jobs.md) the tasks
are run by RQ workers (`manage.py rqworker ...`); this command then runs with
`--schedule-only` in one place, for the daily commands and the recovery of
jobs whose worker died.
"""

from __future__ import annotations

import os
import socket
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from sizi.core import jobs, scheduler

RQ_WORKER_COMMAND = (
    "python manage.py rqworker --job-class django_tasks_rq.backend.Job default"
)
RQ_REFUSAL = (
    "TASKS_BACKEND memakai RQ: tugas latar dijalankan oleh worker RQ, bukan "
    "perintah ini. Jalankan di setiap mesin worker:\n"
    f"    {RQ_WORKER_COMMAND}\n"
    "dan di satu tempat saja (jadwal harian dan pemulihan pekerjaan):\n"
    "    python manage.py worker --schedule-only"
)
OTHER_REFUSAL = (
    "TASKS_BACKEND bukan backend basis data; jalankan worker milik backend itu, "
    "dan `python manage.py worker --schedule-only` di satu tempat untuk jadwal "
    "harian."
)


def _database_worker() -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
    )


class Command(BaseCommand):
    help = "Jalankan pekerjaan latar (ekspor, paket, impor) dan perintah berkala."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="satu putaran lalu berhenti"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="jeda antarputaran (detik)"
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--no-schedule", action="store_true", help="tanpa perintah berkala"
        )
        mode.add_argument(
            "--schedule-only",
            action="store_true",
            help="hanya perintah berkala dan pemulihan pekerjaan (beside RQ workers)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = task_backends["default"]
        worker: Worker | None = None
        if not options["schedule_only"]:
            if not isinstance(backend, DatabaseBackend):
                rq = type(backend).__module__.startswith("django_tasks_rq")
                raise CommandError(RQ_REFUSAL if rq else OTHER_REFUSAL)
            worker = _database_worker()
        if not options["once"]:
            if worker is not None:
                worker.configure_signals()
            what = "jadwal harian saja" if worker is None else "pekerjaan latar"
            self.stdout.write(f"Worker SIZI berjalan: {what} (hentikan dengan Ctrl+C).")
        while True:
            self._loop(worker, schedule=not options["no_schedule"])
            if options["once"]:
                return
            close_old_connections()
            time.sleep(options["interval"])

    def _loop(self, worker: Worker | None, *, schedule: bool) -> None:
        for job in jobs.recover_stale():
            self.stdout.write(f"Dipulihkan: {job.title} ({job.get_status_display()})")
        if schedule:
            for run in scheduler.tick():
                state = "berhasil" if run.succeeded else "GAGAL"
                self.stdout.write(f"Jadwal {run.name}: {state}")
        if worker is not None:
            worker.run()
