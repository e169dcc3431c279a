"""Find the header row of an export and map its columns to the instrument.

A column maps to an index question when its header is the question's text (or
contains it), its unsur/aspect name or an alias, its code ("U1", "U1. …"), or
the bracketed row label of a Google Forms grid ("Penilaian [Persyaratan]").
Demographic fields, the layanan, the timestamp and the suggestion are found by
their labels. An explicit mapping (the web mapping step or `--map` JSON)
overrides the guess: keys are header texts or column letters, values targets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sizi.surveys.importing import ImportProblem
from sizi.surveys.importing.table import Table, column_letter
from sizi.surveys.instruments.definition import Instrument, normalise_label

SERVICE = "service_type"
SUBMITTED = "submitted_at"
SUGGESTION = "suggestion"
EXTRA = "extra:"
HEADER_SEARCH_ROWS = 20
HEADER_ROW_KEY = "baris_judul"

_FIXED_KEYS = {
    SERVICE: ("jenis layanan", "layanan", "jenis pelayanan", "layanan yang diterima",
              "layanan yang digunakan", "jenis layanan yang diterima"),
    SUBMITTED: ("timestamp", "stempel waktu", "cap waktu", "tanggal", "waktu",
                "tanggal survei", "tanggal pengisian", "waktu pengisian"),
    SUGGESTION: ("saran", "saran dan masukan", "kritik dan saran", "masukan", "saran/masukan"),
}  # fmt: skip
_LEADING_CODE = re.compile(r"^\(?([a-z]{1,2}\d{1,2}|\d{1,2})[).:\-\s]+", re.IGNORECASE)
_BRACKET = re.compile(r"\[([^\]]+)\]\s*$")
_QUESTION_OPENING = (
    "bagaimana pendapat saudara tentang",
    "bagaimana pemahaman saudara tentang",
)


@dataclass(frozen=True)
class Column:
    index: int
    letter: str
    header: str
    target: str
    by_mapping: bool = False


@dataclass(frozen=True)
class Layout:
    header_row: int
    columns: tuple[Column, ...]

    def targets(self) -> dict[str, list[Column]]:
        found: dict[str, list[Column]] = {}
        for column in self.columns:
            if column.target:
                found.setdefault(column.target, []).append(column)
        return found

    def column_for(self, target: str) -> Column | None:
        columns = self.targets().get(target)
        return columns[0] if columns else None

    def as_mapping(self) -> dict[str, str]:
        """Return {column letter: target} (what an import records and `--map` accepts)."""
        return {c.letter: c.target for c in self.columns}


def target_choices(
    instrument: Instrument, extra: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Return (target, label) for every target a column can map to, in form order."""
    choices = [("", "— abaikan kolom ini —")]
    choices += [(q.code, f"{q.code} {q.name}") for q in instrument.questions]
    choices += [(SERVICE, "Jenis layanan"), (SUBMITTED, "Waktu pengisian")]
    choices += [(d.code, d.label) for d in instrument.demographics]
    choices += [(SUGGESTION, "Saran")]
    choices += [
        (f"{EXTRA}{code}", f"Pertanyaan tambahan: {text}") for code, text in extra
    ]
    return choices


def _keys(header: str) -> set[str]:
    full = normalise_label(header)
    keys = {full, full.rstrip("?").strip()}
    bracket = _BRACKET.search(header)
    if bracket:
        keys.add(normalise_label(bracket.group(1)))
    stripped = _LEADING_CODE.sub("", header)
    keys.add(normalise_label(stripped).rstrip("?").strip())
    code = _LEADING_CODE.match(header.strip())
    if code:
        keys.add(normalise_label(code.group(1)))
    return {k for k in keys if k}


def _question_keys(instrument: Instrument) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for q in instrument.questions:
        text = normalise_label(q.text).rstrip("?").strip()
        short = text
        for opening in _QUESTION_OPENING:
            short = short.removeprefix(opening).strip()
        names = {normalise_label(x) for x in (q.code, q.name, *q.aliases)}
        keys[q.code] = {text, short, *names}
    return keys


