"""Make workbooks in the official Lampiran III layouts, as units and evaluators fill them.

Each starts from `export_official` and is then changed with openpyxl the way
real files differ: letters out of order and codes without dots, extra sheets
before the LKE sheet, the template's slips (the LHKPN roll-up, a typed
denominator total, a wrong answer-type label), unknown rows, links in the
unlabelled evidence columns, damaged cells.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from decimal import Decimal as D

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sizi.lke.instrument import InstrumentSpec
from sizi.lke.scoring import AnswerInput
from sizi.lke.workbook import LayerBook, export_official
from sizi.lke.workbook.official import COL_TYPE, HIERARCHY_COLUMNS
from sizi.lke.workbook.official_writing import DERIVED_DENOMINATOR
from sizi.lke.workbook.writing import _choice_formula

HASIL: dict[str, D | str | None] = {
    "ipak": D("3.55"),
    "ipkp": D("3.4"),
    "capaian_kinerja": "b",
}
# One-layer columns: L Jawaban, M Nilai, N %, O Catatan, P bukti, Q link.
ANSWER, VALUE, EVIDENCE, LINK = "L", "M", "P", "Q"


def full_answers(spec: InstrumentSpec, seed: int) -> dict[str, AnswerInput]:
    rnd = random.Random(seed)
    answers: dict[str, AnswerInput] = {}
    for q in spec.questions:
        if q.formula is not None:
            answers[q.code] = AnswerInput(
                inputs={i.code: D(rnd.randint(1, 9)) for i in q.inputs}
            )
        else:
            answers[q.code] = AnswerInput(rnd.choice(q.options).letter)
    return answers


def find_row(ws: Worksheet, text: str, start: int = 1) -> int:
    """Return the first row at or after `start` whose staircase text starts with `text`."""
    for row in ws.iter_rows(min_row=start, max_col=HIERARCHY_COLUMNS):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(text):
                return int(cell.row)
    raise LookupError(text)


def code_cell(ws: Worksheet, row: int) -> str:
    for cell in ws[row][:HIERARCHY_COLUMNS]:
        if cell.value not in (None, ""):
            return str(cell.coordinate)
    raise LookupError(row)


def changed(
    data: bytes,
    change: Callable[[Worksheet, InstrumentSpec], None],
    spec: InstrumentSpec,
) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    name = next((n for n in ("LKE ZI", "Jawaban") if n in wb.sheetnames), None)
    change(wb[name] if name else wb.worksheets[0], spec)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def as_filled(ws: Worksheet, spec: InstrumentSpec) -> None:
    """Letters out of order, codes without dots, extra sheets, links."""
    wb = ws.parent
    q = spec.question("P.1.ii.a")
    first = find_row(ws, q.text)
    third = find_row(ws, spec.question("P.1.ii.c").text)
    ws[code_cell(ws, first)], ws[code_cell(ws, third)] = "c", "a."
    area = find_row(ws, "MANAJEMEN PERUBAHAN")
    ws[code_cell(ws, area)] = "1"
    row = find_row(ws, spec.question("P.1.i.a").text)
    ws[f"{EVIDENCE}{row}"] = "SK Tim Kerja ZI"
    ws[f"{LINK}{row}"] = "https://drive.google.com/file/d/abc/view"
    row = find_row(ws, spec.question("P.1.i.b").text)
    ws[f"{LINK}{row}"] = (
        "https://drive.google.com/file/d/abc/view\nhttps://drive.google.com/file/d/def/view"
    )
    summary = wb.create_sheet("Utama", 0)
    summary["A1"] = "REKAPITULASI"
    summary["B3"] = "Jawaban"
    notes = wb.create_sheet("Ctt Eval")
    notes["A1"] = "NILAI EVALUASI REFORMASI BIROKRASI"


def with_lhkpn_slip(ws: Worksheet, spec: InstrumentSpec) -> None:
    """The template's roll-up: AVERAGE(weighted LHKPN sub-total, LHKPN %) × bobot."""
    sub = find_row(ws, "Penyampaian Laporan Harta Kekayaan")
    group = find_row(ws, "Penyampaian LHKPN", sub)
    pct = find_row(ws, spec.question("R.5.iii.a").text, group)
    ws[f"{VALUE}{group}"] = f"=N({VALUE}{pct})*I{group}"
    ws[f"{VALUE}{sub}"] = f"=AVERAGE({VALUE}{group}:{VALUE}{pct})*I{sub}"


def with_slips(ws: Worksheet, spec: InstrumentSpec) -> None:
    """A typed LHKASN total that disagrees with its breakdown, a wrong answer-type label."""
    lhkasn = find_row(ws, spec.question("R.5.iii.b").text)
    total = find_row(ws, DERIVED_DENOMINATOR, lhkasn)
    ws[f"{ANSWER}{total}"] = 100
    row = find_row(ws, spec.question("P.1.iii.a").text)
    ws.cell(row, COL_TYPE, "A/B/C")
    ws[f"{ANSWER}{row}"] = "B"
    abc = spec.question("P.1.i.b").options
    ws[f"{VALUE}{row}"] = _choice_formula(f"{ANSWER}{row}", abc)


def with_unknown_row(ws: Worksheet, spec: InstrumentSpec) -> None:
    row = find_row(ws, spec.question("P.6.ii.a").text)
    ws.cell(row, 6, "Pertanyaan tambahan yang tidak ada di instrumen")


def damaged(ws: Worksheet, spec: InstrumentSpec) -> None:
    q = spec.question("R.4.i.-")
    row = find_row(ws, q.inputs[0].label, find_row(ws, q.text))
    ws[f"{ANSWER}{row}"] = "banyak"


def one_layer(
    spec: InstrumentSpec, answers: dict[str, AnswerInput], **kw: object
) -> bytes:
    return export_official(
        spec,
        [LayerBook("self", answers, dict(HASIL))],
        unit_name=str(kw.get("unit_name", "KPU Kabupaten Tanjung Jabung Barat")),
        year=int(str(kw.get("year", 2025))),
    )
