"""What an LHE says, as frozen plain data: built from the TPI layer's score.

Django-free: the service (`sizi.lke.services.lhe`) gathers the rows; the
renderers (`docx`, `pdf`) only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sizi.lke.scoring.results import Eligibility, Score, format_id

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def date_id(day: date) -> str:
    """Return a date the Indonesian way: "15 Desember 2025"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class AreaLine:
    """One area of the pengungkit against the per-area minimums."""

    name: str
    value: str
    weight: str
    percent: str
    minimum_wbk: str
    minimum_wbbm: str
    meets_wbk: bool


@dataclass(frozen=True)
class NoteLine:
    """A reviewer's note on one question."""

    question: str
    question_text: str
    layer: str
    text: str
    author: str
    status: str


@dataclass(frozen=True)
class ReportContent:
    """Everything an LHE shows, formatted for print."""

    reference: str
    issued_on: date
    unit_name: str
    parent_name: str
    year: int
    instrument: str
    totals: tuple[tuple[str, str], ...]  # (component, value)
    hasil: tuple[tuple[str, str, str], ...]  # (item, raw input, value)
    areas: tuple[AreaLine, ...]
    verdicts: tuple[tuple[str, bool], ...]  # (predicate label, eligible)
    failures: tuple[
        str, ...
    ]  # "Menuju WBK: Penguatan Pengawasan 8,10 dari minimal 9,00 (kurang 0,90)"
    notes: tuple[NoteLine, ...]
    recommendation: str
    conclusion_note: str
    adopted: str
    recommendations: tuple[str, ...]

    @property
    def issued_text(self) -> str:
        return date_id(self.issued_on)


def area_lines(
    score: Score, minimums: dict[str, Decimal], digits: int
) -> tuple[AreaLine, ...]:
    """Return each area with its value and the WBK/WBBM minimums in points."""
    lines = []
    for area in score.areas:
        wbk = area.weight * minimums.get("wbk", Decimal(0)) / 100
        wbbm = area.weight * minimums.get("wbbm", Decimal(0)) / 100
        lines.append(
            AreaLine(
                name=area.name,
                value=format_id(area.value, digits),
                weight=format_id(area.weight, digits),
                percent=format_id(area.percent, digits) + " %",
                minimum_wbk=format_id(wbk, digits),
                minimum_wbbm=format_id(wbbm, digits),
                meets_wbk=round(area.value, digits) >= wbk,
            )
        )
    return tuple(lines)


def failure_lines(eligibility: Eligibility, digits: int) -> tuple[str, ...]:
    return tuple(
        f"{f.level_label}: {f.message} (kurang {format_id(f.gap, digits)})"
        for f in eligibility.failures
    )


def recommendation_lines(
    eligibility: Eligibility, weakest: list[str], recommendation: str
) -> tuple[str, ...]:
    """Return the report's recommendations: the predicate, then what to improve."""
    lines = [f"Rekomendasi TPI: {recommendation}."]
    if eligibility.failures:
        lines.append(
            "Penuhi syarat yang belum terpenuhi di atas sebelum pengusulan berikutnya."
        )
    lines.extend(f"Tingkatkan area {name}." for name in weakest)
    lines.append(
        "Tindak lanjuti catatan penilai per pertanyaan dan catat tindak lanjutnya "
        "pada Rencana Aksi unit."
    )
    return tuple(lines)
