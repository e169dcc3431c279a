"""The Lampiran as a Word document: landscape, header row repeated on each page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sizi.plans.export.table import HEADERS, LampiranTable

WIDTHS_CM = [1.2, 4.0, 6.0, 6.5, 5.5, 3.4]  # 26.6 cm on F4/A4 landscape


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _write(
    cell: object, text: str, *, bold: bool = False, center: bool = False
) -> None:
    paragraphs = text.split("\n") if text else [""]
    first = cell.paragraphs[0]  # type: ignore[attr-defined]
    for index, line in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.paragraph_format.space_after = Pt(0)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(9)


def _centered(
    document: object, text: str, *, bold: bool = True, size: int = 11
) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def render_docx(table: LampiranTable) -> bytes:
    """Return the Lampiran as DOCX bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(33.0), Cm(21.5)  # F4 landscape
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.8)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)

    heading = document.add_paragraph()
    heading.paragraph_format.left_indent = Cm(18)
    heading.paragraph_format.space_after = Pt(12)
    heading_lines = [*table.heading, f"TENTANG {table.plan_title}"]
    for index, line in enumerate(heading_lines):
        run = heading.add_run(line)
        run.font.size = Pt(10)
        if index < len(heading_lines) - 1:
            run.add_break()
    document.add_paragraph()
    _centered(document, "RENCANA AKSI")
    _centered(document, table.subtitle, size=10)
    document.add_paragraph()

    grid = document.add_table(rows=2, cols=6)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row_index, labels in enumerate([HEADERS, [str(i) for i in range(1, 7)]]):
        row = grid.rows[row_index]
        _repeat_header(row)
        for cell, label in zip(row.cells, labels, strict=True):
            _write(cell, label, bold=True, center=True)
            _shade(cell, "D9D9D9" if row_index == 0 else "F2F2F2")
    for item in table.rows:
        cells = grid.add_row().cells
        if item.is_area:
            _write(cells[0], item.numeral, bold=True, center=True)
            merged = cells[1].merge(cells[5])
            _write(merged, item.area, bold=True)
            for cell in (cells[0], merged):
                _shade(cell, "EDEDED")
            continue
        for index, (cell, text) in enumerate(zip(cells, item.cells, strict=True)):
            _write(cell, text, center=index in (0, 5))
    for row in grid.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=False):
            cell.width = Cm(width)

    document.add_paragraph()
    signature = document.add_paragraph()
    signature.paragraph_format.left_indent = Cm(19)
    lines = [
        f"Ditetapkan di {table.place}" if table.place else "Ditetapkan di",
        f"pada tanggal {table.signed_on}",
        "",
        table.signatory_title.upper(),
        "",
        "",
        "",
        table.signatory.upper(),
    ]
    for index, line in enumerate(lines):
        run = signature.add_run(line)
        run.bold = index == len(lines) - 1
        if index < len(lines) - 1:
            run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
