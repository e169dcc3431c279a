"""Add the responses of a Google Forms / spreadsheet export to a unit's survey period.

    python manage.py survey_import PATH --unit CODE --instrument skm|ipak|ipkp
        --year YYYY [--dry-run] [--json] [--map FILE]

The period is the unit's one not-closed period of that instrument in that year,
created (open, 1 January–31 December) if there is none. Columns are mapped by
question text, unsur name or code; `--map` names a JSON file
{"column letter or header": "target"} for what cannot be guessed. All rows are
stored or none; `--dry-run` checks everything and stores nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sizi.surveys import services
from sizi.surveys.file_import import prepare_import, store_import
from sizi.surveys.importing import ImportProblem
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import InstrumentCode, SurveyInstrument
from sizi.units.models import Unit


class _Refused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Command(BaseCommand):
    help = (
        "Impor jawaban survei dari ekspor Google Forms / lembar kerja (CSV atau XLSX)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas CSV atau XLSX")
        parser.add_argument("--unit", required=True, help="kode unit")
        parser.add_argument(
            "--instrument", required=True, choices=[c.value for c in InstrumentCode]
        )
        parser.add_argument("--year", required=True, type=int, help="tahun periode")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")
        parser.add_argument("--map", dest="map_path", help="berkas JSON pemetaan kolom")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = self._run(options)
        except _Refused as refused:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {"ok": False, "problems": refused.problems},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            raise CommandError(
                "Impor ditolak:\n- " + "\n- ".join(refused.problems)
            ) from refused
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self._print(report)

    def _inputs(
        self, options: dict[str, Any]
    ) -> tuple[Unit, SurveyInstrument, bytes, dict[str, str]]:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise _Refused([f"Unit «{options['unit']}» tidak ada."])
        ensure_instruments()
        # The version in force at the start of the year the answers belong to.
        instrument = SurveyInstrument.objects.current(
            options["instrument"], on=date(options["year"], 1, 1)
        )
        if instrument is None:
            raise _Refused([f"Instrumen {options['instrument']} belum dimuat."])
        try:
            data = Path(options["path"]).read_bytes()
            overrides = (
                json.loads(Path(options["map_path"]).read_text("utf-8"))
                if options["map_path"]
                else {}
            )
        except (OSError, ValueError) as error:
            raise _Refused([f"Berkas tidak dapat dibaca: {error}"]) from error
        if not isinstance(overrides, dict):
            raise _Refused(["Berkas --map harus berisi objek JSON {kolom: tujuan}."])
        return unit, instrument, data, {str(k): str(v) for k, v in overrides.items()}

    def _run(self, options: dict[str, Any]) -> dict[str, Any]:
        unit, instrument, data, overrides = self._inputs(options)
        try:
            with transaction.atomic():
                period, created = services.ensure_year_period(
                    unit, instrument=instrument, year=options["year"], by=None
                )
                prepared = prepare_import(
                    period,
                    filename=Path(options["path"]).name,
                    data=data,
                    overrides=overrides,
                )
                batch = (
                    None
                    if options["dry_run"]
                    else store_import(period, prepared, by=None)
                )
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except ImportProblem as problem:
            raise _Refused(problem.problems) from problem
        except ValidationError as error:
            raise _Refused(list(error.messages)) from error
        return {
            "ok": True,
            "dry_run": bool(options["dry_run"]),
            "unit": unit.code,
            "instrument": instrument.code,
            "instrument_version": instrument.version,
            "year": options["year"],
            "period": {
                "id": None if options["dry_run"] and created else period.pk,
                "title": period.title,
                "created": created,
            },
            "file": prepared.filename,
            "sha256": prepared.sha256,
            "header_row": prepared.layout.header_row,
            "mapping": {
                c.letter: {"header": c.header, "target": c.target}
                for c in prepared.layout.columns
            },
            "rows": len(prepared.rows.rows),
            "blank_rows": prepared.rows.blank_rows,
            "stored": 0 if batch is None else batch.row_count,
            "import_id": None if batch is None else batch.pk,
        }

    def _print(self, report: dict[str, Any]) -> None:
        period = report["period"]
        state = "dibuat baru" if period["created"] else "sudah ada"
        self.stdout.write(f"Periode: {period['title']} ({state})")
        self.stdout.write(
            f"Berkas: {report['file']} · baris judul {report['header_row']}"
        )
        for letter, column in report["mapping"].items():
            target = column["target"] or "(diabaikan)"
            self.stdout.write(f"  {letter} «{column['header'][:50]}» → {target}")
        self.stdout.write(
            f"Jawaban terbaca: {report['rows']} (baris kosong dilewati: {report['blank_rows']})"
        )
        if report["dry_run"]:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Disimpan: {report['stored']} jawaban (impor #{report['import_id']})."
                )
            )
