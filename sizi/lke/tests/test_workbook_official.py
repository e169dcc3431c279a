"""Official Lampiran III workbooks (one layer and multi-layer), read as they are filled.

The workbooks are generated (`official_books`) and recalculated by LibreOffice
once per module; SIZI's reading of the recalculated file must give LibreOffice's
total within 0.01, or explain the difference by a documented slip.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sizi.lke.instrument import load_instrument
from sizi.lke.scoring import AnswerInput, score
from sizi.lke.tests import official_books as books
from sizi.lke.tests.test_workbook import recalc
from sizi.lke.workbook import LayerBook, export_official, import_workbook
from sizi.lke.workbook.official import layer_of_label
from sizi.lke.workbook.reconcile import reconcile

SPEC = load_instrument()
ANSWERS = books.full_answers(SPEC, seed=7)
TPI = {
    "P.1.i.b": AnswerInput("c"),
    "R.4.i.-": AnswerInput(inputs={"jumlah_sasaran": D(10), "sasaran_tercapai": D(3)}),
}
TPI_HASIL: dict[str, D | str | None] = {"ipak": D("3.2")}


def _multi() -> bytes:
    return export_official(
        SPEC,
        [
            LayerBook("self", ANSWERS, dict(books.HASIL)),
            LayerBook("internal", TPI, TPI_HASIL, notes={"P.1.i.b": "Tim belum SK"}),
        ],
        unit_name="KPU Kabupaten Tanjung Jabung Barat",
        year=2025,
    )


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    base = books.one_layer(SPEC, ANSWERS)
    files = {
        "filled": books.changed(base, books.as_filled, SPEC),
        "slips": books.changed(base, books.with_slips, SPEC),
        "lhkpn": books.changed(base, books.with_lhkpn_slip, SPEC),
        "unknown": books.changed(base, books.with_unknown_row, SPEC),
        "multi": _multi(),
    }
    paths = recalc(tmp_path_factory.mktemp("official"), files)
    return {name: Path(path).read_bytes() for name, path in paths.items()}


def test_a_filled_official_workbook_scores_as_libreoffice(
    recalculated: dict[str, bytes],
) -> None:
    parsed = import_workbook(recalculated["filled"], SPEC)
    assert parsed.ok, parsed.errors
    assert parsed.layout == "official"
    assert parsed.missing == [] and parsed.warnings == []
    assert (parsed.stamp_unit, parsed.stamp_year) == (
        "KPU Kabupaten Tanjung Jabung Barat",
        2025,
    )
    result = score(SPEC, parsed.answers, parsed.hasil)
    assert abs(parsed.saved["total"] - result.total) <= D("0.01")
    assert result.total == score(SPEC, ANSWERS, books.HASIL).total
    # Letters swapped (a <-> c) do not move answers: questions go by text.
    assert parsed.answers["P.1.ii.a"] == ANSWERS["P.1.ii.a"]
    assert parsed.answers["P.1.ii.c"] == ANSWERS["P.1.ii.c"]
    assert parsed.links["P.1.i.b"] == [
        "https://drive.google.com/file/d/abc/view",
        "https://drive.google.com/file/d/def/view",
    ]
    assert reconcile(SPEC, parsed, result).differences == ()


def test_the_template_slips_are_named_and_account_for_the_difference(
    recalculated: dict[str, bytes],
) -> None:
    parsed = import_workbook(recalculated["slips"], SPEC)
    assert parsed.ok, parsed.errors
    kinds = {(s.kind, s.code) for s in parsed.slips}
    assert kinds == {("typed_subtotal", "R.5.iii.b"), ("answer_type", "P.1.iii.a")}
    result = score(SPEC, parsed.answers, parsed.hasil)
    rec = reconcile(SPEC, parsed, result)
    causes = {d.code: d.cause for d in rec.differences}
    assert causes == {"P.1.iii": "answer_type", "R.5.iii": "typed_subtotal"}
    total = next(t for t in rec.totals if t.key == "total")
    assert total.differs
    explained = sum((d.saved - d.sizi for d in rec.differences), D(0))
    assert abs((total.saved or D(0)) - total.sizi - explained) <= D("0.01")


def test_the_lhkpn_roll_up_slip_is_recognised(recalculated: dict[str, bytes]) -> None:
    parsed = import_workbook(recalculated["lhkpn"], SPEC)
    assert parsed.ok and parsed.slips == []
    result = score(SPEC, parsed.answers, parsed.hasil)
    rec = reconcile(SPEC, parsed, result)
    [r5] = rec.differences
    lhkpn = result.questions["R.5.iii.a"].value or D(0)
    lhkasn = result.questions["R.5.iii.b"].value or D(0)
    assert (r5.code, r5.cause) == ("R.5.iii", "lhkpn")
    assert abs(r5.saved - 2 * lhkpn) <= D("0.000001")
    assert abs(r5.sizi - (lhkpn + lhkasn)) <= D("0.000001")
    assert "LHKASN" in r5.message


def test_an_unknown_row_is_a_warning_with_its_cell(
    recalculated: dict[str, bytes],
) -> None:
    parsed = import_workbook(recalculated["unknown"], SPEC)
    assert parsed.ok
    assert parsed.missing == ["P.6.ii.a"]
    [warning] = parsed.warnings
    assert warning.cell.startswith("F") and "tidak dikenal" in warning.message


def test_multi_layer_file_reads_each_column_into_its_layer(
    recalculated: dict[str, bytes],
) -> None:
    data = recalculated["multi"]
    unit = import_workbook(data, SPEC, layer="self")
    tpi = import_workbook(data, SPEC, layer="internal")
    assert unit.ok and tpi.ok
    assert [(c.label, c.layer, c.chosen) for c in tpi.columns] == [
        ("Jawaban Unit", "self", False),
        ("Jawaban TPI", "internal", True),
    ]
    assert unit.answers == ANSWERS
    assert tpi.answers == TPI
    assert tpi.notes == {"P.1.i.b": "Tim belum SK"}
    merged = score(SPEC, {**ANSWERS, **TPI}, {**books.HASIL, **TPI_HASIL})
    assert abs(tpi.saved["total"] - merged.total) <= D("0.01")
    national = import_workbook(data, SPEC, layer="national")
    assert not national.ok and "Jawaban TPI" in national.errors[0].message


def test_a_damaged_workbook_is_an_error_with_its_cell() -> None:
    data = books.changed(books.one_layer(SPEC, ANSWERS), books.damaged, SPEC)
    parsed = import_workbook(data, SPEC)
    assert not parsed.ok
    assert parsed.errors[0].code == "R.4.i.-"
    assert parsed.errors[0].cell.startswith("L")


def test_libreoffice_recalculates_the_official_export(tmp_path: Path) -> None:
    sparse = {k: v for i, (k, v) in enumerate(ANSWERS.items()) if i % 4}
    files = {
        "one": books.one_layer(SPEC, sparse),
        "multi": _multi(),
    }
    out = recalc(tmp_path, files)
    ws = load_workbook(out["one"], data_only=True).worksheets[0]
    row = books.find_row(ws, "NILAI EVALUASI")
    expected = score(SPEC, sparse, books.HASIL).total
    assert ws[f"M{row}"].value == pytest.approx(float(expected), abs=1e-9)
    ws = load_workbook(out["multi"], data_only=True)["Jawaban"]
    row = books.find_row(ws, "NILAI EVALUASI")
    merged = score(SPEC, {**ANSWERS, **TPI}, {**books.HASIL, **TPI_HASIL})
    assert ws[f"S{row}"].value == pytest.approx(float(merged.total), abs=1e-9)


@pytest.mark.parametrize(
    ("label", "layer"),
    [
        ("Jawaban Unit", "self"),
        ("Jawaban TPI", "internal"),
        ("Jawaban TPI Kementerian", "internal"),
        ("Jawaban TPN", "national"),
        ("Jawaban Penilaian Pendahuluan", "preliminary"),
        ("Jawaban", None),
    ],
)
def test_answer_columns_name_their_layer(label: str, layer: str | None) -> None:
    assert layer_of_label(label) == layer


def _without_answer_types(ws: object, _spec: object) -> None:
    ws.delete_cols(11)  # type: ignore[attr-defined]  # Pilihan Jawaban (K)


def test_a_file_without_the_pilihan_jawaban_column_still_reads() -> None:
    base = books.one_layer(SPEC, ANSWERS)
    parsed = import_workbook(books.changed(base, _without_answer_types, SPEC), SPEC)
    assert parsed.ok, parsed.errors
    assert parsed.answers == ANSWERS
    assert parsed.missing == []


def test_a_single_column_named_for_another_layer_is_read_with_a_warning() -> None:
    data = export_official(
        SPEC, [LayerBook("internal", ANSWERS)], multi=True, year=2025
    )
    parsed = import_workbook(data, SPEC, layer="self")
    assert parsed.ok and parsed.answers == ANSWERS
    [warning] = parsed.warnings
    assert "'Jawaban TPI', dibaca ke lapisan 'self'" in warning.message
