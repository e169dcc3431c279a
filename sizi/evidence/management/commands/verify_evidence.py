"""Recompute the SHA-256 of every stored evidence revision and report mismatches."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sizi.evidence.integrity import check_revisions


class Command(BaseCommand):
    help = (
        "Hitung ulang SHA-256 setiap berkas bukti yang tersimpan; laporkan yang "
        "hilang atau berubah (kode keluar 1 bila ada)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="hanya unit dengan kode ini")

    def handle(self, *args: Any, **options: Any) -> None:
        report = check_revisions(unit_code=options.get("unit"))
        for problem in report.problems:
            self.stderr.write(problem)
        self.stdout.write(
            f"{report.checked} berkas diperiksa: {len(report.missing)} hilang, "
            f"{len(report.mismatched)} berubah."
        )
        if report.problems:
            sys.exit(1)
