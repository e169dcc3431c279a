"""python manage.py purge_jobs: delete the files of expired job results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.core.jobs import purge_expired


class Command(BaseCommand):
    help = "Hapus berkas hasil pekerjaan latar yang sudah kedaluwarsa."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_expired()
        self.stdout.write(f"{count} hasil kedaluwarsa dihapus.")
