"""Recompute the SHA-256 of every stored evidence revision and report mismatches."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sizi.evidence.integrity import check_revisions, find_orphans


class Command(BaseCommand):
    help = (
        "Hitung ulang SHA-256 setiap berkas bukti yang tersimpan; laporkan yang "
        "hilang atau berubah (kode keluar 1 bila ada)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="hanya unit dengan kode ini")
        parser.add_argument(
            "--orphans",
            action="store_true",
            help="juga daftar berkas di penyimpanan yang tidak dirujuk revisi mana pun",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = check_revisions(unit_code=options.get("unit"))
        for problem in report.problems:
            self.stderr.write(problem)
        self.stdout.write(
            f"{report.checked} berkas diperiksa: {len(report.missing)} hilang, "
            f"{len(report.mismatched)} berubah."
        )
        if options["orphans"]:
            orphans = find_orphans()
            for name in orphans:
                self.stdout.write(f"YATIM   {name}")
            self.stdout.write(f"{len(orphans)} berkas tanpa revisi (boleh dihapus).")
        if report.problems:
            sys.exit(1)