def _guess(
    header: str, instrument: Instrument, extra: Sequence[tuple[str, str]]
) -> str:
    if not header.strip():
        return ""
    keys = _keys(header)
    full = normalise_label(header)
    hits = [
        code
        for code, wanted in _question_keys(instrument).items()
        if keys & wanted or any(len(w) > 25 and w in full for w in wanted)
    ]
    if len(hits) == 1:
        return hits[0]
    for demographic in instrument.demographics:
        names = {
            normalise_label(x)
            for x in (demographic.code, demographic.label, *demographic.aliases)
        }
        if keys & names:
            return demographic.code
    for target, labels in _FIXED_KEYS.items():
        if keys & set(labels):
            return target
    for code, text in extra:
        if keys & {normalise_label(text), normalise_label(code)}:
            return f"{EXTRA}{code}"
    return ""


def _header_row(
    table: Table, instrument: Instrument, extra: Sequence[tuple[str, str]]
) -> int:
    needed = max(1, len(instrument.questions) // 2)
    for n, row in enumerate(table.rows[:HEADER_SEARCH_ROWS], start=1):
        questions = {_guess(cell, instrument, extra) for cell in row} & set(
            instrument.question_codes
        )
        if len(questions) >= needed:
            return n
    raise ImportProblem(
        [
            f"Baris judul tidak ditemukan: tidak ada baris di {HEADER_SEARCH_ROWS} baris "
            "pertama yang memuat judul pertanyaan atau nama unsur instrumen ini. "
            "Tentukan pemetaan kolom secara manual."
        ]
    )


def _apply(
    columns: list[Column], overrides: Mapping[str, str], valid: set[str]
) -> list[Column]:
    problems = []
    by_letter = {c.letter: i for i, c in enumerate(columns)}
    by_header = {
        normalise_label(c.header): i for i, c in enumerate(columns) if c.header
    }
    for key, target in overrides.items():
        if key == HEADER_ROW_KEY:
            continue
        where = by_letter.get(key.strip().upper())
        if where is None:
            where = by_header.get(normalise_label(key))
        if where is None:
            problems.append(f"Pemetaan: kolom «{key}» tidak ada di berkas.")
            continue
        if target not in valid:
            problems.append(
                f"Pemetaan: tujuan «{target}» untuk kolom «{key}» tidak dikenal."
            )
            continue
        columns[where] = replace(columns[where], target=target, by_mapping=True)
    if problems:
        raise ImportProblem(problems)
    return columns


def detect_layout(
    table: Table,
    instrument: Instrument,
    *,
    extra: Sequence[tuple[str, str]] = (),
    overrides: Mapping[str, str] | None = None,
) -> Layout:
    """Return the header row and each column's target (guessed, then overridden)."""
    overrides = dict(overrides or {})
    header_row = _header_row_of(table, instrument, extra, overrides)
    header = table.rows[header_row - 1]
    width = max(len(r) for r in table.rows)
    columns = [
        Column(i, column_letter(i), header[i] if i < len(header) else "",
               _guess(header[i], instrument, extra) if i < len(header) else "")
        for i in range(width)
    ]  # fmt: skip
    valid = {target for target, _ in target_choices(instrument, extra)}
    return Layout(header_row, tuple(_apply(columns, overrides, valid)))


def _header_row_of(
    table: Table,
    instrument: Instrument,
    extra: Sequence[tuple[str, str]],
    overrides: Mapping[str, str],
) -> int:
    given = overrides.get(HEADER_ROW_KEY)
    if given is None:
        return _header_row(table, instrument, extra)
    if not str(given).isdigit() or not 1 <= int(given) <= len(table.rows):
        raise ImportProblem([f"Pemetaan: baris judul «{given}» tidak ada di berkas."])
    return int(given)


def layout_problems(
    layout: Layout, instrument: Instrument, *, needs_service: bool
) -> list[str]:
    """Return what is missing or doubled in the mapping (empty when importable)."""
    problems = []
    targets = layout.targets()
    for question in instrument.questions:
        if question.code not in targets:
            problems.append(
                f"Kolom untuk {question.code} {question.name} tidak ditemukan di baris "
                f"judul (baris {layout.header_row})."
            )
    if needs_service and SERVICE not in targets:
        problems.append(
            f"Kolom jenis layanan tidak ditemukan di baris judul (baris {layout.header_row}); "
            "periode ini mencakup lebih dari satu layanan."
        )
    for target, columns in targets.items():
        if len(columns) > 1:
            letters = ", ".join(c.letter for c in columns)
            problems.append(
                f"Kolom {letters} sama-sama dipetakan ke «{target}»; pilih satu lewat pemetaan."
            )
    return problems
