"""The LHE as a Word document (python-docx): headings, tables, the notes per question."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.shared import Pt

from sizi.lke.reports.content import ReportContent


def _table(document: object, header: Sequence[str], rows: list[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def render_docx(content: ReportContent) -> bytes:
    """Return the LHE as DOCX bytes."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading("LAPORAN HASIL EVALUASI ZONA INTEGRITAS", level=0)
    document.add_paragraph(f"Nomor: {content.reference}")
    document.add_paragraph(f"Tanggal: {content.issued_text}")
    document.add_paragraph(f"Unit kerja: {content.unit_name}")
    if content.parent_name:
        document.add_paragraph(f"Unit induk: {content.parent_name}")
    document.add_paragraph(f"Tahun penilaian: {content.year}")
    document.add_paragraph(f"Instrumen: {content.instrument}")
    if content.adopted:
        document.add_paragraph(content.adopted)

    document.add_heading("1. Nilai per komponen (lapisan TPI)", level=1)
    _table(document, ["Komponen", "Nilai"], [list(t) for t in content.totals])
    document.add_heading("Komponen hasil", level=2)
    _table(document, ["Butir", "Isian", "Nilai"], [list(h) for h in content.hasil])

    document.add_heading("2. Nilai per area pengungkit terhadap ambang", level=1)
    _table(
        document,
        ["Area", "Nilai", "Bobot", "%", "Min. WBK", "Min. WBBM"],
        [
            [a.name, a.value, a.weight, a.percent, a.minimum_wbk, a.minimum_wbbm]
            for a in content.areas
        ],
    )
    for label, eligible in content.verdicts:
        document.add_paragraph(
            f"{label}: {'memenuhi syarat' if eligible else 'belum memenuhi syarat'}"
        )

    document.add_heading("3. Syarat yang belum terpenuhi", level=1)
    if not content.failures:
        document.add_paragraph("Semua syarat nilai terpenuhi.")
    for line in content.failures:
        document.add_paragraph(line, style="List Bullet")

    document.add_heading("4. Catatan penilai per pertanyaan", level=1)
    if not content.notes:
        document.add_paragraph("Tidak ada catatan penilai.")
    for note in content.notes:
        document.add_paragraph(
            f"{note.question} ({note.layer}, {note.author}, {note.status}): {note.text}",
            style="List Bullet",
        )

    document.add_heading("5. Simpulan dan rekomendasi", level=1)
    if content.conclusion_note:
        document.add_paragraph(f"Catatan simpulan TPI: {content.conclusion_note}")
    for line in content.recommendations:
        document.add_paragraph(line, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
