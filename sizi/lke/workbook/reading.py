"""Read a filled "LKE ZI" workbook: find questions by hierarchy and text.

`import_workbook` opens the workbook safely, finds the sheet and its header,
reads each row's cells once (`RowCells`), lets `rows.classify` turn the row
into a typed event and hands the event to `_Builder`, which keeps the place
in the hierarchy (part, area, sub-area, the percentage question being filled)
and collects answers, Hasil inputs, notes and errors with their cells.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.lke.instrument import InstrumentSpec
from sizi.lke.workbook.building import Builder
from sizi.lke.workbook.layout import (
    COLUMNS,
    SHEET,
    AnswerColumn,
    CellError,
    WorkbookImport,
)
from sizi.lke.workbook.matching import (
    Matcher,
    norm,
    strip_number,
)
from sizi.lke.workbook.official import (
    MULTI_LAYER_SHEET,
    ONE_LAYER_SHEET,
)
from sizi.lke.workbook.official_reading import (
    AnswerGroup,
    OfficialHeader,
    find_official_header,
    official_rows,
    read_cell_stamp,
    read_stamp,
)
from sizi.lke.workbook.rows import (
    RowCells,
    classify,
    classify_official,
)

# The official LKE sheet unpacks to well under 1 MB; anything near these limits
# is not an LKE workbook, and openpyxl would hold every cell of it in memory.
WORKBOOK_LIMITS = ArchiveLimits(
    max_entries=200, max_uncompressed=8 * 1024 * 1024, max_ratio=100
)
UNREADABLE = "Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca."


def find_header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """Return the header row and the column of each known title, if found."""
    wanted = {norm(label): key for key, label, _w in COLUMNS}
    wanted.update(
        {
            "komponen": "text",
            "pertanyaan": "text",
            "uraian": "text",
            "kode sizi": "code",
        }
    )
    for row in ws.iter_rows(min_row=1, max_row=40):
        found: dict[str, int] = {}
        for cell in row:
            key = wanted.get(norm(cell.value))
            if key and key not in found:
                found[key] = cell.column
        if "answer" in found and "text" in found:
            return row[0].row, found
    return None


def cached_sheet(data: bytes, title: str) -> Worksheet | None:
    """Return the sheet with the values its formulas had when last saved, if any.

    A workbook saved by Excel or LibreOffice keeps each formula's last value; one
    written by a library (openpyxl) does not, and its formulas stay unreadable.
    """
    try:
        return load_workbook(io.BytesIO(data), data_only=True)[title]
    except Exception:  # noqa: BLE001 - the formulas are then reported as unreadable
        return None


class _Sheet:
    """The sheet found, its header's columns and the cached formula values."""

    def __init__(
        self, ws: Worksheet, header_row: int, cols: dict[str, int], data: bytes
    ) -> None:
        self.ws = ws
        self.header_row = header_row
        self.cols = cols
        self.cached = cached_sheet(data, ws.title)

    def _value(self, row: tuple[Cell, ...], key: str) -> Any:
        i = self.cols.get(key)
        return row[i - 1].value if i is not None and i - 1 < len(row) else None

    def _text(self, row: tuple[Cell, ...], key: str) -> str:
        value = self._value(row, key)
        return str(value).strip() if value is not None else ""

    def _ref(self, row_no: int, key: str) -> str:
        return f"{get_column_letter(self.cols[key])}{row_no}"

    def _answer(self, row: tuple[Cell, ...]) -> Any:
        """The answer cell's value; for a formula, the value it was last saved with."""
        value = self._value(row, "answer")
        if isinstance(value, str) and value.startswith("=") and self.cached is not None:
            saved = self.cached.cell(row[0].row, self.cols["answer"]).value
            if saved is not None:
                return saved
        return value

    def rows(self) -> list[RowCells]:
        """Return the cells of every row below the header that has text."""
        found = []
        for row in self.ws.iter_rows(min_row=self.header_row + 1):
            text = self._value(row, "text")
            if text is None or not str(text).strip():
                continue
            row_no, ntext = row[0].row, norm(text)
            found.append(
                RowCells(
                    text=str(text),
                    ntext=ntext,
                    bare=strip_number(ntext),
                    code=str(self._value(row, "code") or "").strip(),
                    answer=self._answer(row),
                    typed_answer=self._value(row, "answer"),
                    answer_cell=self._ref(row_no, "answer"),
                    text_cell=self._ref(row_no, "text"),
                    component=norm(self._value(row, "component")),
                    answer_type=norm(self._value(row, "type")),
                    level_area=str(self._value(row, "area") or "").strip(),
                    level_sub=norm(self._value(row, "sub")),
                    letter=norm(self._value(row, "item")),
                    note=self._text(row, "note"),
                    evidence=self._text(row, "evidence"),
                    link=self._text(row, "link"),
                )
            )
        return found


