"""Write the official Lampiran III layout (one layer or several) with live formulas.

Every Nilai cell is a formula, so LibreOffice or Excel recompute SIZI's totals.
Where the template slips, SIZI writes the rule of `docs/lke-scoring.md` §3
instead: unanswered questions count 0 (N() over "Blm Diisi"), a sub-area with
weighted sub-groups (LHKPN/LHKASN) is their weighted sum, and a percentage's
denominator is the sum of its breakdown rows. In a multi-layer file each
layer's Nilai falls back to the layer below when its own answer is blank, as
SIZI's layers do.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet

from sizi.core.spreadsheets import set_text
from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.instrument.display import answer_text
from sizi.lke.scoring import AnswerInput, HasilInputs
from sizi.lke.scoring.results import to_decimal
from sizi.lke.workbook.layout import (
    BLANK,
    BOLD,
    FILL_AREA,
    FILL_INPUT,
    FILL_PART,
    INPUT_TYPE,
    INVALID,
    EvidenceRef,
    fmt_decimal,
)
from sizi.lke.workbook.official import (
    COL_CRITERIA,
    COL_TYPE,
    COL_WEIGHT,
    FINAL_TOTAL,
    FIRST_GROUP,
    GROUP_WIDTH,
    HEADER_ROW,
    HIERARCHY_COLUMNS,
    LAYER_LABELS,
    MULTI_LAYER_SHEET,
    ONE_LAYER_SHEET,
    TITLE,
)
from sizi.lke.workbook.writing import _choice_formula, _options_text

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
LOWER_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
DERIVED_DENOMINATOR = "Jumlah yang harus melaporkan/ditindaklanjuti (total)"


@dataclass(frozen=True)
class LayerBook:
    """One layer's own answers, Hasil inputs, notes and evidence."""

    layer: str
    answers: Mapping[str, AnswerInput]
    hasil: HasilInputs = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    evidence: Mapping[str, Sequence[EvidenceRef]] = field(default_factory=dict)


def _col(index: int) -> str:
    return str(get_column_letter(index))


class _Group:
    """The columns of one layer: Jawaban, Nilai, %, Catatan, bukti, link."""

    def __init__(self, index: int, book: LayerBook, below: _Group | None) -> None:
        start = FIRST_GROUP + index * GROUP_WIDTH
        self.book = book
        self.below = below
        self.answer, self.value, self.percent = (_col(start + i) for i in range(3))
        self.note, self.evidence, self.link = (_col(start + i) for i in range(3, 6))


