"""Classify the rows of the "LKE ZI" sheet: each row becomes one typed event.

The classifier looks at one row only (its cells and the instrument's names);
what a row means in its place (which part, area and sub-area it belongs to,
whether the sheet is in the Hasil component) is the builder's business in
`sizi.lke.workbook.reading`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sizi.lke.workbook.layout import INPUT_TYPE
from sizi.lke.workbook.matching import Matcher, norm

#: An area's number in the Area column (the instrument has six; a few digits at most).
AREA_NUMBER = re.compile(r"[0-9]{1,3}")


@dataclass(frozen=True)
class RowCells:
    """The cells of one sheet row the reader uses, read once."""

    text: str  # the Komponen / Pertanyaan cell as written
    ntext: str  # normalised text
    bare: str  # normalised text without its numbering ("1", "a", "iv")
    code: str  # the Kode cell
    answer: Any  # the answer; for a formula, the value it was last saved with
    typed_answer: Any  # the answer cell as written (a formula stays a formula)
    answer_cell: str  # "K42"
    text_cell: str  # "F42"
    component: str = ""  # normalised Komp. ("a" Pengungkit, "b" Hasil)
    answer_type: str = ""  # normalised Jenis Jawaban
    level_area: str = ""
    level_sub: str = ""
    letter: str = ""  # normalised Butir
    note: str = ""
    evidence: str = ""
    link: str = ""
    # The official layout (`official_reading`): the staircase level (0 component,
    # 1 part, 2 area, 3 sub-area, 4+ questions and their rows), the answer type as
    # written, the links of the evidence columns and the saved value of Nilai.
    level: int = -1
    raw_type: str = ""
    links: tuple[str, ...] = ()
    saved: Any = None

    @property
    def is_blank_answer(self) -> bool:
        return self.answer is None or str(self.answer).strip() == ""


@dataclass(frozen=True)
class ComponentStart:
    """A row "A. Pengungkit" or "B. Hasil"."""

    hasil: bool
    cells: RowCells | None = None  # official layout: its Nilai is a saved total


@dataclass(frozen=True)
class PartStart:
    """A row "Pemenuhan" or "Reform" inside Pengungkit."""

    part: str
    cells: RowCells


@dataclass(frozen=True)
class AreaStart:
    """A row opening one of the six areas (by its number or its name)."""

    number: int
    cells: RowCells


@dataclass(frozen=True)
class SubAreaStart:
    """A row opening a sub-area: its numeral, or its name to look up in context."""

    numeral: str
    name: str
    cells: RowCells


@dataclass(frozen=True)
class InputLine:
    """A "Jumlah" row under a percentage question, or a row coded "P.1:a"."""

    typed: bool  # the Jenis Jawaban says "Jumlah" (not only the code)
    cells: RowCells


@dataclass(frozen=True)
class QuestionLine:
    """Any other row with text: a question (or a Hasil item inside Hasil)."""

    cells: RowCells


@dataclass(frozen=True)
class GroupStart:
    """A weighted sub-group inside a sub-area (official: "a. Penyampaian LHKPN")."""

    cells: RowCells


@dataclass(frozen=True)
class TotalLine:
    """The final total ("NILAI EVALUASI ZONA INTEGRITAS"); the signature block follows."""

    cells: RowCells


Event = (
    ComponentStart
    | PartStart
    | AreaStart
    | SubAreaStart
    | InputLine
    | QuestionLine
    | GroupStart
    | TotalLine
)
FINAL_TOTALS = ("nilai evaluasi", "total nilai", "nilai total", "nilai akhir")


def classify(cells: RowCells, matcher: Matcher) -> Event | None:
    """Return the event of one row; None for a row the reader skips (totals)."""
    component = cells.component
    if component in ("a", "b") or cells.ntext in ("pengungkit", "hasil"):
        return ComponentStart(hasil=component == "b" or cells.ntext == "hasil")
    if cells.ntext.startswith("total ") or cells.ntext.startswith("nilai evaluasi"):
        return None
    bare = cells.bare
    if bare in ("pemenuhan", "reform"):
        return PartStart(bare, cells)
    if AREA_NUMBER.fullmatch(cells.level_area):
        return AreaStart(int(cells.level_area), cells)
    if bare in matcher.areas_by_name and not cells.typed_answer:
        return AreaStart(matcher.areas_by_name[bare].number, cells)
    if cells.level_sub:
        return SubAreaStart(cells.level_sub, "", cells)
    if (
        bare in matcher.subs_by_name
        and cells.typed_answer is None
        and not cells.answer_type
    ):
        return SubAreaStart("", bare, cells)
    if cells.answer_type == norm(INPUT_TYPE) or ":" in cells.code:
        return InputLine(cells.answer_type == norm(INPUT_TYPE), cells)
    return QuestionLine(cells)


def classify_official(cells: RowCells, matcher: Matcher) -> Event | None:
    """Return the event of one staircase row: the level column says what it is."""
    if cells.ntext.startswith(FINAL_TOTALS):
        return TotalLine(cells)
    bare, level = cells.bare, cells.level
    if cells.ntext.startswith("total "):
        return None
    if level == 0:
        if bare in ("pengungkit", "hasil"):
            return ComponentStart(hasil=bare == "hasil", cells=cells)
        return None
    if level == 1:
        return PartStart(bare, cells) if bare in ("pemenuhan", "reform") else None
    if level == 2:
        return AreaStart(matcher.area_number(bare) or 0, cells)
    if level == 3:
        return SubAreaStart("", bare, cells)
    if cells.answer_type == norm(INPUT_TYPE) or (
        not cells.answer_type and cells.bare.startswith("jumlah ")
    ):  # without a Pilihan Jawaban column, "- Jumlah …" still says what it is
        return InputLine(True, cells)
    if not cells.answer_type and cells.is_blank_answer:
        return GroupStart(cells)
    return QuestionLine(cells)