NOT_FOUND = (
    f"Lembar '{SHEET}' dengan kolom 'Komponen / Pertanyaan' dan 'Jawaban' "
    "tidak ditemukan, dan tidak ada lembar berformat Lampiran III (baris judul "
    "'Penilaian' … 'Jawaban')."
)


def _open_workbook(data: bytes) -> Any:
    """Return the openpyxl workbook of an upload, or the message refusing it."""
    try:
        if not data.startswith(b"PK"):
            raise UnsafeArchive(UNREADABLE)
        inspect_zip(data, name="workbook", size=len(data), limits=WORKBOOK_LIMITS)
    except UnsafeArchive as exc:
        return UNREADABLE if "rusak" in str(exc) else str(exc)
    try:
        return load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:  # noqa: BLE001 - any unreadable upload is a user error
        return UNREADABLE


def _sizi_sheet(wb: Any, data: bytes) -> _Sheet | None:
    """Return the sheet in SIZI's own layout ("Komponen / Pertanyaan"), if any."""
    ordered = ([wb[SHEET]] if SHEET in wb.sheetnames else []) + list(wb.worksheets)
    for candidate in ordered:
        header = find_header(candidate)
        if header:
            return _Sheet(candidate, header[0], header[1], data)
    return None


def _official_sheet(wb: Any) -> tuple[Worksheet, OfficialHeader] | None:
    """Return the official Lampiran III sheet ("Jawaban" first, then "LKE ZI")."""
    names = [n for n in (MULTI_LAYER_SHEET, ONE_LAYER_SHEET) if n in wb.sheetnames]
    for candidate in [wb[n] for n in names] + list(wb.worksheets):
        header = find_official_header(candidate)
        if header is not None:
            return candidate, header
    return None


def _choose_group(header: OfficialHeader, layer: str | None) -> AnswerGroup | str:
    """Pick the answer column of `layer` (the only one in a one-layer file)."""
    groups = header.groups
    if len(groups) == 1:
        return groups[0]
    matching = [g for g in groups if g.layer == layer] if layer else list(groups[:1])
    if not matching:
        listed = ", ".join(f"'{g.label}' ({g.letter})" for g in groups)
        return (
            f"Lembar kerja berisi beberapa kolom jawaban ({listed}); tidak ada kolom "
            f"untuk lapisan '{layer}'. Pilih lapisan lain (--layer)."
        )
    return matching[0]


def import_workbook(
    data: bytes, spec: InstrumentSpec, *, layer: str | None = None
) -> WorkbookImport:
    """Read the answers, Hasil inputs and notes of a filled LKE workbook.

    Both layouts are read: SIZI's own export and the official Lampiran III
    layout (one layer, or the multi-layer working file, where `layer` picks
    the answer column).
    """
    wb = _open_workbook(data)
    if isinstance(wb, str):
        return WorkbookImport(errors=[CellError("", "", wb)])
    matcher = Matcher(spec)
    sizi = _sizi_sheet(wb, data)
    if sizi is not None:
        builder = Builder(spec, matcher, WorkbookImport())
        for cells in sizi.rows():
            event = classify(cells, matcher)
            if event is not None:
                builder.add(event)
        result = builder.finish()
        result.stamp_unit, result.stamp_year = read_cell_stamp(sizi.ws, sizi.header_row)
        return result
    found = _official_sheet(wb)
    if found is None:
        return WorkbookImport(errors=[CellError("", "", NOT_FOUND)])
    ws, header = found
    group = _choose_group(header, layer)
    if isinstance(group, str):
        return WorkbookImport(errors=[CellError("", "", group)], layout="official")
    unit, year = read_stamp(ws, header.row)
    result = WorkbookImport(layout="official", stamp_unit=unit, stamp_year=year)
    result.columns = [
        AnswerColumn(g.label, g.layer, g.letter, g is group) for g in header.groups
    ]
    if layer and group.layer and group.layer != layer:
        result.warnings.append(
            CellError(
                f"{group.letter}{header.row}",
                "",
                f"Satu-satunya kolom jawaban, '{group.label}', dibaca ke lapisan "
                f"'{layer}'.",
            )
        )
    builder = Builder(spec, matcher, result, official=True)
    for cells in official_rows(ws, cached_sheet(data, ws.title), header, group):
        event = classify_official(cells, matcher)
        if event is not None:
            builder.add(event)
    return builder.finish()