class _OfficialWriter:
    def __init__(
        self, ws: Worksheet, spec: InstrumentSpec, groups: list[_Group]
    ) -> None:
        self.ws, self.spec, self.groups = ws, spec, groups
        self.row = HEADER_ROW
        self.weight = _col(COL_WEIGHT)
        self.exclude = spec.rules.unanswered == "exclude"

    def line(
        self, depth: int, code: str, text: str, *, weight: Decimal | None = None
    ) -> int:
        """Write one staircase row: code at column depth+1, text in the next."""
        self.row += 1
        ws = self.ws
        if code:
            ws.cell(self.row, depth + 1, code)
        set_text(ws.cell(self.row, depth + 2, text), text)
        if weight is not None:
            ws.cell(self.row, COL_WEIGHT, float(weight))
        return self.row

    def style(self, row: int, fill: Any = None, bold: bool = False) -> None:
        last = FIRST_GROUP + GROUP_WIDTH * len(self.groups)
        for col in range(1, last):
            cell = self.ws.cell(row, col)
            if fill is not None:
                cell.fill = fill
            if bold:
                cell.font = BOLD
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def totals(self, row: int, parts: Sequence[int] | str) -> None:
        """Nilai of a roll-up row in every layer: a sum of rows, or a formula body."""
        for g in self.groups:
            if isinstance(parts, str):
                formula = "=" + parts.replace("{v}", g.value)
            else:
                formula = "=" + ("+".join(f"{g.value}{r}" for r in parts) or "0")
            self.ws[f"{g.value}{row}"] = formula
            self.ws[f"{g.value}{row}"].number_format = "0.00"
            self.ws[f"{g.percent}{row}"] = (
                f"=IF({self.weight}{row}=0,0,{g.value}{row}/{self.weight}{row})"
            )
            self.ws[f"{g.percent}{row}"].number_format = "0.00%"

    def notes(self, row: int, code: str) -> None:
        for g in self.groups:
            refs = g.book.evidence.get(code, ())
            note = g.book.notes.get(code)
            if note:
                set_text(self.ws[f"{g.note}{row}"], note)
            if refs:
                set_text(
                    self.ws[f"{g.evidence}{row}"], "\n".join(r.title for r in refs)
                )
                links = [r.url for r in refs if r.url]
                if links:
                    set_text(self.ws[f"{g.link}{row}"], "\n".join(links))
                if len(links) == 1:
                    self.ws[f"{g.link}{row}"].hyperlink = links[0]

    # -- the Pengungkit staircase
    def pengungkit(self) -> int:
        spec = self.spec
        comp = self.line(0, "A.", "PENGUNGKIT", weight=spec.pengungkit_weight)
        self.style(comp, FILL_PART, bold=True)
        component = spec.component("pengungkit")
        parts = (
            component.parts
            if component and component.parts
            else (("pemenuhan", "Pemenuhan", None), ("reform", "Reform", None))
        )
        part_rows = []
        for index, (part_code, part_name, _w) in enumerate(parts):
            weight = sum(
                (
                    ap.weight
                    for a in spec.areas
                    for ap in a.parts
                    if ap.code == part_code
                ),
                Decimal(0),
            )
            row = self.line(
                1, f"{ROMAN[index]}.", (part_name or part_code).upper(), weight=weight
            )
            self.style(row, FILL_PART, bold=True)
            part_rows.append(row)
            self.totals(row, self.part(part_code))
        self.totals(comp, part_rows)
        return comp

    def part(self, part_code: str) -> list[int]:
        area_rows = []
        for area in self.spec.areas:
            part = area.part(part_code)
            if part is None:
                continue
            row = self.line(2, f"{area.number}.", area.name.upper(), weight=part.weight)
            self.style(row, FILL_AREA, bold=True)
            area_rows.append(row)
            sub_rows = []
            for sub in part.sub_areas:
                sub_row = self.line(3, f"{sub.numeral}.", sub.name, weight=sub.weight)
                self.style(sub_row, bold=True)
                sub_rows.append(sub_row)
                scored = self.questions(sub.questions)
                self.totals(sub_row, self.sub_area_body(scored, sub_row))
            self.totals(row, sub_rows)
        return area_rows

    def sub_area_body(self, scored: Sequence[tuple[int, Decimal]], row: int) -> str:
        num = "+".join(f"{fmt_decimal(w)}*N({{v}}{r})" for r, w in scored)
        weight = f"{self.weight}{row}"
        if self.exclude:
            den = "+".join(f"ISNUMBER({{v}}{r})*{fmt_decimal(w)}" for r, w in scored)
            return f"IF(({den})=0,0,({num})/({den}))*{weight}"
        total = fmt_decimal(sum((w for _r, w in scored), Decimal(0)))
        return f"({num})/{total}*{weight}"

    def questions(self, questions: Sequence[QuestionSpec]) -> list[tuple[int, Decimal]]:
        scored: list[tuple[int, Decimal]] = []
        groups = {q.group for q in questions if q.group}
        group_letter = 0
        current_group = ""
        for q in questions:
            depth = 4
            if q.group and q.group in groups:
                if q.group != current_group:
                    current_group = q.group
                    letter = "abcdefgh"[group_letter]
                    group_letter += 1
                    text = q.group.split(" ", 1)[-1] if q.group[1:2] == "." else q.group
                    group_row = self.line(4, f"{letter}.", text, weight=q.weight)
                    self.style(group_row, bold=True)
                depth = 5
            scored.append((self.question(q, depth), q.weight))
        return scored

    def question(self, q: QuestionSpec, depth: int) -> int:
        letter = q.code.rsplit(".", 1)[-1]
        code = "-" if letter == "-" or depth == 5 else f"{letter}."
        atype = self.spec.answer_types[q.answer_type]
        row = self.line(depth, code, q.text)
        ws = self.ws
        set_text(ws.cell(row, COL_CRITERIA), q.criteria or "")
        ws.cell(row, COL_TYPE, atype.label)
        if q.options:
            options = _options_text(q.options, q.answer_type)
            set_text(ws.cell(row, COL_CRITERIA), f"{q.criteria}\n{options}".strip())
        self.style(row)
        self.notes(row, q.code)
        if q.formula is None:
            for g in self.groups:
                self.choice(g, q, row)
            return row
        self.percent(q, row, depth)
        return row

    def choice(self, g: _Group, q: QuestionSpec, row: int) -> None:
        answer = g.book.answers.get(q.code)
        value = answer.value if answer else None
        option = q.option(str(value).strip().lower()) if value else None
        if value:
            set_text(
                self.ws[f"{g.answer}{row}"],
                answer_text(option.letter) if option else str(value),
            )
        conv = _choice_formula(f"{g.answer}{row}", q.options)[1:]
        if g.below is not None:
            conv = f'IF(TRIM({g.answer}{row})="",{g.below.value}{row},{conv})'
        self.ws[f"{g.value}{row}"] = f"={conv}"

    def percent(self, q: QuestionSpec, row: int, depth: int) -> None:
        f = q.formula
        assert f is not None  # noqa: S101
        input_rows: dict[str, int] = {}
        for spec_input in q.inputs:
            r = self.line(depth + 1, "-", spec_input.label)
            self.ws.cell(r, COL_TYPE, INPUT_TYPE)
            for g in self.groups:
                answer = g.book.answers.get(q.code)
                raw = answer.inputs.get(spec_input.code) if answer else None
                if raw is not None:
                    self.ws[f"{g.answer}{r}"] = float(raw)
            self.style(r, FILL_INPUT)
            input_rows[spec_input.code] = r
        derived = None
        if f.kind == "ratio" and len(f.denominator) > 1:
            derived = self.line(depth + 1, "-", DERIVED_DENOMINATOR)
            self.ws.cell(derived, COL_TYPE, INPUT_TYPE)
            for g in self.groups:
                cells = ",".join(f"{g.answer}{input_rows[c]}" for c in f.denominator)
                self.ws[f"{g.answer}{derived}"] = f"=SUM({cells})"
            self.style(derived, FILL_INPUT)
        for g in self.groups:
            k = g.answer
            refs = [f"{k}{input_rows[c]}" for c in f.referenced_inputs]
            listed = ",".join(refs)
            guard = (
                f'IF(COUNT({listed})<{len(refs)},"{BLANK}",'
                f'IF(MIN({listed})<0,"{INVALID}",'
            )
            if f.kind == "ratio":
                num = "+".join(f"{k}{input_rows[c]}" for c in f.numerator)
                den = (
                    f"{k}{derived}"
                    if derived
                    else "+".join(f"{k}{input_rows[c]}" for c in f.denominator)
                )
                body = (
                    f"IF(({den})=0,{fmt_decimal(f.zero_denominator)},"
                    f"MIN({fmt_decimal(f.cap)},({num})/({den})))"
                )
            else:
                prev = f"{k}{input_rows[f.previous or '']}"
                cur = f"{k}{input_rows[f.current or '']}"
                body = (
                    f"IF({prev}=0,IF({cur}=0,{fmt_decimal(f.both_zero)},"
                    f"{fmt_decimal(f.previous_zero)}),"
                    f"MAX(0,MIN({fmt_decimal(f.cap)},({prev}-{cur})/{prev})))"
                )
            self.ws[f"{k}{row}"] = f"={guard}{body}))"
            self.ws[f"{k}{row}"].number_format = "0.00%"
            all_inputs = ",".join(f"{k}{r}" for r in input_rows.values())
            own = f'IF(ISNUMBER({k}{row}),{k}{row},"{BLANK}")'
            if g.below is not None:
                own = f"IF(COUNT({all_inputs})=0,{g.below.value}{row},{own})"
            self.ws[f"{g.value}{row}"] = f"={own}"

    # -- the Hasil block
    def hasil(self) -> int:
        spec = self.spec
        comp = self.line(0, "B.", "HASIL", weight=spec.hasil_weight)
        self.style(comp, FILL_PART, bold=True)
        group_rows = []
        for index, group in enumerate(spec.hasil_groups):
            row = self.line(
                1, f"{ROMAN[index]}.", group.name.upper(), weight=group.weight
            )
            self.style(row, FILL_AREA, bold=True)
            group_rows.append(row)
            item_rows = [
                self.hasil_item(item, "abcdefgh"[i])
                for i, item in enumerate(group.items)
            ]
            self.totals(row, item_rows)
        self.totals(comp, group_rows)
        return comp

    def hasil_item(self, item: HasilItemSpec, letter: str) -> int:
        row = self.line(2, f"{letter}.", item.text, weight=item.weight)
        ws = self.ws
        set_text(ws.cell(row, COL_CRITERIA), item.criteria or "")
        ws.cell(row, COL_TYPE, self.spec.answer_types[item.answer_type].label)
        self.style(row)
        self.notes(row, item.code)
        for g in self.groups:
            k = f"{g.answer}{row}"
            raw = g.book.hasil.get(item.key)
            if item.options:
                if raw:
                    option = next(
                        (
                            o
                            for o in item.options
                            if o.letter == str(raw).strip().lower()
                        ),
                        None,
                    )
                    set_text(ws[k], answer_text(option.letter) if option else str(raw))
                body = f"N({_choice_formula(k, item.options)[1:]})*{self.weight}{row}"
            else:
                number = to_decimal(raw)
                if number is not None:
                    ws[k] = float(number)
                scale = fmt_decimal(item.scale_max or Decimal(1))
                body = (
                    f"IF(AND(ISNUMBER({k}),N({k})>=0,N({k})<={scale}),"
                    f"{k}/{scale}*{self.weight}{row},0)"
                )
            if g.below is not None:
                body = f'IF(TRIM({k})="",{g.below.value}{row},{body})'
            ws[f"{g.value}{row}"] = f"={body}"
            ws[f"{g.percent}{row}"] = (
                f"=IF({self.weight}{row}=0,0,{g.value}{row}/{self.weight}{row})"
            )
            ws[f"{g.percent}{row}"].number_format = "0.00%"
        return row


