"""Read a filled "LKE ZI" workbook: find questions by hierarchy and text."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.instrument.display import answer_text
from sizi.lke.scoring import AnswerInput
from sizi.lke.workbook.layout import (
    COLUMNS,
    INPUT_TYPE,
    SHEET,
    CellError,
    WorkbookImport,
    fmt_decimal,
    to_decimal,
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


def _cached_sheet(data: bytes, title: str) -> Worksheet | None:
    """Return the sheet with the values its formulas had when last saved, if any.

    A workbook saved by Excel or LibreOffice keeps each formula's last value; one
    written by a library (openpyxl) does not, and its formulas stay unreadable.
    """
    try:
        return load_workbook(io.BytesIO(data), data_only=True)[title]
    except Exception:  # noqa: BLE001 - the formulas are then reported as unreadable
        return None


def _strip_number(ntext: str) -> str:
    """Drop a leading numbering token ("1", "i", "a") from normalised text."""
    return re.sub(r"^(?:[a-h]|[ivx]+|\d+)\s+", "", ntext)


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
        ntext = _strip_number(_norm(text))
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

    def sub_numeral(self, ntext: str, part: str | None, area: int | None) -> str | None:
        """Return the numeral of the sub-area named ``ntext`` in the current part/area."""
        codes = self.subs_by_name.get(ntext, [])
        subs = [s for s in self.spec.sub_areas if s.code in codes]
        preferred = [
            s
            for s in subs
            if (part is None or s.part == part)
            and (area is None or self.spec.area(s.area).number == area)
        ]
        chosen = preferred or subs
        return chosen[0].numeral if chosen else None


# The official LKE sheet unpacks to well under 1 MB; anything near these limits
# is not an LKE workbook, and openpyxl would hold every cell of it in memory.
WORKBOOK_LIMITS = ArchiveLimits(
    max_entries=200, max_uncompressed=8 * 1024 * 1024, max_ratio=100
)


def import_workbook(data: bytes, spec: InstrumentSpec) -> WorkbookImport:
    """Read the answers, Hasil inputs and notes of a filled "LKE ZI" workbook."""
    result = WorkbookImport()
    unreadable = "Berkas bukan workbook Excel (.xlsx) yang dapat dibaca."
    try:
        if not data.startswith(b"PK"):
            raise UnsafeArchive(unreadable)
        inspect_zip(data, name="workbook", size=len(data), limits=WORKBOOK_LIMITS)
    except UnsafeArchive as exc:
        message = unreadable if "rusak" in str(exc) else str(exc)
        result.errors.append(CellError("", "", message))
        return result
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
    cached = _cached_sheet(data, ws.title)
    text_col = cols["text"]
    hier = {
        k: cols[k] for k in ("component", "part", "area", "sub", "item") if k in cols
    }
    matcher = _Matcher(spec)

    def val(row: tuple[Any, ...], key: str) -> Any:
        i = cols.get(key)
        return row[i - 1].value if i is not None and i - 1 < len(row) else None

    def answer(row: tuple[Any, ...]) -> Any:
        """The answer cell's value; for a formula, the value it was last saved with."""
        value = val(row, "answer")
        if isinstance(value, str) and value.startswith("=") and cached is not None:
            saved = cached.cell(row[0].row, cols["answer"]).value
            if saved is not None:
                return saved
        return value

    def ref(row_no: int, key: str) -> str:
        return f"{get_column_letter(cols[key])}{row_no}"

    part: str | None = None
    area: int | None = None
    sub: str | None = None
    in_hasil = False
    current_percent: QuestionSpec | None = None
    inputs: dict[str, dict[str, Decimal]] = {}
    seen: dict[str, str] = {}
    typed: dict[
        str, tuple[str, str]
    ] = {}  # percentage typed directly: code -> (cell, value)
    for row in ws.iter_rows(min_row=header_row + 1):
        row_no = row[0].row
        text = row[text_col - 1].value if text_col - 1 < len(row) else None
        if text is None or not str(text).strip():
            continue
        ntext = _norm(text)
        bare = _strip_number(ntext)
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
        if not in_hasil and bare in ("pemenuhan", "reform"):
            part, area, sub, current_percent = bare, None, None, None
            continue
        if in_hasil:
            item = next(
                (i for i in spec.hasil_items if i.code == code), None
            ) or matcher.hasil_by_text.get(bare)
            if item is None:
                continue
            _read_hasil(result, item, answer(row), ref(row_no, "answer"))
            _read_note(result, item.code, row, cols)
            continue
        level_area = str(val(row, "area") or "").strip() if "area" in hier else ""
        if level_area.isdigit() or (
            bare in matcher.areas_by_name and not val(row, "answer")
        ):
            area = (
                int(level_area)
                if level_area.isdigit()
                else matcher.areas_by_name[bare].number
            )
            sub, current_percent = None, None
            continue
        level_sub = _norm(val(row, "sub")) if "sub" in hier else ""
        if level_sub or (
            bare in matcher.subs_by_name and val(row, "answer") is None and not atype
        ):
            sub = level_sub or matcher.sub_numeral(bare, part, area)
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
            raw = answer(row)
            if raw is None or str(raw).strip() == "":
                continue
            number = to_decimal(raw)
            if number is None or number < 0:
                result.errors.append(
                    CellError(
                        ref(row_no, "answer"),
                        current_percent.code,
                        f"{input_spec.label}: '{raw}' bukan angka tidak negatif.",
                    )
                )
                continue
            if number != number.to_integral_value():
                # A Jumlah is a count; SIZI stores whole numbers only.
                result.errors.append(
                    CellError(
                        ref(row_no, "answer"),
                        current_percent.code,
                        f"{input_spec.label}: '{raw}' bukan bilangan bulat.",
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
            direct = val(row, "answer")
            if (
                direct is not None
                and not str(direct).startswith("=")
                and str(direct).strip()
            ):
                typed[q.code] = (ref(row_no, "answer"), str(direct))
            continue
        current_percent = None
        raw = answer(row)
        if raw is None or str(raw).strip() == "":
            continue
        letter_read = _read_letter(raw, [o.letter for o in q.options])
        if letter_read is None:
            allowed = "/".join(answer_text(o.letter) or "" for o in q.options)
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
    for code, (cell, raw) in typed.items():
        if code not in inputs:
            labels = ", ".join(i.label for i in spec.question(code).inputs)
            result.errors.append(
                CellError(
                    cell,
                    code,
                    f"Persentase {code} ('{raw}') ditulis langsung; isi baris Jumlah di "
                    f"bawahnya ({labels}) agar nilainya dapat dihitung.",
                )
            )
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
    number = to_decimal(raw)
    scale = item.scale_max or Decimal(1)
    if number is None or number < 0 or number > scale:
        result.errors.append(
            CellError(
                cell,
                item.code,
                f"{item.name}: nilai '{raw}' harus angka 0–{fmt_decimal(scale)}.",
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
