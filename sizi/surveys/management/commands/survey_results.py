"""Print a unit's survey results for one instrument and year.

    python manage.py survey_results --unit CODE --instrument skm|ipak|ipkp --year YYYY --json

For every period of that year: respondents, NRR per unsur or item, the index
on its native scale and ×25, the mutu (SKM), and for IPAK/IPKP the LKE 0–4
value with its conversion; then what the LKE would read for that year.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.surveys.lke_inputs import skm_frequency, survey_lke_value
from sizi.surveys.models import InstrumentCode, SurveyPeriod
from sizi.surveys.results import PeriodResults, period_results
from sizi.units.models import Unit


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def period_json(period: SurveyPeriod, results: PeriodResults) -> dict[str, Any]:
    """Return one period's results as JSON-ready data."""
    sample = results.sample
    return {
        "id": period.pk,
        "title": period.title,
        "status": period.status,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "instrument_version": results.instrument_version,
        "respondents": results.respondents,
        "population": sample.population,
        "minimum": {
            "krejcie_morgan": sample.krejcie_morgan,
            "regulatory": sample.regulatory_minimum,
            "required": sample.required,
            "reached": results.reached,
        },
        "items": [
            {
                "code": item.code,
                "name": item.name,
                "respondents": item.respondents,
                "nrr": _number(item.nrr_precise),
            }
            for item in results.items
        ],
        "weight": _number(results.weight),
        "index": _number(results.index_precise),
        "index_x25": _number(results.converted),
        "mutu": {"letter": results.grade, "label": results.grade_label}
        if results.grade
        else None,
        "lke_value": _number(results.lke_value),
        "lke_conversion": results.lke_conversion or None,
        "thresholds": [
            {"label": label, "met": met} for label, met in results.thresholds
        ],
        "suspicious": results.suspicious,
        "suspicious_percent": _number(results.suspicious_percent),
    }


class Command(BaseCommand):
    help = "Tampilkan hasil survei unit untuk satu instrumen dan tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="kode unit")
        parser.add_argument(
            "--instrument", required=True, choices=[c.value for c in InstrumentCode]
        )
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Unit «{options['unit']}» tidak ada.")
        code, year = options["instrument"], options["year"]
        periods = list(
            SurveyPeriod.objects.filter(unit=unit, instrument__code=code, year=year)
            .select_related("instrument", "unit")
            .order_by("starts_on", "pk")
        )
        report: dict[str, Any] = {
            "unit": unit.code,
            "instrument": code,
            "year": year,
            "periods": [period_json(p, period_results(p)) for p in periods],
            "lke": self._lke(unit, code, year),
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self._print(report)

    def _lke(self, unit: Unit, code: str, year: int) -> dict[str, Any]:
        if code == "skm":
            frequency = skm_frequency(unit, year)
            return {
                "question": frequency.question,
                "count": frequency.count,
                "suggested_answer": frequency.letter,
            }
        value = survey_lke_value(unit, year, code)
        if value is None:
            return {
                "question": {"ipak": "H1.a", "ipkp": "H2.a"}[code],
                "value": None,
                "source": "Belum ada periode yang ditutup.",
            }
        return {
            "question": value.question,
            "value": float(value.value),
            "period_id": value.period_id,
            "minimum_reached": value.minimum_reached,
            "warning": value.warning or None,
            "source": value.source,
        }

    def _print(self, report: dict[str, Any]) -> None:
        if not report["periods"]:
            self.stdout.write("Belum ada periode survei untuk tahun itu.")
        for period in report["periods"]:
            minimum = period["minimum"]
            target = (
                f"minimum {minimum['required']} ({'tercapai' if minimum['reached'] else 'belum tercapai'})"
                if minimum["required"]
                else "tanpa sampel minimum (populasi belum diisi)"
            )
            self.stdout.write(
                f"{period['title']} (#{period['id']}, {period['status']}): "
                f"{period['respondents']} responden, {target}"
            )
            for item in period["items"]:
                self.stdout.write(
                    f"  {item['code']} {item['name']}: NRR {_text(item['nrr'], 4)}"
                )
            line = f"  Indeks {_text(period['index'], 4)} · ×25 {_text(period['index_x25'], 2)}"
            if period["mutu"]:
                line += (
                    f" · mutu {period['mutu']['letter']} ({period['mutu']['label']})"
                )
            if period["lke_value"] is not None:
                line += f" · nilai LKE {_text(period['lke_value'], 2)}"
            self.stdout.write(line)
            if period["suspicious"]:
                self.stdout.write(
                    f"  Mencurigakan: {period['suspicious']} ({_text(period['suspicious_percent'], 1)}%)"
                )
        lke = report["lke"]
        if "suggested_answer" in lke:
            self.stdout.write(
                f"LKE {lke['question']}: {lke['count']} SKM ditutup → jawaban {lke['suggested_answer']}"
            )
        else:
            self.stdout.write(f"LKE {lke['question']}: {lke['source']}")


def _text(value: float | None, places: int) -> str:
    """Return a number with an Indonesian decimal comma ("-" for none)."""
    return "-" if value is None else f"{value:.{places}f}".replace(".", ",")
