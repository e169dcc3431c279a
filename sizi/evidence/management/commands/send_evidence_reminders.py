"""E-mail PICs about evidence requests due soon or overdue (once per request per day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.evidence.reminders import send_evidence_reminders


class Command(BaseCommand):
    help = "Kirim pengingat permintaan bukti yang jatuh tempo atau terlambat."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_evidence_reminders()
        self.stdout.write(
            f"{sent} pengingat permintaan bukti terkirim "
            "(notifikasi; surel sesuai pilihan penerima)."
        )