def export_official(
    spec: InstrumentSpec,
    books: Sequence[LayerBook],
    *,
    unit_name: str = "",
    year: int | None = None,
    multi: bool | None = None,
) -> bytes:
    """Write the Lampiran III layout: one layer on "LKE ZI", several on "Jawaban".

    ``multi`` forces the working-file layout (labelled columns) even for one layer.
    """
    multi = len(books) > 1 if multi is None else multi
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101
    ws.title = MULTI_LAYER_SHEET if multi else ONE_LAYER_SHEET
    groups: list[_Group] = []
    for index, book in enumerate(books):
        groups.append(_Group(index, book, groups[-1] if groups else None))
    _title_block(ws, spec, unit_name, year)
    _header(ws, groups, multi)
    writer = _OfficialWriter(ws, spec, groups)
    comp = writer.pengungkit()
    hasil = writer.hasil()
    writer.row += 1
    final = writer.line(
        0, "", FINAL_TOTAL, weight=spec.pengungkit_weight + spec.hasil_weight
    )
    writer.totals(final, [comp, hasil])
    writer.style(final, FILL_PART, bold=True)
    _signature_block(ws, writer.row + 2)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _title_block(
    ws: Worksheet, spec: InstrumentSpec, unit_name: str, year: int | None
) -> None:
    ws["A1"] = "LAMPIRAN III"
    ws["A2"] = spec.citation
    ws["A3"] = TITLE
    ws["A3"].font = Font(bold=True, size=13)
    ws["A5"] = "Unit Kerja"
    ws["D5"] = ":"
    set_text(ws["E5"], unit_name)
    ws["A6"] = "Tahun"
    ws["D6"] = ":"
    if year:
        ws["E6"] = year


