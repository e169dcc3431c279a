"""Write the "LKE ZI" workbook with live formulas."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sizi.core.spreadsheets import set_text
from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.instrument.display import answer_text
from sizi.lke.scoring import AnswerInput, HasilInputs, rule_notes
from sizi.lke.scoring.results import to_decimal
from sizi.lke.workbook.layout import (
    BLANK,
    BOLD,
    COL,
    COLUMNS,
    FILL_AREA,
    FILL_INPUT,
    FILL_PART,
    HEADER_ROW,
    INPUT_TYPE,
    INVALID,
    ROMAN,
    SHEET,
    EvidenceRef,
    fmt_decimal,
)

# --------------------------------------------------------------------------- export


def _choice_formula(cell: str, options: Sequence[Any]) -> str:
    expr = f'"{INVALID}"'
    for option in reversed(options):
        expr = f'IF(UPPER(TRIM({cell}))="{option.letter.upper()}",{fmt_decimal(option.value)},{expr})'
    return f'=IF(TRIM({cell})="","{BLANK}",{expr})'


def _percent_formula(q: QuestionSpec, rows: Mapping[str, int]) -> str:
    f = q.formula
    assert f is not None  # noqa: S101
    k = COL["answer"]
    refs = [f"{k}{rows[r]}" for r in f.referenced_inputs]
    n = len(refs)
    guard = f'IF(COUNT({",".join(refs)})<{n},"{BLANK}",IF(MIN({",".join(refs)})<0,"{INVALID}",'
    if f.kind == "ratio":
        num = "+".join(f"{k}{rows[r]}" for r in f.numerator)
        den = "+".join(f"{k}{rows[r]}" for r in f.denominator)
        body = f"IF(({den})=0,{fmt_decimal(f.zero_denominator)},MIN({fmt_decimal(f.cap)},({num})/({den})))"
    else:
        prev, cur = f"{k}{rows[f.previous or '']}", f"{k}{rows[f.current or '']}"
        body = (
            f"IF({prev}=0,IF({cur}=0,{fmt_decimal(f.both_zero)},{fmt_decimal(f.previous_zero)}),"
            f"MAX(0,MIN({fmt_decimal(f.cap)},({prev}-{cur})/{prev})))"
        )
    return f"={guard}{body}))"


def _sub_area_formula(
    rows: Sequence[tuple[int, Decimal]], weight_cell: str, exclude: bool
) -> str:
    lcol = COL["value"]
    num = "+".join(f"{fmt_decimal(w)}*N({lcol}{r})" for r, w in rows)
    if exclude:
        den = "+".join(f"ISNUMBER({lcol}{r})*{fmt_decimal(w)}" for r, w in rows)
        return f"=IF(({den})=0,0,({num})/({den}))*{weight_cell}"
    den = fmt_decimal(sum((w for _r, w in rows), Decimal(0)))
    return f"=({num})/{den}*{weight_cell}"


def _options_text(options: Sequence[Any], answer_type: str) -> str:
    if answer_type == "yn" or {o.letter for o in options} == {"ya", "tidak"}:
        return "Ya/Tidak"
    return "\n".join(f"{o.letter}. {o.text}" for o in options)


class _Writer:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = HEADER_ROW
        self.lists: dict[str, DataValidation] = {}

    def choices(self, cell: str, letters: Sequence[str]) -> None:
        """Offer the option letters as a drop-down list in the answer cell."""
        shown = ",".join(answer_text(x) or "" for x in letters)
        if shown not in self.lists:
            dv = DataValidation(
                type="list",
                formula1=f'"{shown}"',
                allow_blank=True,
                errorStyle="warning",
                error=f"Pilih salah satu: {shown}",
            )
            self.ws.add_data_validation(dv)
            self.lists[shown] = dv
        self.lists[shown].add(cell)

    def put(self, **cells: Any) -> int:
        self.row += 1
        for key, value in cells.items():
            if value is not None and value != "":
                # Cells of a row hold texts and numbers, never formulas; the
                # sheet's formulas are written directly (see `totals`).
                set_text(self.ws[f"{COL[key]}{self.row}"], value)
        return self.row

    def style(
        self, row: int, fill: PatternFill | None = None, bold: bool = False
    ) -> None:
        for key, _label, _w in COLUMNS:
            cell = self.ws[f"{COL[key]}{row}"]
            if fill is not None:
                cell.fill = fill
            if bold:
                cell.font = BOLD
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def export_workbook(
    spec: InstrumentSpec,
    answers: Mapping[str, AnswerInput],
    hasil: HasilInputs | None = None,
    *,
    notes: Mapping[str, str] | None = None,
    evidence: Mapping[str, Sequence[EvidenceRef]] | None = None,
    unit_name: str = "",
    year: int | None = None,
    layer_label: str = "",
) -> bytes:
    """Write the "LKE ZI" sheet with answers, notes, evidence and live formulas; return the .xlsx bytes."""
    notes = notes or {}
    evidence = evidence or {}
    hasil = hasil or {}
    exclude = spec.rules.unanswered == "exclude"
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101
    ws.title = SHEET
    ws["A1"] = "LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = spec.citation
    ws["A3"] = f"Unit kerja: {unit_name}" if unit_name else "Unit kerja:"
    ws["F3"] = f"Tahun: {year}" if year else "Tahun:"
    ws["G3"] = f"Lapis penilaian: {layer_label}" if layer_label else ""
    ws["A4"] = f"Instrumen: {spec.code} versi {spec.version}"
    for i, (_key, label, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=label)
        cell.font = BOLD
        cell.fill = FILL_PART
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    w = _Writer(ws)
    L, H, M = COL["value"], COL["weight"], COL["percent"]

    def totals(row: int, formula: str) -> None:
        ws[f"{L}{row}"] = formula
        ws[f"{M}{row}"] = f"=IF({H}{row}=0,0,{L}{row}/{H}{row})"
        ws[f"{M}{row}"].number_format = "0.00%"
        ws[f"{L}{row}"].number_format = "0.00"

    pengungkit = spec.component("pengungkit")
    comp_row = w.put(
        component="A", text="PENGUNGKIT", weight=float(spec.pengungkit_weight)
    )
    w.style(comp_row, FILL_PART, bold=True)
    part_rows: list[int] = []
    parts = (
        pengungkit.parts
        if pengungkit and pengungkit.parts
        else (("pemenuhan", "Pemenuhan", None), ("reform", "Reform", None))
    )
    for p_index, (part_code, part_name, _pw) in enumerate(parts):
        part_weight = sum(
            (ap.weight for a in spec.areas for ap in a.parts if ap.code == part_code),
            Decimal(0),
        )
        part_row = w.put(
            part=ROMAN[p_index],
            text=(part_name or part_code).upper(),
            weight=float(part_weight),
        )
        w.style(part_row, FILL_PART, bold=True)
        part_rows.append(part_row)
        area_rows: list[int] = []
        for area in spec.areas:
            part = area.part(part_code)
            if part is None:
                continue
            area_row = w.put(
                area=area.number,
                text=area.name.upper(),
                weight=float(part.weight),
                code=area.code,
            )
            w.style(area_row, FILL_AREA, bold=True)
            area_rows.append(area_row)
            sub_rows: list[int] = []
            for sub in part.sub_areas:
                sub_row = w.put(
                    sub=sub.numeral,
                    text=sub.name,
                    weight=float(sub.weight),
                    code=sub.code,
                )
                w.style(sub_row, bold=True)
                sub_rows.append(sub_row)
                q_rows: list[tuple[int, Decimal]] = []
                weighted = len({q.weight for q in sub.questions}) > 1 or any(
                    q.group for q in sub.questions
                )
                for q in sub.questions:
                    q_rows.append(
                        (
                            _write_question(
                                w,
                                spec,
                                q,
                                answers.get(q.code),
                                notes,
                                evidence,
                                weighted,
                            ),
                            q.weight,
                        )
                    )
                totals(sub_row, _sub_area_formula(q_rows, f"{H}{sub_row}", exclude))
            totals(area_row, "=" + "+".join(f"{L}{r}" for r in sub_rows))
        totals(
            part_row,
            "=" + "+".join(f"{L}{r}" for r in area_rows) if area_rows else "=0",
        )
    totals(comp_row, "=" + "+".join(f"{L}{r}" for r in part_rows))

    hasil_row = w.put(component="B", text="HASIL", weight=float(spec.hasil_weight))
    w.style(hasil_row, FILL_PART, bold=True)
    group_rows: list[int] = []
    for g_index, group in enumerate(spec.hasil_groups):
        group_row = w.put(
            part=ROMAN[g_index],
            text=group.name.upper(),
            weight=float(group.weight),
            code=group.code,
        )
        w.style(group_row, FILL_AREA, bold=True)
        group_rows.append(group_row)
        item_rows = [
            _write_hasil(
                w,
                spec.answer_types[item.answer_type].label,
                item,
                hasil.get(item.key),
                notes,
                evidence,
            )
            for item in group.items
        ]
        totals(group_row, "=" + "+".join(f"{L}{r}" for r in item_rows))
    totals(
        hasil_row, "=" + "+".join(f"{L}{r}" for r in group_rows) if group_rows else "=0"
    )

    w.row += 1
    r1 = w.put(text="TOTAL PENGUNGKIT", weight=float(spec.pengungkit_weight))
    totals(r1, f"={L}{comp_row}")
    r2 = w.put(text="TOTAL HASIL", weight=float(spec.hasil_weight))
    totals(r2, f"={L}{hasil_row}")
    r3 = w.put(
        text="NILAI EVALUASI ZONA INTEGRITAS",
        weight=float(spec.pengungkit_weight + spec.hasil_weight),
    )
    totals(r3, f"={L}{r1}+{L}{r2}")
    for r in (r1, r2, r3):
        w.style(r, FILL_PART, bold=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _write_notes_sheet(wb, spec)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_question(
    w: _Writer,
    spec: InstrumentSpec,
    q: QuestionSpec,
    answer: AnswerInput | None,
    notes: Mapping[str, str],
    evidence: Mapping[str, Sequence[EvidenceRef]],
    weighted: bool,
) -> int:
    letter = q.code.rsplit(".", 1)[-1]
    atype = spec.answer_types[q.answer_type]
    refs = evidence.get(q.code, ())
    row = w.put(
        item=letter,
        text=f"{q.group}: {q.text}" if q.group else q.text,
        criteria=q.criteria,
        weight=float(q.weight) if weighted else None,
        options=_options_text(q.options, q.answer_type) if q.options else None,
        type=atype.label,
        code=q.code,
        note=notes.get(q.code),
        evidence="\n".join(r.title for r in refs),
        link="\n".join(r.url for r in refs if r.url),
    )
    w.style(row)
    ws, K, L = w.ws, COL["answer"], COL["value"]
    links = [r.url for r in refs if r.url]
    if len(links) == 1:
        ws[f"{COL['link']}{row}"].hyperlink = links[0]
    if q.formula is None:
        value = answer.value if answer else None
        option = q.option(str(value).strip().lower()) if value else None
        ws[f"{K}{row}"] = (
            answer_text(option.letter) if option else (str(value) if value else None)
        )
        ws[f"{L}{row}"] = _choice_formula(f"{K}{row}", q.options)
        w.choices(f"{K}{row}", [o.letter for o in q.options])
        return row
    input_rows: dict[str, int] = {}
    for spec_input in q.inputs:
        raw = answer.inputs.get(spec_input.code) if answer else None
        r = w.put(
            text=spec_input.label,
            type=INPUT_TYPE,
            answer=float(raw) if isinstance(raw, Decimal) else raw,
            code=f"{q.code}:{spec_input.code}",
        )
        w.style(r, FILL_INPUT)
        input_rows[spec_input.code] = r
    ws[f"{K}{row}"] = _percent_formula(q, input_rows)
    ws[f"{K}{row}"].number_format = "0.00%"
    ws[f"{L}{row}"] = f'=IF(ISNUMBER({K}{row}),{K}{row},"{BLANK}")'
    return row


def _write_hasil(
    w: _Writer,
    type_label: str,
    item: HasilItemSpec,
    raw: Any,
    notes: Mapping[str, str],
    evidence: Mapping[str, Sequence[EvidenceRef]],
) -> int:
    refs = evidence.get(item.code, ())
    K, L, H, M = COL["answer"], COL["value"], COL["weight"], COL["percent"]
    if item.options:
        option = next(
            (o for o in item.options if raw and o.letter == str(raw).strip().lower()),
            None,
        )
        answer: Any = (
            answer_text(option.letter) if option else (str(raw) if raw else None)
        )
    else:
        d = to_decimal(raw)
        answer = (
            float(d) if d is not None else (str(raw) if raw not in (None, "") else None)
        )
    row = w.put(
        item=item.code.rsplit(".", 1)[-1],
        text=item.text,
        criteria=item.criteria,
        weight=float(item.weight),
        options=_options_text(item.options, item.answer_type) if item.options else None,
        type=type_label,
        answer=answer,
        code=item.code,
        note=notes.get(item.code),
        evidence="\n".join(r.title for r in refs),
        link="\n".join(r.url for r in refs if r.url),
    )
    w.style(row)
    ws = w.ws
    if item.options:
        ws[f"{L}{row}"] = (
            f"=N({_choice_formula(f'{K}{row}', item.options)[1:]})*{H}{row}"
        )
        w.choices(f"{K}{row}", [o.letter for o in item.options])
    else:
        scale = fmt_decimal(item.scale_max or Decimal(1))
        ws[f"{L}{row}"] = (
            f"=IF(AND(ISNUMBER({K}{row}),N({K}{row})>=0,N({K}{row})<={scale}),{K}{row}/{scale}*{H}{row},0)"
        )
    ws[f"{M}{row}"] = f"=IF({H}{row}=0,0,{L}{row}/{H}{row})"
    ws[f"{M}{row}"].number_format = "0.00%"
    return row


def _write_notes_sheet(wb: Workbook, spec: InstrumentSpec) -> None:
    ws = wb.create_sheet("Keterangan")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110
    rows = [
        ("Instrumen", f"{spec.name} ({spec.code}, versi {spec.version})"),
        ("Dasar hukum", spec.citation),
        ("Berlaku sejak", date_format(spec.effective_date, "j F Y")),
        ("Catatan instrumen", spec.notes),
    ] + [(n.title, n.text) for n in rule_notes(spec)]
    for i, (label, text) in enumerate(rows, start=1):
        ws.cell(row=i, column=1, value=label).font = BOLD
        ws.cell(row=i, column=2, value=text).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
