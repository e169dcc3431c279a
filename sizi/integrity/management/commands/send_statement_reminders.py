"""E-mail members whose statements (CoI, Pakta Integritas) are unsigned near the due date."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.integrity.reminders import send_statement_reminders


class Command(BaseCommand):
    help = "Kirim pengingat pernyataan yang belum ditandatangani (jalankan harian)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_statement_reminders()
        self.stdout.write(
            f"{sent} pengingat pernyataan dikirim (notifikasi; surel sesuai pilihan)."
        )
