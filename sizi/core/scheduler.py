"""Periodic commands from one scheduler, claimed once per day across workers.

``settings.PERIODIC_COMMANDS`` lists each command with its time of day in
Asia/Jakarta. Every worker loop calls :func:`tick`; the first worker to insert
the day's ``ScheduledRun`` row runs the command, the others see the row and
skip it, so several workers never send the same reminders twice. Cron stays a
documented alternative (README): then leave the list empty.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from sizi.core.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    """A management command run once a day at ``at`` (local time) or later."""

    name: str
    command: str
    at: time


def schedule() -> list[Periodic]:
    """Return the configured periodic commands."""
    return [
        Periodic(name, command, time.fromisoformat(at))
        for name, command, at in settings.PERIODIC_COMMANDS
    ]


def due(entries: list[Periodic], now_local: datetime, done: set[str]) -> list[Periodic]:
    """Return the entries whose time has come today and that did not run yet."""
    return [e for e in entries if now_local.time() >= e.at and e.name not in done]


def tick(now: datetime | None = None) -> list[ScheduledRun]:
    """Run each periodic command that is due and not yet claimed today."""
    local = timezone.localtime(now or timezone.now())
    today = local.date()
    done = set(ScheduledRun.objects.filter(run_on=today).values_list("name", flat=True))
    runs = []
    for entry in due(schedule(), local, done):
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=entry.name, run_on=today)
        except IntegrityError:
            continue  # another worker claimed it
        runs.append(_run(run, entry))
    return runs


def _run(run: ScheduledRun, entry: Periodic) -> ScheduledRun:
    out = io.StringIO()
    try:
        call_command(entry.command, stdout=out, stderr=out)
        run.succeeded = True
    except (CommandError, SystemExit) as exc:
        out.write(f"\n{exc}")
        run.succeeded = isinstance(exc, SystemExit) and exc.code in (0, None)
    except Exception:
        logger.exception("Periodic command %s failed", entry.command)
        out.write("\nKesalahan tak terduga; lihat log server.")
        run.succeeded = False
    run.finished_at = timezone.now()
    run.output = out.getvalue()[-10_000:]
    run.save(update_fields=["finished_at", "succeeded", "output"])
    return run
