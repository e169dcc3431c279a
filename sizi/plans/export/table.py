"""The Lampiran table of a plan as plain rows, shared by every export format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sizi.plans.models import ActionPlan
from sizi.plans.queries import load_tree
from sizi.plans.target_grammar import MONTH_NAMES

HEADERS = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]


@dataclass
class Row:
    """An area row (`area` set, other cells empty) or an indicator row."""

    area: str = ""
    numeral: str = ""
    cells: list[str] = field(default_factory=list)

    @property
    def is_area(self) -> bool:
        return bool(self.area)


@dataclass
class LampiranTable:
    unit_name: str
    year: int
    number: str
    title: str
    place: str
    signed_on: str
    signatory: str
    signatory_title: str
    rows: list[Row]

    @property
    def heading(self) -> list[str]:
        number = (
            f"NOMOR {self.number} TAHUN {self.year}"
            if self.number
            else f"TAHUN {self.year}"
        )
        return ["LAMPIRAN", f"KEPUTUSAN {self.issuer}".upper(), number]

    @property
    def issuer(self) -> str:
        """Return who issued the decree: the signatory's office without "KETUA"."""
        title = self.signatory_title.strip().rstrip(",").strip()
        for prefix in ("KETUA ", "SEKRETARIS ", "KEPALA "):
            if title.upper().startswith(prefix):
                return title[len(prefix) :]
        return title or self.unit_name

    @property
    def subtitle(self) -> str:
        """Return the plan title without a leading "RENCANA AKSI" (printed above it)."""
        title = self.plan_title
        return (
            title[len("RENCANA AKSI ") :]
            if title.startswith("RENCANA AKSI ")
            else title
        )

    @property
    def plan_title(self) -> str:
        return (
            self.title or f"Rencana Aksi Pembangunan Zona Integritas {self.unit_name}"
        ).upper()


def _steps_text(steps: list[str]) -> str:
    if len(steps) <= 1:
        return steps[0] if steps else ""
    return "\n".join(f"{i}) {text}" for i, text in enumerate(steps, 1))


def long_date(value: date | None) -> str:
    """Return a date as printed in decrees: "27 Oktober 2025"."""
    if value is None:
        return ""
    day, month, year = value.day, value.month, value.year
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def build_table(plan: ActionPlan) -> LampiranTable:
    """Return the plan's Lampiran: heading, rows and signature fields."""
    rows: list[Row] = []
    for area_row in load_tree(plan):
        area = area_row.area
        rows.append(Row(area=area.title, numeral=area.numeral))
        for comp_row in area_row.components:
            comp = comp_row.component
            for index, ind in enumerate(comp_row.indicators):
                first = index == 0
                rows.append(
                    Row(
                        cells=[
                            f"{comp.number}." if first and comp.number else "",
                            comp.name if first else "",
                            ind.text,
                            _steps_text([s.text for s in ind.steps.all()]),
                            "\n".join(e.text for e in ind.expected_evidence.all()),
                            ind.target_raw,
                        ]
                    )
                )
    signatory_title = plan.signatory_title
    title = plan.title
    return LampiranTable(
        unit_name=plan.unit.name,
        year=plan.year,
        number=plan.number,
        title=title,
        place=plan.place,
        signed_on=long_date(plan.signed_on),
        signatory=plan.signatory,
        signatory_title=signatory_title,
        rows=rows,
    )
