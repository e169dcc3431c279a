"""Import a Rencana Aksi decree (text, DOCX, XLSX or PDF) into a unit's action plan."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.plans import services
from sizi.plans.importing import parse_decree
from sizi.plans.importing.pdf_reader import ReadStep
from sizi.units.models import Unit


class Command(BaseCommand):
    help = "Impor keputusan rencana aksi ke rencana aksi sebuah unit (satu transaksi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            help="Berkas keputusan: .txt, .docx, .xlsx atau .pdf (juga pindaian)",
        )
        parser.add_argument(
            "--unit", required=True, help="Kode unit, mis. kpu-tanjabbar"
        )
        parser.add_argument(
            "--year", type=int, help="Tahun rencana aksi (bawaan: tahun keputusan)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa saja; tidak menyimpan"
        )
        parser.add_argument(
            "--json", action="store_true", help="Cetak hasil baca lengkap sebagai JSON"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Simpan juga bila keputusan menyebut unit atau tahun lain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Unit dengan kode '{options['unit']}' tidak ada.")
        data = path.read_bytes()
        parsed = parse_decree(
            data, path.name, year=options["year"], progress=self._progress
        )
        year: int | None = (
            options["year"] or parsed.decree.plan_year or parsed.decree.year
        )
        output: dict[str, Any] = parsed.to_dict()
        problems = [str(e) for e in parsed.errors]
        # reasons beyond the file's own errors, listed in the JSON output too
        extra: list[str] = []
        if not year and not parsed.errors:
            # (a file that cannot be read is not helped by a year)
            extra.append(
                "Tahun rencana aksi tidak terbaca dari berkas; berikan --year."
            )
        mismatch = (
            services.decree_mismatches(parsed, unit=unit, year=year)
            if year and not problems
            else []
        )
        output["mismatch"] = mismatch
        if mismatch and not options["force"] and not options["dry_run"]:
            extra.extend(mismatch)
            extra.append(
                "Keputusan ini menyebut unit atau tahun lain; periksa berkasnya, "
                "atau jalankan ulang dengan --force bila memang benar."
            )
        result = None
        if not problems and not extra and year:
            try:
                result = services.import_plan(
                    parsed,
                    unit=unit,
                    year=year,
                    by=None,
                    filename=path.name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    dry_run=options["dry_run"],
                    confirmed=mismatch,
                )
            except ValidationError as exc:
                extra.extend(exc.messages)
        if extra:
            problems.extend(extra)
            output["errors"] += [{"location": "", "message": m} for m in extra]
            output["summary"]["errors"] = len(output["errors"])
        if result is not None:
            output["import"] = {
                "dry_run": options["dry_run"],
                "year": year,
                **result.as_dict(),
            }
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            self._report(parsed, result, year, options["dry_run"])
            if result is not None:
                for line in mismatch:
                    self.stdout.write(f"PERINGATAN {line}")
        if problems:
            for problem in problems:
                self.stderr.write(f"KESALAHAN {problem}")
            raise CommandError("Tidak ada yang disimpan.", returncode=1)

    def _progress(self, step: ReadStep) -> None:
        """Say which scanned page OCR reads now (on stderr: --json stays JSON)."""
        if step.ocr:
            self.stderr.write(f"{step.note} ({step.ocr_done + 1}/{step.ocr_pages})")
            self.stderr.flush()

    def _report(
        self, parsed: Any, result: Any, year: int | None, dry_run: bool
    ) -> None:
        summary = parsed.summary()
        self.stdout.write(
            "Terbaca: {areas} area, {components} komponen, {indicators} indikator, "
            "{steps} langkah aksi, {evidence} bukti fisik; {targets_flagged} target perlu "
            "diperiksa, {targets_retroactive} berlaku surut; {warnings} peringatan.".format(
                **summary
            )
        )
        for warning in parsed.warnings:
            self.stdout.write(f"PERINGATAN {warning}")
        for cell in parsed.uncertain:
            self.stdout.write(
                f"PERIKSA OCR {cell.location}, {cell.column} (keyakinan "
                f"{cell.confidence}%): {cell.text}"
            )
        if result is None:
            return
        prefix = "[uji coba, tidak disimpan] " if dry_run else ""
        if not result.changed:
            self.stdout.write(
                f"{prefix}Rencana aksi {year} sudah sama; tidak ada perubahan."
            )
            return
        self.stdout.write(
            f"{prefix}Rencana aksi {year}: baru {result.created}, diubah {result.updated}, "
            f"dihapus {result.removed}."
        )
        for row in result.removed_rows:
            self.stdout.write(f"  dihapus: {row}")
