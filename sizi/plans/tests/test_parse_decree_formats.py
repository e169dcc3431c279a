"""The decree readers on small documents: DOCX/XLSX specifics, spellings, cleaning."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import docx
import pytest

from sizi.plans.importing import parse_decree
from sizi.plans.importing.cleaning import clean_text, split_items
from sizi.plans.target_time import Kind
from sizi.plans.tests.decree_files import (
    HEADER,
    SEED,
    SIX_AREAS,
    small_xlsx,
)


def test_xlsx_excel_dates_and_cell_locations() -> None:
    rows: list[list[Any]] = [["KEPUTUSAN", None], ["NOMOR 7 TAHUN 2026"], [], HEADER]
    rows.append(SIX_AREAS[0])
    rows.append([1, "Tim", "Ind A", "1) a\n2) b", "SK", date(2026, 3, 5)])
    rows.append([None, None, "Ind B", "c", "d", "entah kapan"])
    rows.extend(SIX_AREAS[1:])
    plan = parse_decree(small_xlsx(rows), "kecil.xlsx")
    assert plan.decree.number == "7" and plan.decree.year == 2026
    first, second = plan.areas[0].components[0].indicators
    assert first.steps == ["a", "b"]
    assert first.target.kind == Kind.DATE and first.target.start == date(2026, 3, 5)
    assert second.target.needs_review
    assert any(w.location == "sel F7" for w in plan.warnings)
    assert first.location == "baris 6"


def test_docx_vertically_merged_komponen_is_carried_down() -> None:
    document = docx.Document()
    document.add_paragraph("NOMOR 3 TAHUN 2026")
    table = document.add_table(rows=0, cols=6)
    for values in [HEADER, *[a + [""] * 4 for a in SIX_AREAS[:1]]]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    table.rows[1].cells[1].merge(table.rows[1].cells[5])
    for values in (
        ["1.", "Tim Kerja", "Ind A", "langkah A", "bukti A", "Januari"],
        ["", "", "Ind B", "langkah B", "bukti B", "Februari"],
        ["", "", "", "langkah B2", "bukti B2", ""],
    ):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    table.cell(2, 1).merge(table.cell(4, 1))
    table.cell(2, 0).merge(table.cell(4, 0))
    for area in SIX_AREAS[1:]:
        row = table.add_row().cells
        row[0].text = area[0]
        row[1].merge(row[5]).text = area[1]
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "k.docx")
    assert plan.errors == []
    assert [a.lke_area for a in plan.areas] == ["MP", "PT", "SDM", "AK", "PW", "PP"]
    component = plan.areas[0].components[0]
    assert (component.number, component.name) == ("1", "Tim Kerja")
    assert [i.text for i in component.indicators] == ["Ind A", "Ind B"]
    assert component.indicators[1].steps == ["langkah B", "langkah B2"]
    assert component.indicators[0].target.start == date(2026, 1, 1)


def test_text_area_header_spellings_and_lke_mapping() -> None:
    text = "\n".join(
        [
            "NOMOR 1 TAHUN 2025",
            "\t".join(HEADER),
            "I\tPembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM\t\t\t\t",
            "1\tK\tI\tL\tB\tJanuari 2025",
            "II PENATAAN TATA LAKSANA\t\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "III.\tPENATAAN SISTEM MANAJEMEN SDM\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "IV Penguatan Akuntabilitas Kinerja",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "V\tPENGUATAN PENGAWASAN\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "VI\tPENINGKATAN KUALITAS PELAYANAN PUBLIK\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
        ]
    )
    plan = parse_decree(text.encode(), "t.txt")
    assert plan.errors == []
    assert [(a.numeral, a.lke_area) for a in plan.areas] == [
        ("I", "MP"), ("II", "PT"), ("III", "SDM"), ("IV", "AK"), ("V", "PW"), ("VI", "PP"),
    ]  # fmt: skip
    assert plan.areas[3].title == "Penguatan Akuntabilitas Kinerja"


def test_cp1252_text_is_read_with_a_warning() -> None:
    seed_text = SEED.read_text(encoding="utf-8")
    plan = parse_decree(seed_text.encode("cp1252", "replace"), "lama.txt")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 70
    assert "Windows-1252" in plan.warnings[0].message


# --------------------------------------------------------------------------- cleaning


def test_split_items_rules() -> None:
    assert split_items("1) a 2) b 3) c") == ["a", "b", "c"]
    assert split_items("1. a 2. b") == ["a", "b"]
    assert split_items("a) satu; b) dua") == ["satu", "dua"]
    assert split_items("- a\n- b") == ["a", "b"]
    assert split_items("baris\nlanjutan") == ["baris lanjutan"]
    assert split_items("PK 2025; SKP 2024; renstra 2020-2024") == [
        "PK 2025; SKP 2024; renstra 2020-2024"
    ]
    assert split_items("Nomor 5) dan 2) lain") == ["Nomor 5) dan 2) lain"]
    assert split_items("") == []
    assert clean_text("<b>R&amp;D</b>  <i>x</i>") == "R&D x"


def _one_area_docx(step_cell: Any) -> bytes:
    document = docx.Document()
    document.add_paragraph("NOMOR 3 TAHUN 2026")
    table = document.add_table(rows=0, cols=6)
    for values in (HEADER, ["I", "MANAJEMEN PERUBAHAN", "", "", "", ""]):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    cells = table.add_row().cells
    for cell, value in zip(
        cells, ["1", "Tim", "Ind", "", "SK", "Maret 2026"], strict=True
    ):
        cell.text = value
    step_cell(cells[3])
    for area in SIX_AREAS[1:]:
        for cell, value in zip(
            table.add_row().cells, [*area, "", "", "", ""], strict=True
        ):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_word_list_paragraphs_are_separate_steps() -> None:
    def numbered(cell: Any) -> None:
        cell.paragraphs[0].text = "Menyusun SK"
        cell.paragraphs[0].style = "List Number"
        cell.add_paragraph("Menyosialisasikan SK", style="List Number")

    def wrapped(cell: Any) -> None:
        cell.paragraphs[0].text = "Menyusun SK yang"
        cell.add_paragraph("terpotong baris")

    indicator = parse_decree(_one_area_docx(numbered), "a.docx").areas[0].components[0]
    assert indicator.indicators[0].steps == ["Menyusun SK", "Menyosialisasikan SK"]
    indicator = parse_decree(_one_area_docx(wrapped), "b.docx").areas[0].components[0]
    assert indicator.indicators[0].steps == ["Menyusun SK yang terpotong baris"]


def test_header_spelling_variants_are_accepted() -> None:
    header = ["No.", "Komponen", "Indikator", "Rencana Aksi", "Bukti Dukung", "Target"]
    rows: list[list[Any]] = [["NOMOR 9 TAHUN 2025"], [None, *header]]
    for area in SIX_AREAS:
        rows.append([None, *area])
        rows.append([None, "1", "K", "I", "L", "B", "Mei 2025"])
    plan = parse_decree(small_xlsx(rows), "alias.xlsx")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 6
    text = "\n".join(
        ["\t".join(header)]
        + [
            "\t".join([*a, "", "", "", ""]) + "\n1\tK\tI\tL\tB\tMei 2025"
            for a in SIX_AREAS
        ]
    )
    assert (
        parse_decree(text.encode(), "alias.txt", year=2025).summary()["indicators"] == 6
    )


def _six_area_rows() -> list[str]:
    rows = []
    for numeral, title in SIX_AREAS:
        rows.append(f"{numeral}\t{title}\t\t\t\t")
        rows.append("1.\tK\tIndikator\tLangkah\tBukti\tMei 2025")
    return rows


def test_text_signature_with_tabs_and_page_numbers() -> None:
    text = "\n".join(
        [
            "KEPUTUSAN KETUA",
            "NOMOR 5 TAHUN 2025",
            "TENTANG RENCANA AKSI",
            "",
            "Mengingat\t:\t1. Undang-Undang Nomor 1;",
            "\t\t2. Undang-Undang Nomor 2",
            "\t\tlanjutan butir dua;",
            "MEMUTUSKAN:",
            "\t".join(HEADER),
            *_six_area_rows()[:6],
            "- 2 -",
            "Halaman 3 dari 9",
            *_six_area_rows()[6:],
            "",
            "\t\t\tDitetapkan di Kuala Tungkal pada tanggal 1 Mei 2025",
            "\t\t\tKEPALA KANTOR,",
            "\t\t\tttd",
            "\t\t\tBUDI SANTOSO",
        ]
    )
    plan = parse_decree(text.encode(), "ttd.txt")
    assert plan.errors == [] and plan.warnings == []
    assert plan.summary()["indicators"] == 6
    decree = plan.decree
    assert (decree.number, decree.year, decree.title) == ("5", 2025, "RENCANA AKSI")
    assert (decree.place, decree.signed_on) == ("Kuala Tungkal", date(2025, 5, 1))
    assert (decree.signatory_title, decree.signatory) == (
        "KEPALA KANTOR",
        "BUDI SANTOSO",
    )
    assert decree.legal_basis == [
        "Undang-Undang Nomor 1",
        "Undang-Undang Nomor 2 lanjutan butir dua",
    ]


def test_docx_signature_in_a_layout_table_and_unnumbered_legal_basis() -> None:
    document = docx.Document()
    for line in ("NOMOR 8 TAHUN 2025", "TENTANG", "RENCANA AKSI ZI", "", "Mengingat :"):
        document.add_paragraph(line)
    document.add_paragraph("Undang-Undang Nomor 28 Tahun 1999;", style="List Number")
    document.add_paragraph("Undang-Undang Nomor 14 Tahun 2008;", style="List Number")
    document.add_paragraph("MEMUTUSKAN:")
    table = document.add_table(rows=0, cols=6)
    for line in ["\t".join(HEADER), *_six_area_rows()]:
        cells = table.add_row().cells
        for cell, value in zip(cells, line.split("\t"), strict=True):
            cell.text = value
    layout = document.add_table(rows=1, cols=2)
    layout.cell(
        0, 1
    ).text = "Ditetapkan di Kuala Tungkal\npada tanggal 2 Mei 2025\nKETUA,\n\nttd\n\nMUHAMMAD RUM"
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "ttd.docx")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 6
    decree = plan.decree
    assert decree.title == "RENCANA AKSI ZI"
    assert decree.signed_on == date(2025, 5, 2) and decree.place == "Kuala Tungkal"
    assert (decree.signatory_title, decree.signatory) == ("KETUA", "MUHAMMAD RUM")
    assert decree.legal_basis == [
        "Undang-Undang Nomor 28 Tahun 1999",
        "Undang-Undang Nomor 14 Tahun 2008",
    ]


def test_plan_year_comes_from_the_title_not_the_decree_number() -> None:
    rows = []
    for numeral, title in SIX_AREAS:
        rows += [
            f"{numeral}\t{title}\t\t\t\t",
            "1.\tK\tIndikator\tLangkah\tBukti\tNovember, Desember",
        ]
    text = "\n".join(
        [
            "NOMOR 99 TAHUN 2024",
            "TENTANG",
            "RENCANA AKSI ZONA INTEGRITAS TAHUN 2025",
            "",
            "\t".join(HEADER),
            *rows,
        ]
    )
    plan = parse_decree(text.encode(), "desember.txt")
    assert (plan.decree.year, plan.decree.plan_year) == (2024, 2025)
    target = plan.areas[0].components[0].indicators[0].target
    assert target.start == date(2025, 11, 1)
    assert plan.to_dict()["decree"]["plan_year"] == 2025


def test_extra_columns_are_ignored_with_one_warning() -> None:
    header = [
        "NO",
        "KOMPONEN",
        "INDIKATOR",
        "PIC",
        "LANGKAH AKSI",
        "BUKTI FISIK",
        "TARGET WAKTU",
        "KET",
    ]
    lines = [
        "NOMOR 2 TAHUN 2025",
        "\t".join(header),
        "\t".join(str(i) for i in range(1, 9)),
    ]
    for numeral, title in SIX_AREAS:
        lines.append(f"{numeral}\t{title}\t\t\t\t\t\t")
        lines.append("1.\tK\tIndikator\tBudi\t1) satu 2) dua\tBukti\tMei 2025\tcatatan")
    text = "\n".join(lines)
    plan = parse_decree(text.encode(), "pic.txt")
    assert plan.errors == []
    assert [w.message for w in plan.warnings][1:] == [
        "Kolom di luar enam kolom Lampiran diabaikan: «PIC», «KET»."
    ]  # the first one: decree fields not found
    indicator = plan.areas[0].components[0].indicators[0]
    assert indicator.steps == ["satu", "dua"]
    assert indicator.evidence == ["Bukti"]
    assert indicator.target.raw == "Mei 2025"

    document = docx.Document()
    table = document.add_table(rows=0, cols=8)
    for line in lines[1:]:
        for cell, value in zip(table.add_row().cells, line.split("\t"), strict=False):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    from_docx = parse_decree(out.getvalue(), "pic.docx")
    assert from_docx.errors == []
    assert from_docx.summary()["indicators"] == 6
    assert from_docx.areas[0].components[0].indicators[0].steps == ["satu", "dua"]
    assert any("«PIC»" in w.message for w in from_docx.warnings)

    from_xlsx = parse_decree(
        small_xlsx([line.split("\t") for line in lines]), "pic.xlsx"
    )
    assert from_xlsx.errors == []
    assert from_xlsx.summary()["indicators"] == 6
    assert sum("«PIC»" in w.message for w in from_xlsx.warnings) == 1


@pytest.mark.parametrize("separator", [";", ","])
def test_csv_export_of_the_seed_reads_to_the_same_tree(separator: str) -> None:
    seed_text = SEED.read_text(encoding="utf-8")
    lines = seed_text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    table_end = max(i for i, line in enumerate(lines) if "\t" in line)
    for line in lines[start : table_end + 1]:
        writer.writerow(line.split("\t") if line else [])
    csv_text = (
        "\n".join(lines[:start])
        + "\n"
        + out.getvalue()
        + "\n".join(lines[table_end + 1 :])
    )
    assert '"' in out.getvalue()  # cells with the separator are quoted
    plan = parse_decree(csv_text.encode(), "lampiran.csv")
    expected = parse_decree(seed_text.encode(), "seed.txt")
    assert plan.errors == [] and plan.warnings == []

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "location"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    assert strip(plan.to_dict()) == strip(expected.to_dict())


def test_header_without_separators_gets_a_clear_error() -> None:
    text = "NOMOR 1 TAHUN 2025\nNO KOMPONEN INDIKATOR LANGKAH AKSI BUKTI FISIK TARGET WAKTU\n1 Tim SK"
    plan = parse_decree(text.encode(), "spasi.txt")
    assert plan.errors[0].location == "baris 2"
    assert "tidak dipisah tab" in plan.errors[0].message


def test_huge_sheets_are_read_only_up_to_the_limit() -> None:
    from sizi.plans.importing.xlsx_reader import MAX_ROWS

    rows: list[list[Any]] = [HEADER]
    for numeral, title in SIX_AREAS:
        rows += [[numeral, title], ["1", "K", "Ind", "L", "B", "Mei 2025"]]
    rows += [[] for _ in range(MAX_ROWS)] + [["x"]]
    plan = parse_decree(small_xlsx(rows), "besar.xlsx", year=2025)
    assert plan.summary()["indicators"] == 6
    assert any(f"{MAX_ROWS} baris" in w.message for w in plan.warnings)


def test_xlsx_month_formatted_date_cell_is_the_month_not_its_first_day() -> None:
    # Excel turns a typed "Okt 2025" into 1 October 2025 shown as "Okt-25": the
    # cell's format says a month was meant, not the first day of it.
    import io

    import openpyxl

    rows: list[list[Any]] = [["NOMOR 7 TAHUN 2025"], [], HEADER]
    rows.append(SIX_AREAS[0])
    rows.append([1, "Tim", "Ind A", "a", "SK", date(2025, 10, 1)])
    rows.append([None, None, "Ind B", "b", "SK", date(2025, 10, 27)])
    rows.extend(SIX_AREAS[1:])
    workbook = openpyxl.load_workbook(io.BytesIO(small_xlsx(rows)))
    sheet = workbook.active
    assert sheet is not None
    sheet["F5"].number_format = "mmm-yy"
    sheet["F6"].number_format = "dd/mm/yyyy"
    out = io.BytesIO()
    workbook.save(out)
    plan = parse_decree(out.getvalue(), "bulan.xlsx")
    month, day = plan.areas[0].components[0].indicators
    assert month.target.kind == Kind.MONTH, month.target
    assert (month.target.start, month.target.end) == (
        date(2025, 10, 1),
        date(2025, 10, 31),
    )
    assert day.target.kind == Kind.DATE and day.target.start == date(2025, 10, 27)
