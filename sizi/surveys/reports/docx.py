"""The survey report as a Word document; the charts as PNG of the same geometry."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from sizi.surveys import charts
from sizi.surveys.reports.content import FigureBlock, Heading, Paragraph, Report, Table


def _table(document: object, block: Table) -> None:
    if block.caption:
        caption = document.add_paragraph()  # type: ignore[attr-defined]
        caption.add_run(block.caption).bold = True
    table = document.add_table(rows=1, cols=len(block.headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(9)
    for row in block.rows or (("Tidak ada data.",) + ("",) * (len(block.headers) - 1),):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(9)
    document.add_paragraph()  # type: ignore[attr-defined]


def _figure(document: object, block: FigureBlock) -> None:
    png = charts.to_png(block.figure.chart)
    document.add_picture(io.BytesIO(png), width=Cm(15.5))  # type: ignore[attr-defined]
    caption = document.add_paragraph(block.caption)  # type: ignore[attr-defined]
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def render_docx(report: Report) -> bytes:
    """Return the report as .docx bytes (A4 portrait)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    title = document.add_heading(report.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph(report.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Table):
            _table(document, block)
        else:
            _figure(document, block)
    for line in report.signature:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(9)
        paragraph.paragraph_format.space_after = Pt(0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
