"""Shared argument handling of the LKE commands: find the assessment of a unit and year."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from sizi.lke.models import Assessment, Layer


def add_unit_year(parser: CommandParser) -> None:
    parser.add_argument("--unit", required=True, help="kode unit, mis. kpu-tanjabbar")
    parser.add_argument("--year", required=True, type=int, help="tahun penilaian")


def add_layer(parser: CommandParser, *, default: str | None = None) -> None:
    parser.add_argument(
        "--layer", choices=Layer.values, default=default, help="lapisan penilaian"
    )


def find_assessment(unit: str, year: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("unit__level", "instrument")
        .filter(unit__code=unit, year=year)
        .first()
    )
    if assessment is None:
        raise CommandError(f"Tidak ada penilaian LKE {year} untuk unit '{unit}'.")
    return assessment
