"""Layout of the "LKE ZI" sheet shared by export and import."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sizi.lke.scoring import AnswerInput

SHEET = "LKE ZI"
# Column keys in order; the header labels are what the importer looks for.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("component", "Komp.", 6),
    ("part", "Bag.", 5),
    ("area", "Area", 5),
    ("sub", "Sub", 5),
    ("item", "Butir", 6),
    ("text", "Komponen / Pertanyaan", 60),
    ("criteria", "Penjelasan", 40),
    ("weight", "Bobot", 8),
    ("options", "Pilihan Jawaban", 50),
    ("type", "Jenis Jawaban", 11),
    ("answer", "Jawaban", 10),
    ("value", "Nilai", 10),
    ("percent", "%", 9),
    ("code", "Kode", 12),
    ("note", "Catatan", 40),
    ("evidence", "Bukti Dukung", 40),
    ("link", "Link", 40),
)
COL = {
    key: get_column_letter(i) for i, (key, _label, _w) in enumerate(COLUMNS, start=1)
}
HEADER_ROW = 5
BLANK = "Blm Diisi"
INVALID = "Tidak valid"
INPUT_TYPE = "Jumlah"
#: The layers' names as the pages show them (`sizi.lke.models.Layer` labels).
LAYER_NAMES = {
    "self": "Penilaian mandiri",
    "preliminary": "Penilaian pendahuluan",
    "internal": "TPI",
    "national": "TPN",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI")
BOLD = Font(bold=True)
FILL_PART = PatternFill("solid", fgColor="DDEBF7")
FILL_AREA = PatternFill("solid", fgColor="F2F2F2")
FILL_INPUT = PatternFill("solid", fgColor="FFF2CC")


@dataclass(frozen=True)
class EvidenceRef:
    title: str
    url: str = ""


@dataclass(frozen=True)
class CellError:
    cell: str  # "K42"
    code: str  # question / hasil code, or "" when the row itself is unknown
    message: str  # Indonesian


@dataclass(frozen=True)
class Slip:
    """A known way a filled template differs from SIZI's reading (docs/lke-scoring.md §5)."""

    kind: str  # "answer_type" | "typed_subtotal"
    code: str  # the question
    cell: str
    message: str  # Indonesian


@dataclass(frozen=True)
class AnswerColumn:
    """An answer column of an official workbook and the layer it goes to."""

    label: str  # as in the header ("Jawaban TPI")
    layer: str | None  # the layer its label names
    column: str  # "L"
    chosen: bool  # the column read into the target layer

    @property
    def layer_name(self) -> str:
        return LAYER_NAMES.get(self.layer or "", "")


@dataclass
class WorkbookImport:
    answers: dict[str, AnswerInput] = field(default_factory=dict)
    hasil: dict[str, Decimal | str | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    evidence_text: dict[str, str] = field(default_factory=dict)  # code -> "bukti\nlink"
    cells: dict[str, str] = field(default_factory=dict)  # code -> answer cell
    errors: list[CellError] = field(default_factory=list)
    missing: list[str] = field(
        default_factory=list
    )  # question codes not found in the sheet
    # Rows SIZI does not know, answer-type slips, subtotals that disagree: reported, not fatal.
    warnings: list[CellError] = field(default_factory=list)
    layout: str = "sizi"  # "sizi" (SIZI's own export) or "official" (Lampiran III)
    columns: list[AnswerColumn] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)  # code -> URLs
    saved: dict[str, Decimal] = field(default_factory=dict)  # the file's own totals
    slips: list[Slip] = field(default_factory=list)
    stamp_unit: str = ""
    stamp_year: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def fmt_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")
