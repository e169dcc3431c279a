"""E-mail the daily digest of unread notifications to those who chose it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.units.notifications import send_digests


class Command(BaseCommand):
    help = "Kirim ringkasan harian notifikasi yang belum dibaca (pilihan surel: ringkasan harian)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} surel ringkasan notifikasi terkirim.")
