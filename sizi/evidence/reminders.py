"""Reminders to PICs about evidence requests that are due soon or overdue.

Each PIC gets one notification listing the requests (``units.notifications``),
e-mailed as the PIC chose.

Run `manage.py send_evidence_reminders` daily (cron or a systemd timer). Each
request is mentioned at most once per day, whatever the number of runs: a run
claims a request by setting `last_reminded_on` to today with a conditional
UPDATE, so two concurrent runs never both send it. The plans app's reminder
command may fold these into its own e-mail with `open_requests_for(user)`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.evidence.models import EvidenceRequest
from sizi.evidence.services import claim_reminder
from sizi.units.models import User
from sizi.units.notifications import Kind, notify, reminder_key


def open_requests_for(
    user: User, *, today: date | None = None
) -> QuerySet[EvidenceRequest]:
    """Return the user's open requests due within the reminder window (or overdue)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.EVIDENCE_REMINDER_DAYS_AHEAD)
    return (
        EvidenceRequest.objects.for_user(user)
        .due_by(horizon)
        .select_related("unit")
        .order_by("due_date", "pk")
    )


def _line(request: EvidenceRequest, today: date) -> str:
    days = (request.due_date - today).days
    when = (
        f"terlambat {-days} hari"
        if days < 0
        else "jatuh tempo hari ini"
        if days == 0
        else f"jatuh tempo {days} hari lagi"
    )
    url = settings.SITE_URL + reverse("evidence:request_list", args=[request.unit.code])
    return (
        f"- {request.title} ({request.unit.name}), batas {date_format(request.due_date, 'j F Y')}, "
        f"{when}\n  {url}"
    )


def send_evidence_reminders(*, today: date | None = None) -> int:
    """Notify each PIC of their due and overdue requests not yet reminded today.

    Returns the number of people notified.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.EVIDENCE_REMINDER_DAYS_AHEAD)
    user_ids = (
        EvidenceRequest.objects.due_by(horizon)
        .exclude(last_reminded_on=today)
        .values_list("requested_from", flat=True)
        .distinct()
    )
    sent = 0
    for user in User.objects.filter(pk__in=list(user_ids), is_active=True):
        claimed = [
            r
            for r in open_requests_for(user, today=today).exclude(
                last_reminded_on=today
            )
            if claim_reminder(r, today)
        ]
        if not claimed:
            continue
        body = (
            "Permintaan bukti fisik berikut menunggu Anda:\n\n"
            + "\n".join(_line(r, today) for r in claimed)
            + "\n\nUnggah buktinya di SIZI lalu tandai permintaan sebagai dipenuhi."
        )
        units = {r.unit for r in claimed}
        unit = units.pop() if len(units) == 1 else None
        created = notify(
            user,
            kind=Kind.REMINDER,
            title=f"{len(claimed)} permintaan bukti fisik menunggu Anda.",
            body=body,
            url=claimed[0].get_absolute_url() if unit else "",
            unit=unit,
            key=reminder_key("evidence.reminder", [r.pk for r in claimed]),
            on=today,
            mail_now=True,
        )
        sent += len(created)
    return sent
