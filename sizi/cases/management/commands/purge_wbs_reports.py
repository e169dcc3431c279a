"""Securely delete closed WBS reports past their unit's retention (run daily from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.cases.wbs.services import purge_expired


class Command(BaseCommand):
    help = (
        "Hapus aman laporan WBS yang sudah selesai dan melewati masa simpan unitnya "
        "(kunci data laporan dihapus, isi tersegel ditimpa, lalu baris dihapus)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_expired()
        self.stdout.write(f"{purged} laporan WBS dihapus aman.")
