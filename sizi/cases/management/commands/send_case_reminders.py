"""Close silent complaints and e-mail the daily reminders of the public channels."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.cases.reminders import send_case_reminders


class Command(BaseCommand):
    help = (
        "Tutup pengaduan yang tidak ditanggapi pelapor dalam batas waktu, lalu kirim "
        "pengingat pengaduan terlambat, permohonan informasi dan keberatan."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        closed, sent = send_case_reminders()
        self.stdout.write(
            f"{closed} pengaduan ditutup otomatis, {sent} pengingat dikirim."
        )
