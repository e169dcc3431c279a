"""Shared argument handling of the LKE commands: find the assessment of a unit and year."""

from __future__ import annotations

import argparse

from django.core.management.base import CommandError, CommandParser

from sizi.core.numbers import NumberError, parse_count
from sizi.lke.models import Assessment, Layer


def year(value: str) -> int:
    """Read a --year argument through the bounded parser (argparse shows the error)."""
    try:
        number = parse_count(value, where="--year", max_value=9999)
    except NumberError as exc:
        raise argparse.ArgumentTypeError(exc.messages[0]) from exc
    if number is None:
        raise argparse.ArgumentTypeError("--year: isi tahun penilaian.")
    return number


def add_unit_year(parser: CommandParser) -> None:
    parser.add_argument("--unit", required=True, help="kode unit, mis. kpu-tanjabbar")
    parser.add_argument("--year", required=True, type=year, help="tahun penilaian")


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
