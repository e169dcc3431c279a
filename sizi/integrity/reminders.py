"""Reminders about late gratification steps and unsigned statements.

Each person gets one notification per run (``units.notifications``), e-mailed
as they chose.

Run `manage.py send_gratification_reminders` daily. UPG members hear of the
reports of their unit not forwarded to KPK by the due date; reporters hear of
their reports still incomplete after the completeness deadline. The reminder
names reports by number only. Each report is mentioned at most once a day
(`claim_reminder`, a conditional UPDATE), whatever the number of runs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.integrity.models import GratificationReport, Signature, UpgMember
from sizi.integrity.services.conflict import claim_reminder as claim_statement_reminder
from sizi.integrity.services.gratification import claim_reminder
from sizi.units.models import User
from sizi.units.notifications import Kind, notify, reminder_key


def _line(report: GratificationReport, due: date | None, what: str) -> str:
    url = settings.SITE_URL + reverse(
        "integrity:gratification_detail", args=[report.unit.code, report.pk]
    )
    when = date_format(due, "j F Y") if due else "-"
    return f"- {report.number} ({report.unit.name}): {what}, batas {when}\n  {url}"


def _collect(today: date) -> dict[int, list[str]]:
    lines: dict[int, list[str]] = defaultdict(list)
    reports = GratificationReport.objects.select_related("unit")
    members: dict[int, list[int]] = defaultdict(list)
    for unit_id, user_id in UpgMember.objects.values_list("unit_id", "user_id"):
        members[unit_id].append(user_id)
    for report in reports.upg_late(today):
        if claim_reminder(report, today):
            for user_id in members[report.unit_id]:
                if user_id != report.reporter_id:
                    lines[user_id].append(
                        _line(report, report.due_upg_to_kpk, "belum diteruskan ke KPK")
                    )
    for report in reports.completion_late(today):
        if claim_reminder(report, today):
            lines[report.reporter_id].append(
                _line(report, report.due_completeness, "belum dilengkapi")
            )
    return lines


def send_gratification_reminders(*, today: date | None = None) -> int:
    """Notify each person of their late gratification steps; return how many."""
    today = today or timezone.localdate()
    lines = _collect(today)
    sent = 0
    for user in User.objects.filter(pk__in=list(lines), is_active=True):
        body = (
            "Langkah pengendalian gratifikasi berikut melewati batas waktunya:\n\n"
            + "\n".join(lines[user.pk])
            + "\n\nBuka SIZI untuk menindaklanjutinya."
        )
        created = notify(
            user,
            kind=Kind.REMINDER,
            title="Gratifikasi: langkah pengendalian melewati batas waktu.",
            body=body,
            url=reverse("units:dashboard"),
            key=reminder_key("integrity.gratification", lines[user.pk]),
            on=today,
            mail_now=True,
        )
        sent += len(created)
    return sent


def send_statement_reminders(*, today: date | None = None) -> int:
    """Notify members whose statement is unsigned and due within three days or late."""
    today = today or timezone.localdate()
    pending = Signature.objects.filter(
        signed_at__isnull=True, campaign__due_date__lte=today + timedelta(days=3)
    ).select_related("campaign__unit", "user")
    lines: dict[int, list[str]] = defaultdict(list)
    users: dict[int, User] = {}
    signature_urls: dict[int, str] = {}
    for signature in pending:
        if not claim_statement_reminder(signature, today):
            continue
        url = settings.SITE_URL + reverse(
            "integrity:signature_detail",
            args=[signature.campaign.unit.code, signature.pk],
        )
        due = date_format(signature.campaign.due_date, "j F Y")
        lines[signature.user_id].append(
            f"- {signature.campaign.title}, batas {due}\n  {url}"
        )
        users[signature.user_id] = signature.user
        signature_urls[signature.user_id] = url.removeprefix(settings.SITE_URL)
    sent = 0
    for user_id, items in lines.items():
        user = users[user_id]
        if not user.is_active:
            continue
        created = notify(
            user,
            kind=Kind.REMINDER,
            title=f"{len(items)} pernyataan belum Anda tandatangani.",
            body="Mohon tandatangani pernyataan berikut di SIZI:\n\n"
            + "\n".join(items),
            url=signature_urls[user_id]
            if len(items) == 1
            else reverse("units:dashboard"),
            key=reminder_key("integrity.statement", items),
            on=today,
            mail_now=True,
        )
        sent += len(created)
    return sent