def _header(ws: Worksheet, groups: Sequence[_Group], multi: bool) -> None:
    h = HEADER_ROW
    ws.cell(h, 1, "Penilaian")
    ws.merge_cells(start_row=h, start_column=1, end_row=h, end_column=HIERARCHY_COLUMNS)
    ws.cell(h, COL_WEIGHT, "Bobot")
    ws.cell(h, COL_CRITERIA, "Penjelasan")
    ws.cell(h, COL_TYPE, "Pilihan Jawaban")
    ws.column_dimensions[_col(COL_TYPE)].hidden = True
    for col in range(1, HIERARCHY_COLUMNS + 1):
        ws.column_dimensions[_col(col)].width = 4
    ws.column_dimensions[_col(HIERARCHY_COLUMNS)].width = 50
    ws.column_dimensions[_col(COL_CRITERIA)].width = 40
    for g in groups:
        label = LAYER_LABELS.get(g.book.layer, "Jawaban") if multi else "Jawaban"
        ws[f"{g.answer}{h}"] = label
        ws[f"{g.value}{h}"] = "Nilai"
        ws[f"{g.percent}{h}"] = "%"
        ws[f"{g.note}{h}"] = "Catatan"
        for letter in (g.note, g.evidence, g.link):
            ws.column_dimensions[letter].width = 30
    for cell in ws[h]:
        cell.font = BOLD
        cell.fill = FILL_PART
    ws.freeze_panes = f"A{h + 1}"


def _signature_block(ws: Worksheet, row: int) -> None:
    ws.cell(row, COL_CRITERIA, "Mengetahui,")
    ws.cell(row + 1, COL_CRITERIA, "Pimpinan Unit Kerja")
    ws.cell(row + 4, COL_CRITERIA, "(.................................)")
