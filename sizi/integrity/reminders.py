"""E-mail reminders about late gratification steps and unsigned statements.

Run `manage.py send_gratification_reminders` daily. UPG members hear of the
reports of their unit not forwarded to KPK by the due date; reporters hear of
their reports still incomplete after the completeness deadline. The e-mail
names reports by number only. Each report is mentioned at most once a day
(`claim_reminder`, a conditional UPDATE), whatever the number of runs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.integrity.models import GratificationReport, Signature, UpgMember
from sizi.integrity.services.conflict import claim_reminder as claim_statement_reminder
from sizi.integrity.services.gratification import claim_reminder
from sizi.units.models import User


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
    """E-mail each person their late gratification steps; return the e-mails sent."""
    today = today or timezone.localdate()
    lines = _collect(today)
    sent = 0
    for user in User.objects.filter(pk__in=list(lines), is_active=True):
        if not user.email:
            continue
        body = (
            "Langkah pengendalian gratifikasi berikut melewati batas waktunya:\n\n"
            + "\n".join(lines[user.pk])
            + "\n\nBuka SIZI untuk menindaklanjutinya."
        )
        send_mail(
            "[SIZI] Gratifikasi: langkah terlambat",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        sent += 1
    return sent


def send_statement_reminders(*, today: date | None = None) -> int:
    """E-mail members whose statement is unsigned and due within three days or late."""
    today = today or timezone.localdate()
    pending = Signature.objects.filter(
        signed_at__isnull=True, campaign__due_date__lte=today + timedelta(days=3)
    ).select_related("campaign__unit", "user")
    lines: dict[int, list[str]] = defaultdict(list)
    users: dict[int, User] = {}
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
    sent = 0
    for user_id, items in lines.items():
        user = users[user_id]
        if not user.email or not user.is_active:
            continue
        send_mail(
            "[SIZI] Pernyataan yang belum Anda tandatangani",
            "Mohon tandatangani pernyataan berikut di SIZI:\n\n" + "\n".join(items),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        sent += 1
    return sent
