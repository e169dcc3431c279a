"""Build the submission pack of a unit's verified evidence for one plan year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from sizi.evidence.pack import write_pack
from sizi.units.models import Unit


class Command(BaseCommand):
    help = "Tulis paket ZIP bukti fisik terverifikasi sebuah unit untuk satu tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--unit", required=True, help="kode unit, mis. kpu-tanjabbar"
        )
        parser.add_argument(
            "--year", required=True, type=int, help="tahun rencana aksi"
        )
        parser.add_argument("-o", "--output", required=True, help="berkas ZIP keluaran")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Unit «{options['unit']}» tidak ditemukan.")
        target = Path(options["output"])
        partial = target.with_name(target.name + ".part")
        try:
            out = partial.open("wb")
        except OSError as exc:
            raise CommandError(
                f"{target}: tidak dapat ditulis; periksa folder tujuannya "
                f"({exc.strerror})."
            ) from exc
        with out:
            result = write_pack(unit, options["year"], out)
        partial.replace(target)
        files = sum(1 for item in result.items if item.path)
        self.stdout.write(
            f"{target}: {len(result.items)} bukti, {files} berkas, "
            f"{filesizeformat(result.total_bytes)}."
        )
        for path in result.missing:
            self.stderr.write(f"Berkas hilang dari penyimpanan: {path}")
        for path in result.mismatched:
            self.stderr.write(f"SHA-256 tidak cocok: {path}")
        if not result.ok:
            raise CommandError(
                "Paket dibuat, tetapi ada berkas yang hilang atau berubah."
            )
