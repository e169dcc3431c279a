"""Read the decree as DOCX: decree fields from the paragraphs, the Lampiran from Word tables.

The Lampiran is every table whose rows include the header NO | KOMPONEN |
INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU, and every later table with
six columns (documents converted from PDF often have one table per page). A new
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

from sizi.plans.importing.decree_fields import Line, check_decree, read_decree_fields
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.table import (
    BUKTI,
    LANGKAH,
    Break,
    Row,
    build_areas,
    is_header_row,
)
from sizi.plans.importing.text_reader import MISSING_TABLE


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


def _row_cells(tr: Any, table: Any, cache: dict[str, bool]) -> list[str]:
    cells: list[str] = [""] * int(getattr(tr, "grid_before", 0) or 0)
    for tc in tr.tc_lst:
        # a vertically merged cell is read once, at its top (carried down)
        if tc.vMerge == "continue":
            cells.append("")
        else:
            column = len(cells)
            mark = column in (LANGKAH, BUKTI)
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
    in_lampiran = False
    paragraph_no = table_no = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph_no += 1
            text = Paragraph(child, document).text  # type: ignore[arg-type]
            lines.extend(Line(f"paragraf {paragraph_no}", t) for t in text.split("\n"))
        elif child.tag == qn("w:tbl"):
            table_no += 1
            table = Table(child, document._body)
            table_rows = [_row_cells(tr, table, styles) for tr in child.tr_lst]
            has_header = any(is_header_row(cells) for cells in table_rows)
            widths = {len(cells) for cells in table_rows}
            if has_header or (in_lampiran and widths and max(widths) == 6):
                if in_lampiran:
                    rows.append(Break(f"tabel {table_no}"))
                in_lampiran = True
                started = has_header is False
                for index, cells in enumerate(table_rows, start=1):
                    location = f"tabel {table_no} baris {index}"
                    if not started:
                        started = is_header_row(cells)
                        if not started:
                            lines.extend(Line(location, c) for c in cells if c.strip())
                            continue
                    if len(cells) != 6:
                        if len(cells) > 6 and not any(c.strip() for c in cells[6:]):
                            cells = cells[:6]
                        elif len(cells) < 6:
                            cells = cells + [""] * (6 - len(cells))
                        else:
                            plan.errors.append(
                                ParseIssue(
                                    location,
                                    f"Baris punya {len(cells)} kolom; seharusnya 6.",
                                )
                            )
                            continue
                    rows.append(
                        Row(tuple(cells), location, f"{location} kolom 6")  # type: ignore[arg-type]
                    )
            else:
                for index, cells in enumerate(table_rows, start=1):
                    for cell in dict.fromkeys(cells):
                        lines.extend(
                            Line(f"tabel {table_no} baris {index}", t)
                            for t in cell.split("\n")
                        )
    plan.decree = read_decree_fields(lines)
    plan.warnings = check_decree(plan.decree) + plan.warnings
    if not in_lampiran:
        plan.errors.append(
            ParseIssue("", MISSING_TABLE.replace(" (dipisah tab)", " di tabel Word"))
        )
        return plan
    areas, warnings, errors = build_areas(
        rows, year=year if year is not None else plan.decree.plan_year
    )
    plan.areas = areas
    plan.warnings.extend(warnings)
    plan.errors.extend(errors)
    return plan
