"""Read the decree as DOCX: decree fields from the paragraphs, the Lampiran from Word tables.

The Lampiran is every table whose rows include the header NO | KOMPONEN |
INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU (other columns, such as
PIC, are ignored with a warning), and every later table as wide as that header
(documents converted from PDF often have one table per page). A new
table or a repeated header row counts as a page break. Vertically merged cells
are read as empty (carried down); horizontally merged cells once.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from sizi.plans.importing.assembly import finish_plan, fit_row_into
from sizi.plans.importing.decree_fields import Line, read_decree_fields
from sizi.plans.importing.parsed import ParsedPlan
from sizi.plans.importing.table import (
    BUKTI,
    LANGKAH,
    STANDARD,
    TARGET,
    Break,
    Row,
    header_layout,
    is_number_row,
)


def _is_list(paragraph: Paragraph, cache: dict[str, bool]) -> bool:
    """Tell whether Word numbers or bullets this paragraph (directly or by its style)."""
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    if ppr.numPr is not None:
        return True
    style_id = ppr.pStyle.val if ppr.pStyle is not None else None
    if not style_id:
        return False
    if style_id not in cache:
        style = paragraph.style
        found = False
        for _ in range(5):
            if style is None:
                break
            style_ppr = style.element.pPr
            if (style_ppr is not None and style_ppr.numPr is not None) or str(
                style.name or ""
            ).lower().startswith("list"):
                found = True
                break
            style = style.base_style
        cache[style_id] = found
    return cache[style_id]


def _cell_text(tc: Any, table: Any, *, mark_lists: bool, cache: dict[str, bool]) -> str:
    """The cell's paragraphs, one per line; Word list paragraphs get a bullet mark."""
    lines = []
    for paragraph in _Cell(tc, table).paragraphs:
        text = paragraph.text
        if mark_lists and text.strip() and _is_list(paragraph, cache):
            text = "\u2022 " + text
        lines.append(text)
    return "\n".join(lines)


def _row_cells(
    tr: Any, table: Any, cache: dict[str, bool], list_columns: tuple[int, ...]
) -> list[str]:
    cells: list[str] = [""] * int(getattr(tr, "grid_before", 0) or 0)
    for tc in tr.tc_lst:
        # a vertically merged cell is read once, at its top (carried down)
        if tc.vMerge == "continue":
            cells.append("")
        else:
            column = len(cells)
            mark = column in list_columns
            cells.append(_cell_text(tc, table, mark_lists=mark, cache=cache))
        cells.extend([""] * (int(tc.grid_span) - 1))
    return cells


def read_docx(data: bytes, *, year: int | None = None) -> ParsedPlan:
    """Read a DOCX decree (``data`` must be a readable DOCX; the caller catches errors)."""
    plan = ParsedPlan(source_format="docx")
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    lines: list[Line] = []
    rows: list[Row | Break] = []
    styles: dict[str, bool] = {}
    layout = STANDARD
    in_lampiran = False
    paragraph_no = table_no = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph_no += 1
            text = Paragraph(child, document).text
            lines.extend(Line(f"paragraf {paragraph_no}", t) for t in text.split("\n"))
        elif child.tag == qn("w:tbl"):
            table_no += 1
            table = Table(child, document._body)
            list_columns = (layout.columns[LANGKAH], layout.columns[BUKTI])
            table_rows = [
                _row_cells(tr, table, styles, list_columns) for tr in child.tr_lst
            ]
            header_at = next(
                (i for i, cells in enumerate(table_rows) if header_layout(cells)), None
            )
            if header_at is not None:
                found = header_layout(table_rows[header_at])
                if found is not None and found != layout:
                    layout = found
                    list_columns = (layout.columns[LANGKAH], layout.columns[BUKTI])
                    table_rows = [
                        _row_cells(tr, table, styles, list_columns)
                        for tr in child.tr_lst
                    ]
                where = f"tabel {table_no} baris {header_at + 1}"
                issue = found.ignored_columns(where) if found else None
                if issue is not None and not in_lampiran:
                    plan.warnings.append(issue)
            widths = {len(cells) for cells in table_rows}
            continues = in_lampiran and widths and max(widths) == layout.width
            if header_at is not None or continues:
                if in_lampiran:
                    rows.append(Break(f"tabel {table_no}"))
                in_lampiran = True
                for index, cells in enumerate(table_rows, start=1):
                    location = f"tabel {table_no} baris {index}"
                    if header_at is not None and index <= header_at:
                        lines.extend(Line(location, c) for c in cells if c.strip())
                        continue
                    if header_layout(cells) or is_number_row(cells):
                        rows.append(Break(location))
                        continue
                    six = fit_row_into(plan, cells, layout, location)
                    if six is None:
                        continue
                    target_column = layout.columns[TARGET] + 1
                    rows.append(Row(six, location, f"{location} kolom {target_column}"))
            else:
                for index, cells in enumerate(table_rows, start=1):
                    for cell in dict.fromkeys(cells):
                        lines.extend(
                            Line(f"tabel {table_no} baris {index}", t)
                            for t in cell.split("\n")
                        )
    plan.decree = read_decree_fields(lines)
    return finish_plan(plan, rows, found=in_lampiran, where="di tabel Word", year=year)
