"""Find the parts of an official Lampiran III sheet: header, answer columns, staircase rows.

The rows come out as `RowCells` with their staircase `level`, so the same
classifier/builder (`rows`, `reading`) turns them into answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sizi.lke.workbook.matching import norm, strip_number
from sizi.lke.workbook.official import is_code, layer_of_label
from sizi.lke.workbook.rows import RowCells

URL = re.compile(r"https?://[^\s,;]+", re.IGNORECASE)


@dataclass(frozen=True)
class AnswerGroup:
    """One answer column and the columns that belong to it, up to the next one."""

    label: str
    layer: str | None  # the layer its label names; None for a plain "Jawaban"
    answer: int
    value: int | None = None
    note: int | None = None
    extra: tuple[int, ...] = ()  # bukti dukung and link columns (often unlabelled)

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.answer))


@dataclass(frozen=True)
class OfficialHeader:
    row: int
    first: int  # first hierarchy column
    last: int  # last hierarchy column
    weight: int | None
    type: int | None
    groups: tuple[AnswerGroup, ...] = field(default_factory=tuple)


def find_official_header(ws: Worksheet) -> OfficialHeader | None:
    """Return the header of an official sheet ("Penilaian" … "Jawaban"), if any."""
    for row in ws.iter_rows(min_row=1, max_row=40):
        labels = {cell.column: norm(cell.value) for cell in row if cell.value}
        start = next((c for c, t in labels.items() if t == "penilaian"), None)
        answers = [c for c, t in labels.items() if t.startswith("jawaban")]
        if start is None or not answers:
            continue
        row_no = row[0].row
        weight = next((c for c, t in labels.items() if t == "bobot"), None)
        last = _merged_end(ws, row_no, start) or ((weight or answers[0]) - 1)
        kind = next(
            (c for c, t in labels.items() if t.startswith("pilihan jawaban")), None
        )
        raw = {cell.column: str(cell.value).strip() for cell in row if cell.value}
        groups = _groups(labels, raw, sorted(answers), ws.max_column)
        return OfficialHeader(row_no, start, last, weight, kind, groups)
    return None


def _merged_end(ws: Worksheet, row: int, col: int) -> int | None:
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col == col:
            return int(rng.max_col)
    return None


def _groups(
    labels: dict[int, str], raw: dict[int, str], answers: list[int], max_col: int
) -> tuple[AnswerGroup, ...]:
    groups = []
    for i, col in enumerate(answers):
        end = answers[i + 1] if i + 1 < len(answers) else max_col + 1
        value = note = None
        extra = []
        for c in range(col + 1, end):
            text = labels.get(c, "")
            if text == "nilai" and value is None:
                value = c
            elif text.startswith(("catatan", "ctt", "keterangan")) and note is None:
                note = c
            elif text not in ("%", "nilai"):
                extra.append(c)
        label = raw[col]
        groups.append(
            AnswerGroup(label, layer_of_label(label), col, value, note, tuple(extra))
        )
    return tuple(groups)


STAMP_UNIT = re.compile(r"^(?:nama )?(?:unit kerja|satuan kerja|unit)\s*:?\s*(.+)$")
STAMP_YEAR = re.compile(r"^tahun(?: penilaian| evaluasi)?\s*:?\s*(\d{4})\b")


def read_stamp(ws: Worksheet, header_row: int) -> tuple[str, int | None]:
    """Return the unit and year stamped in the title block ("" / None if absent)."""
    unit, year = "", None
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        parts = [str(c.value).strip() for c in row if c.value not in (None, "")]
        joined = " ".join(p for p in parts if p != ":")
        text = norm(joined)
        if not unit and (m := STAMP_UNIT.match(text)):
            raw = joined.split(":", 1)[-1] if ":" in joined else joined
            words = raw.split()
            # Drop the label words when the value follows them without a colon.
            while words and norm(words[0]) in {"unit", "kerja", "satuan", "nama"}:
                words = words[1:]
            unit = " ".join(words).strip() or m.group(1)
        if year is None and (m := STAMP_YEAR.match(text)):
            year = int(m.group(1))
    return unit, year


def read_cell_stamp(ws: Worksheet, header_row: int) -> tuple[str, int | None]:
    """Return the unit and year SIZI's own export stamps above its header, one
    label per cell ("Unit kerja: KPU …" in A3, "Tahun: 2025" in F3)."""
    unit, year = "", None
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        for cell in row:
            if cell.value in (None, ""):
                continue
            raw = str(cell.value).strip()
            text = norm(raw)
            if not unit and ":" in raw and STAMP_UNIT.match(text):
                unit = raw.split(":", 1)[1].strip()
            if year is None and (m := STAMP_YEAR.match(text)):
                year = int(m.group(1))
    return unit, year


def _links(cells: list[Cell]) -> tuple[str, ...]:
    found: list[str] = []
    for cell in cells:
        target = getattr(cell.hyperlink, "target", None) if cell.hyperlink else None
        for url in ([target] if target else []) + URL.findall(str(cell.value or "")):
            url = url.rstrip(").")
            if url not in found:
                found.append(url)
    return tuple(found)


def official_rows(
    ws: Worksheet, cached: Worksheet | None, header: OfficialHeader, group: AnswerGroup
) -> list[RowCells]:
    """Return the staircase rows below the header, read for one answer group."""
    found = []
    for row in ws.iter_rows(min_row=header.row + 1):
        place = _staircase(row, header)
        if place is None:
            continue
        level, code, text, text_col = place
        row_no = row[0].row

        def at(col: int | None, row: tuple[Cell, ...] = row) -> Any:
            return row[col - 1].value if col and col - 1 < len(row) else None

        typed = at(group.answer)
        answer = typed
        if isinstance(typed, str) and typed.startswith("=") and cached is not None:
            saved = cached.cell(row_no, group.answer).value
            answer = saved if saved is not None else typed
        saved_value = (
            cached.cell(row_no, group.value).value
            if cached is not None and group.value
            else None
        )
        extras = [row[c - 1] for c in group.extra if c - 1 < len(row)]
        links = _links(extras)
        evidence = "\n".join(
            str(c.value).strip()
            for c in extras
            if c.value not in (None, "") and not URL.fullmatch(str(c.value).strip())
        )
        ntext = norm(text)
        found.append(
            RowCells(
                text=text,
                ntext=ntext,
                bare=strip_number(ntext),
                code=code,
                answer=answer,
                typed_answer=typed,
                answer_cell=f"{group.letter}{row_no}",
                text_cell=f"{get_column_letter(text_col)}{row_no}",
                answer_type=norm(at(header.type)),
                raw_type=str(at(header.type) or "").strip(),
                note=str(at(group.note) or "").strip(),
                evidence=evidence,
                link="\n".join(links),
                level=level,
                links=links,
                saved=saved_value,
            )
        )
    return found


def _staircase(
    row: tuple[Cell, ...], header: OfficialHeader
) -> tuple[int, str, str, int] | None:
    """Return (level, code, text, text column) of a row, or None for an empty one."""
    cols = [
        c
        for c in range(header.first, header.last + 1)
        if c - 1 < len(row) and str(row[c - 1].value or "").strip()
    ]
    if not cols:
        return None
    first = row[cols[0] - 1].value
    if is_code(first) and len(cols) > 1:
        return (
            cols[0] - header.first,
            str(first).strip(),
            str(row[cols[1] - 1].value).strip(),
            cols[1],
        )
    if is_code(first):
        return None  # a code without text: nothing to read
    return max(cols[0] - header.first - 1, 0), "", str(first).strip(), cols[0]
