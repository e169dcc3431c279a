"""E-mail UPG members and reporters about late gratification steps (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.integrity.reminders import send_gratification_reminders


class Command(BaseCommand):
    help = "Kirim pengingat langkah gratifikasi yang terlambat (jalankan harian)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_gratification_reminders()
        self.stdout.write(
            f"{sent} pengingat gratifikasi dikirim (notifikasi; surel sesuai pilihan)."
        )
