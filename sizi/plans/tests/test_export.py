"""Exports in the decree's form open and hold the Lampiran table."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from sizi.plans.export import export_plan
from sizi.plans.export.pdf import layout
from sizi.plans.export.table import HEADERS, build_table

pytestmark = pytest.mark.django_db


def test_docx_has_repeating_header_landscape_and_signature(seed_plan):
    exported = export_plan(seed_plan, "docx")
    document = Document(io.BytesIO(exported.data))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3", "4", "5", "6"]
    for row in table.rows[:2]:
        assert (
            row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
            )
            is not None
        )
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "NOMOR 42 TAHUN 2025" in texts
    assert "Ditetapkan di Kuala Tungkal" in texts
    assert "pada tanggal 27 Oktober 2025" in texts
    assert "MUHAMMAD RUM" in texts
    area_rows = [
        r
        for r in table.rows[2:]
        if r.cells[0].text in {"I", "II", "III", "IV", "V", "VI"}
    ]
    assert len(area_rows) == 6
    assert len(table.rows) == 2 + 6 + 70


def test_xlsx_has_print_titles_and_every_indicator(seed_plan):
    exported = export_plan(seed_plan, "xlsx")
    sheet = load_workbook(io.BytesIO(exported.data)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows
    values = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(values) if r[0] == "NO")
    assert list(values[header_index]) == HEADERS
    body = values[header_index + 2 :]
    indicators = [r for r in body if r[2]]
    assert len(indicators) == 70
    assert any(r[5] == "Oktober minggu ke-2 tahun 2025" for r in indicators)


def test_pdf_starts_with_magic_and_has_several_pages(seed_plan):
    exported = export_plan(seed_plan, "pdf")
    assert exported.data.startswith(b"%PDF")
    assert exported.content_type == "application/pdf"
    document = layout(build_table(seed_plan))
    assert len(document.pages) >= 5
    first = document.pages[0]
    assert first.width > first.height  # landscape


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_exported_lampiran_imports_back_without_changes(seed_plan, alice, fmt):
    from sizi.plans import services
    from sizi.plans.importing import parse_decree

    exported = export_plan(seed_plan, fmt)
    parsed = parse_decree(exported.data, exported.filename, year=2025)
    assert parsed.errors == []
    result = services.import_plan(
        parsed,
        unit=seed_plan.unit,
        year=2025,
        by=alice,
        filename=exported.filename,
        sha256="f" * 64,
        dry_run=True,
    )
    assert result.changed is False
