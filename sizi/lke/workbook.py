"""The official LKE ZI workbook, both ways, on plain data.

``export_workbook(spec, answers, hasil, ...) -> bytes`` writes the sheet "LKE ZI"
in the layout of the KemenPANRB workbook (hierarchy columns, Bobot, Penjelasan,
Pilihan Jawaban, Jawaban, Nilai, %, Catatan, bukti dukung, link) with LIVE
formulas, so Excel/LibreOffice recompute the same totals as ``sizi.lke.scoring``.

``import_workbook(data, spec) -> WorkbookImport`` reads a filled workbook in
that layout. Questions are found by their place in the hierarchy and their text
(the Kode column helps when present), never by fixed rows; every answer that
cannot be read is reported with its cell.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.scoring import AnswerInput, HasilInputs, rule_notes

SHEET = "LKE ZI"
# Column keys in order; the header labels are what the importer looks for.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("component", "Komp.", 6),
    ("part", "Bag.", 5),
    ("area", "Area", 5),
    ("sub", "Sub", 5),
    ("item", "Butir", 6),
    ("text", "Komponen / Pertanyaan", 60),
    ("criteria", "Penjelasan", 40),
    ("weight", "Bobot", 8),
    ("options", "Pilihan Jawaban", 50),
    ("type", "Jenis Jawaban", 11),
    ("answer", "Jawaban", 10),
    ("value", "Nilai", 10),
    ("percent", "%", 9),
    ("code", "Kode", 12),
    ("note", "Catatan", 40),
    ("evidence", "Bukti Dukung", 40),
    ("link", "Link", 40),
)
COL = {
    key: get_column_letter(i) for i, (key, _label, _w) in enumerate(COLUMNS, start=1)
}
HEADER_ROW = 5
BLANK = "Blm Diisi"
INVALID = "Tidak valid"
INPUT_TYPE = "Jumlah"
ROMAN = ("I", "II", "III", "IV", "V", "VI")
BOLD = Font(bold=True)
FILL_PART = PatternFill("solid", fgColor="DDEBF7")
FILL_AREA = PatternFill("solid", fgColor="F2F2F2")
FILL_INPUT = PatternFill("solid", fgColor="FFF2CC")


@dataclass(frozen=True)
class EvidenceRef:
    title: str
    url: str = ""


@dataclass(frozen=True)
class CellError:
    cell: str  # "K42"
    code: str  # question / hasil code, or "" when the row itself is unknown
    message: str  # Indonesian


@dataclass
class WorkbookImport:
    answers: dict[str, AnswerInput] = field(default_factory=dict)
    hasil: dict[str, Decimal | str | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    evidence_text: dict[str, str] = field(default_factory=dict)  # code -> "bukti\nlink"
    cells: dict[str, str] = field(default_factory=dict)  # code -> answer cell
    errors: list[CellError] = field(default_factory=list)
    missing: list[str] = field(
        default_factory=list
    )  # question codes not found in the sheet

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- export


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _choice_formula(cell: str, options: Sequence[Any]) -> str:
    expr = f'"{INVALID}"'
    for option in reversed(options):
        expr = f'IF(UPPER(TRIM({cell}))="{option.letter.upper()}",{_fmt(option.value)},{expr})'
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
        body = f"IF(({den})=0,{_fmt(f.zero_denominator)},MIN({_fmt(f.cap)},({num})/({den})))"
    else:
        prev, cur = f"{k}{rows[f.previous or '']}", f"{k}{rows[f.current or '']}"
        body = (
            f"IF({prev}=0,IF({cur}=0,{_fmt(f.both_zero)},{_fmt(f.previous_zero)}),"
            f"MAX(0,MIN({_fmt(f.cap)},({prev}-{cur})/{prev})))"
        )
    return f"={guard}{body}))"


def _sub_area_formula(
    rows: Sequence[tuple[int, Decimal]], weight_cell: str, exclude: bool
) -> str:
    lcol = COL["value"]
    num = "+".join(f"{_fmt(w)}*N({lcol}{r})" for r, w in rows)
    if exclude:
        den = "+".join(f"ISNUMBER({lcol}{r})*{_fmt(w)}" for r, w in rows)
        return f"=IF(({den})=0,0,({num})/({den}))*{weight_cell}"
    den = _fmt(sum((w for _r, w in rows), Decimal(0)))
    return f"=({num})/{den}*{weight_cell}"


def _options_text(options: Sequence[Any], answer_type: str) -> str:
    if answer_type == "yn" or {o.letter for o in options} == {"ya", "tidak"}:
        return "Ya/Tidak"
    return "\n".join(f"{o.letter}. {o.text}" for o in options)


def _answer_text(letter: str | None) -> str | None:
    if not letter:
        return None
    return letter.capitalize() if len(letter) > 1 else letter.upper()


class _Writer:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = HEADER_ROW

    def put(self, **cells: Any) -> int:
        self.row += 1
        for key, value in cells.items():
            if value is not None and value != "":
                self.ws[f"{COL[key]}{self.row}"] = value
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
            _answer_text(option.letter) if option else (str(value) if value else None)
        )
        ws[f"{L}{row}"] = _choice_formula(f"{K}{row}", q.options)
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
            _answer_text(option.letter) if option else (str(raw) if raw else None)
        )
    else:
        d = _decimal(raw)
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
    else:
        scale = _fmt(item.scale_max or Decimal(1))
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
        ("Berlaku sejak", spec.effective_date.isoformat()),
        ("Catatan instrumen", spec.notes),
    ] + [(n.title, n.text) for n in rule_notes(spec)]
    for i, (label, text) in enumerate(rows, start=1):
        ws.cell(row=i, column=1, value=label).font = BOLD
        ws.cell(row=i, column=2, value=text).alignment = Alignment(
            wrap_text=True, vertical="top"
        )


# --------------------------------------------------------------------------- import


def _norm(text: Any) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).lower()
    s = re.sub(r"[^\w%]+", " ", s)
    return " ".join(s.split())


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


_SYNONYMS = {"y": "ya", "yes": "ya", "t": "tidak", "tdk": "tidak", "no": "tidak"}


def _read_letter(value: Any, letters: Sequence[str]) -> str | None:
    text = _norm(value)
    text = _SYNONYMS.get(text, text)
    if text in letters:
        return text
    m = re.match(r"^([a-e])\b", text)  # "a. Jika ..." / "A)" copied with its text
    if m and m.group(1) in letters and len(letters[0]) == 1:
        return m.group(1)
    return None


def _find_header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    wanted = {_norm(label): key for key, label, _w in COLUMNS}
    wanted.update(
        {
            "komponen": "text",
            "pertanyaan": "text",
            "uraian": "text",
            "kode sizi": "code",
        }
    )
    for row in ws.iter_rows(min_row=1, max_row=40):
        found: dict[str, int] = {}
        for cell in row:
            key = wanted.get(_norm(cell.value))
            if key and key not in found:
                found[key] = cell.column
        if "answer" in found and "text" in found:
            return row[0].row, found
    return None


class _Matcher:
    def __init__(self, spec: InstrumentSpec) -> None:
        self.spec = spec
        self.by_code = {q.code: q for q in spec.questions}
        self.subs_by_name: dict[str, list[str]] = {}
        for sub in spec.sub_areas:
            self.subs_by_name.setdefault(_norm(sub.name), []).append(sub.code)
        self.areas_by_name = {_norm(a.name): a for a in spec.areas}
        self.hasil_by_text = {_norm(i.text): i for i in spec.hasil_items}
        self.hasil_by_text.update({_norm(i.name): i for i in spec.hasil_items})

    def question(
        self,
        code: str,
        text: str,
        letter: str,
        part: str | None,
        area: int | None,
        sub: str | None,
    ) -> QuestionSpec | None:
        spec = self.spec
        ntext = _norm(text)
        q = self.by_code.get(code) if code else None
        if (
            q is not None
            and _similar(_norm(q.text), ntext.split(" ", 1)[-1] if q.group else ntext)
            >= 0.6
        ):
            return q
        if q is not None and _similar(_norm(f"{q.group} {q.text}"), ntext) >= 0.6:
            return q
        scope = [
            s
            for s in spec.sub_areas
            if (sub is None or s.numeral == sub)
            and (area is None or spec.area(s.area).number == area)
            and (part is None or s.part == part)
        ]
        candidates = [q for s in scope for q in s.questions]
        best: tuple[float, QuestionSpec | None] = (0.0, None)
        for cand in candidates:
            target = _norm(f"{cand.group}: {cand.text}" if cand.group else cand.text)
            score = max(_similar(target, ntext), _similar(_norm(cand.text), ntext))
            if letter and cand.code.rsplit(".", 1)[-1] == letter:
                score += 0.15
            if score > best[0]:
                best = (score, cand)
        if best[1] is not None and best[0] >= 0.75:
            return best[1]
        exact = [cand for cand in spec.questions if _norm(cand.text) == ntext]
        return exact[0] if len(exact) == 1 else None


def import_workbook(data: bytes, spec: InstrumentSpec) -> WorkbookImport:
    """Read the answers, Hasil inputs and notes of a filled "LKE ZI" workbook."""
    result = WorkbookImport()
    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:  # noqa: BLE001 - any unreadable upload is a user error
        result.errors.append(
            CellError("", "", "Berkas bukan workbook Excel (.xlsx) yang dapat dibaca.")
        )
        return result
    ws = wb[SHEET] if SHEET in wb.sheetnames else None
    header = _find_header(ws) if ws is not None else None
    if ws is None or header is None:
        for candidate in wb.worksheets:
            header = _find_header(candidate)
            if header:
                ws = candidate
                break
    if ws is None or header is None:
        result.errors.append(
            CellError(
                "",
                "",
                f"Lembar '{SHEET}' dengan kolom 'Komponen / Pertanyaan' dan 'Jawaban' tidak ditemukan.",
            )
        )
        return result
    header_row, cols = header
    text_col = cols["text"]
    hier = {
        k: cols[k] for k in ("component", "part", "area", "sub", "item") if k in cols
    }
    matcher = _Matcher(spec)

    def val(row: tuple[Any, ...], key: str) -> Any:
        i = cols.get(key)
        return row[i - 1].value if i is not None and i - 1 < len(row) else None

    def ref(row_no: int, key: str) -> str:
        return f"{get_column_letter(cols[key])}{row_no}"

    part: str | None = None
    area: int | None = None
    sub: str | None = None
    in_hasil = False
    current_percent: QuestionSpec | None = None
    inputs: dict[str, dict[str, Decimal]] = {}
    seen: dict[str, str] = {}
    for row in ws.iter_rows(min_row=header_row + 1):
        row_no = row[0].row
        text = row[text_col - 1].value if text_col - 1 < len(row) else None
        if text is None or not str(text).strip():
            continue
        ntext = _norm(text)
        code = str(val(row, "code") or "").strip()
        atype = _norm(val(row, "type"))
        component = _norm(val(row, "component")) if "component" in hier else ""
        if component in ("a", "b") or ntext in ("pengungkit", "hasil"):
            in_hasil = component == "b" or ntext == "hasil"
            part = area = sub = None
            current_percent = None
            continue
        if ntext.startswith("total ") or ntext.startswith("nilai evaluasi"):
            continue
        if not in_hasil and ntext in ("pemenuhan", "reform"):
            part, area, sub, current_percent = ntext, None, None, None
            continue
        if in_hasil:
            item = next(
                (i for i in spec.hasil_items if i.code == code), None
            ) or matcher.hasil_by_text.get(ntext)
            if item is None:
                continue
            _read_hasil(result, item, val(row, "answer"), ref(row_no, "answer"))
            _read_note(result, item.code, row, cols)
            continue
        level_area = str(val(row, "area") or "").strip() if "area" in hier else ""
        if level_area.isdigit() or (
            ntext in matcher.areas_by_name and not val(row, "answer")
        ):
            area = (
                int(level_area)
                if level_area.isdigit()
                else matcher.areas_by_name[ntext].number
            )
            sub, current_percent = None, None
            continue
        level_sub = _norm(val(row, "sub")) if "sub" in hier else ""
        if level_sub or (
            ntext in matcher.subs_by_name and val(row, "answer") is None and not atype
        ):
            sub = level_sub or next(
                (
                    spec_sub.numeral
                    for spec_sub in spec.sub_areas
                    if spec_sub.code in matcher.subs_by_name.get(ntext, [])
                ),
                None,
            )
            current_percent = None
            continue
        if atype == _norm(INPUT_TYPE) or (":" in code and current_percent is not None):
            if current_percent is None:
                continue
            input_spec = _match_input(current_percent, code, ntext)
            if input_spec is None:
                result.errors.append(
                    CellError(
                        ref(row_no, "text"),
                        current_percent.code,
                        f"Baris masukan '{text}' tidak dikenal untuk {current_percent.code}.",
                    )
                )
                continue
            raw = val(row, "answer")
            if raw is None or str(raw).strip() == "":
                continue
            number = _decimal(raw)
            if number is None or number < 0:
                result.errors.append(
                    CellError(
                        ref(row_no, "answer"),
                        current_percent.code,
                        f"{input_spec.label}: '{raw}' bukan angka tidak negatif.",
                    )
                )
                continue
            inputs.setdefault(current_percent.code, {})[input_spec.code] = number
            continue
        letter = _norm(val(row, "item")) if "item" in hier else ""
        q = matcher.question(code, str(text), letter, part, area, sub)
        if q is None:
            if code or letter:
                result.errors.append(
                    CellError(
                        ref(row_no, "text"),
                        code,
                        f"Pertanyaan '{str(text)[:80]}' tidak dikenal di instrumen {spec.code}.",
                    )
                )
            continue
        if q.code in seen:
            result.errors.append(
                CellError(
                    ref(row_no, "text"),
                    q.code,
                    f"{q.code} muncul dua kali (juga di {seen[q.code]}).",
                )
            )
            continue
        seen[q.code] = ref(row_no, "answer")
        result.cells[q.code] = ref(row_no, "answer")
        _read_note(result, q.code, row, cols)
        if q.formula is not None:
            current_percent = q
            continue
        current_percent = None
        raw = val(row, "answer")
        if raw is None or str(raw).strip() == "":
            continue
        letter_read = _read_letter(raw, [o.letter for o in q.options])
        if letter_read is None:
            allowed = "/".join(_answer_text(o.letter) or "" for o in q.options)
            result.errors.append(
                CellError(
                    ref(row_no, "answer"),
                    q.code,
                    f"Jawaban '{raw}' untuk {q.code} tidak dapat dibaca (pilihan: {allowed}).",
                )
            )
            continue
        result.answers[q.code] = AnswerInput(letter_read)
    for code, values in inputs.items():
        result.answers[code] = AnswerInput(inputs=values)
    result.missing = [q.code for q in spec.questions if q.code not in seen]
    return result


def _match_input(q: QuestionSpec, code: str, ntext: str) -> Any:
    if ":" in code:
        qcode, icode = code.rsplit(":", 1)
        found = next((i for i in q.inputs if i.code == icode), None)
        if qcode == q.code and found is not None:
            return found
    scored = sorted(
        ((_similar(_norm(i.label), ntext), i) for i in q.inputs), key=lambda t: -t[0]
    )
    return scored[0][1] if scored and scored[0][0] >= 0.75 else None


def _read_hasil(
    result: WorkbookImport, item: HasilItemSpec, raw: Any, cell: str
) -> None:
    result.cells[item.code] = cell
    if raw is None or str(raw).strip() == "":
        result.hasil[item.key] = None
        return
    if item.options:
        letter = _read_letter(raw, [o.letter for o in item.options])
        if letter is None:
            result.errors.append(
                CellError(
                    cell,
                    item.code,
                    f"{item.name}: pilihan '{raw}' tidak dapat dibaca (A–E).",
                )
            )
            return
        result.hasil[item.key] = letter
        return
    number = _decimal(raw)
    scale = item.scale_max or Decimal(1)
    if number is None or number < 0 or number > scale:
        result.errors.append(
            CellError(
                cell,
                item.code,
                f"{item.name}: nilai '{raw}' harus angka 0–{_fmt(scale)}.",
            )
        )
        return
    result.hasil[item.key] = number


def _read_note(
    result: WorkbookImport, code: str, row: tuple[Any, ...], cols: Mapping[str, int]
) -> None:
    def get(key: str) -> str:
        i = cols.get(key)
        value = row[i - 1].value if i is not None and i - 1 < len(row) else None
        return str(value).strip() if value is not None else ""

    if note := get("note"):
        result.notes[code] = note
    bukti = "\n".join(x for x in (get("evidence"), get("link")) if x)
    if bukti:
        result.evidence_text[code] = bukti
