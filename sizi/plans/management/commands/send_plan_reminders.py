"""Send the daily reminders about due and late action steps (run by cron/systemd)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.plans.reminders import send_plan_reminders


class Command(BaseCommand):
    help = (
        "Kirim surel pengingat kepada PIC: langkah jatuh tempo ≤ 7 hari dan terlambat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Tanggal acuan (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_plan_reminders(options["date"])
        self.stdout.write(
            f"Terkirim {run.emails} surel tentang {run.steps} langkah aksi; "
            f"{run.skipped_no_email} PIC tanpa alamat surel dilewati."
        )
        if run.failed:
            self.stderr.write(
                f"{run.failed} surel gagal dikirim (lihat log); dicoba lagi pada "
                "jalannya perintah berikutnya."
            )
            raise CommandError("Sebagian pengingat gagal dikirim.", returncode=1)
