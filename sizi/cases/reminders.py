"""Daily reminders of the public channels, and closing silent complaints.

`send_case_reminders` (run daily from cron) first closes every complaint whose
tindak lanjut met no response within the unit's window, then sends each
person one notification (``units.notifications``, e-mailed as they chose): their late complaints (as handler or PIC), the late and
unassigned complaints of the units where they are pengelola pengaduan, the
requests their PPID must answer within two working days or has missed, and
the keberatan their Atasan PPID must answer. One reminder per person per day:
a run claims the day with a unique row before sending.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.cases.complaints.models import ChannelOfficer, ChannelReminder, Complaint
from sizi.cases.complaints.queries import late_filter
from sizi.cases.complaints.services import close_silent_complaints
from sizi.cases.ppid.models import InformationRequest, Objection
from sizi.core.workdays import current_calendar
from sizi.units.models import User
from sizi.units.notifications import Kind, notify

Role = ChannelOfficer.Role
OPEN_REQUESTS = (InformationRequest.Status.RECEIVED, InformationRequest.Status.EXTENDED)


def _url(name: str, *args: object) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def lines_for(user: User, today: date) -> list[str]:
    """The reminder lines of one person (empty when nothing waits)."""
    roles = ChannelOfficer.objects.filter(user=user)
    handled = [o.unit_id for o in roles if o.role == Role.COMPLAINT_HANDLER]
    ppid = [o.unit_id for o in roles if o.role == Role.PPID]
    superior = [o.unit_id for o in roles if o.role == Role.PPID_SUPERIOR]
    horizon = current_calendar().add(today, 2)
    lines = []
    for c in Complaint.objects.filter(
        late_filter(today), Q(handler=user) | Q(pic=user) | Q(unit_id__in=handled)
    ).select_related("unit"):
        # late_filter() keeps only complaints with a due date before today
        due = date_format(c.due_on, "j F Y") if c.due_on else ""
        lines.append(
            f"- Pengaduan {c.number} ({c.unit.name}): {c.get_status_display()}, "
            f"batas {due} terlewati\n  "
            + _url("cases:complaint_detail", c.unit.code, c.pk)
        )
    for r in InformationRequest.objects.filter(
        unit_id__in=ppid, status__in=OPEN_REQUESTS, due_on__lte=horizon
    ).select_related("unit"):
        when = "terlambat" if r.due_on < today else "segera jatuh tempo"
        lines.append(
            f"- Permohonan informasi {r.number} ({r.unit.name}): batas jawaban "
            f"{date_format(r.due_on, 'j F Y')}, {when}\n  "
            + _url("cases:request_detail", r.unit.code, r.pk)
        )
    for o in Objection.objects.filter(
        request__unit_id__in=superior, outcome="", due_on__lte=horizon
    ).select_related("request__unit"):
        lines.append(
            f"- Keberatan atas {o.request.number} ({o.request.unit.name}): tanggapan "
            f"paling lambat {date_format(o.due_on, 'j F Y')}\n  "
            + _url("cases:request_detail", o.request.unit.code, o.request_id)
        )
    return lines


def _claim(user: User, today: date) -> bool:
    try:
        with transaction.atomic():
            ChannelReminder.objects.create(user=user, sent_on=today)
    except IntegrityError:
        return False
    return True


def send_case_reminders(*, today: date | None = None) -> tuple[int, int]:
    """Close silent complaints, then send the reminders; return (closed, notified)."""
    today = today or timezone.localdate()
    closed = close_silent_complaints(today=today)
    candidates = (
        User.objects.filter(is_active=True)
        .filter(
            Q(handled_complaints__isnull=False)
            | Q(assigned_complaints__isnull=False)
            | Q(channel_roles__isnull=False)
        )
        .distinct()
    )
    sent = 0
    for user in candidates:
        lines = lines_for(user, today)
        if not lines or not _claim(user, today):
            continue
        created = notify(
            user,
            kind=Kind.REMINDER,
            title=f"{len(lines)} pengaduan/permohonan informasi menunggu Anda.",
            body="Berikut yang menunggu Anda di saluran publik:\n\n"
            + "\n".join(lines)
            + "\n\nBatas waktu dihitung dalam hari kerja.",
            url=reverse("units:dashboard"),
            key="cases.reminder",
            on=today,
            mail_now=True,
        )
        sent += len(created)
    return closed, sent
