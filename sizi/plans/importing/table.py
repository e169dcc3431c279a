"""Assemble the Lampiran table's rows into areas → komponen → indikator.

Every reader turns its table into a list of events — ``Row`` (six cells) and
``Break`` (a repeated header / number row, or a new table: a page break) — and
hands them to ``build_areas``. The rules for the real document live here once:

* area rows: a Roman numeral I–X with the title in the same cell ("II PENATAAN
  TATA LAKSANA") or in the next one ("I" | "Pembangunan unit kerja ..."), the
  other cells empty;
* a row with NO or KOMPONEN starts a komponen; rows with both empty belong to
  the komponen above (carried down);
* a continuation: the first row after a page break, with NO empty, joins the row
  before the break (cell by cell, with a space) when its TARGET WAKTU cell is
  empty or the previous row's target was cut ("Oktober -"); its KOMPONEN text, if
  any, continues the komponen name;
* a row with an empty INDIKATOR but steps or evidence adds items to the
  indikator above (vertically merged cells in DOCX/XLSX);
* steps and evidence are split on ``1) 2) 3)`` numbering; texts are cleaned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sizi.plans.importing.cleaning import clean_text, split_items
from sizi.plans.importing.parsed import (
    LKE_AREAS,
    NUMERALS,
    ParsedArea,
    ParsedComponent,
    ParsedIndicator,
    ParseIssue,
)
from sizi.plans.target_time import parse_target_time

COLUMNS = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU")
NO, KOMPONEN, INDIKATOR, LANGKAH, BUKTI, TARGET = range(6)

_ROMAN_VALUES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_AREA = re.compile(
    r"^(?:AREA\s+)?(?P<numeral>X|IX|VIII|VII|VI|V|IV|III|II|I)(?:\s*[.):]\s*|\s+)(?P<title>\S.*)$"
)
_NUMERAL_ONLY = re.compile(
    r"^(?:AREA\s+)?(?P<numeral>X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.):]?$"
)
_CUT_TARGET = re.compile(
    r"(?:[-\u2010-\u2015,/]|\bs\s*[./]\s*d\.?|\bsampai(?:\s+dengan)?|\bhingga|\bdan|\bminggu(?:\s+ke)?)\s*$",
    re.IGNORECASE,
)
_LKE_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SDM", re.compile(r"\bSDM\b|sumber\s+daya\s+manusia|kepegawaian", re.IGNORECASE)),
    ("AK", re.compile(r"akuntabilitas", re.IGNORECASE)),
    ("PW", re.compile(r"pengawasan", re.IGNORECASE)),
    ("PP", re.compile(r"pelayanan\s+publik", re.IGNORECASE)),
    ("PT", re.compile(r"tata\s*laksana|ketatalaksanaan", re.IGNORECASE)),
    (
        "MP",
        re.compile(
            r"manajemen\s+perubahan|pembangunan\s+unit\s+kerja|WBK|WBBM|zona\s+integritas",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Row:
    """Six cells of one table row as read (HTML not yet removed), with locations."""

    cells: tuple[str, str, str, str, str, str]
    location: str
    target_location: str = ""


@dataclass(frozen=True)
class Break:
    """A page break: repeated header or number row, or the start of another table."""

    location: str


# Other spellings of the six column titles seen in decrees, mapped to COLUMNS.
LABEL_ALIASES: dict[str, str] = {
    "NOMOR": "NO",
    "NO URUT": "NO",
    "KOMPONEN PENGUNGKIT": "KOMPONEN",
    "INDIKATOR KINERJA": "INDIKATOR",
    "LANGKAH - LANGKAH AKSI": "LANGKAH AKSI",
    "LANGKAH-LANGKAH AKSI": "LANGKAH AKSI",
    "RENCANA AKSI": "LANGKAH AKSI",
    "KEGIATAN": "LANGKAH AKSI",
    "BUKTI DUKUNG": "BUKTI FISIK",
    "DATA DUKUNG": "BUKTI FISIK",
    "OUTPUT": "BUKTI FISIK",
    "TARGET": "TARGET WAKTU",
    "WAKTU": "TARGET WAKTU",
    "WAKTU PELAKSANAAN": "TARGET WAKTU",
    "JADWAL": "TARGET WAKTU",
}


def normalize_label(text: str) -> str:
    """Upper-case a column title without dots or extra spaces."""
    return " ".join(clean_text(text).upper().replace(".", " ").split())


def canonical_label(text: str) -> str:
    """Return the column title (one of COLUMNS) a header cell means, or its normal form."""
    label = normalize_label(text)
    return LABEL_ALIASES.get(label, label)


def is_header_row(cells: list[str] | tuple[str, ...]) -> bool:
    """Tell whether the cells are the header NO | KOMPONEN | ... | TARGET WAKTU."""
    if sum(len(c) for c in cells) > 200 or "KOMPONEN" not in "".join(cells).upper():
        return False
    labels = [canonical_label(c) for c in cells if normalize_label(c)]
    if labels == list(COLUMNS):
        return True
    return " ".join(normalize_label(c) for c in cells if c.strip()) == " ".join(COLUMNS)


def is_number_row(cells: list[str] | tuple[str, ...]) -> bool:
    """Tell whether the cells are the column-number row 1 | 2 | ... | 6 (up to 10)."""
    if len(cells) > 12 or any(len(c) > 12 for c in cells):
        return False
    labels = [normalize_label(c).strip("() ") for c in cells if normalize_label(c)]
    return 6 <= len(labels) <= 10 and labels == [
        str(i) for i in range(1, len(labels) + 1)
    ]


@dataclass(frozen=True)
class Layout:
    """Where the six Lampiran columns are in a table that may have other columns."""

    columns: tuple[int, ...]  # indexes of NO .. TARGET WAKTU
    width: int  # number of header cells
    others: tuple[str, ...] = ()  # titles of the other (ignored) columns

    def ignored_columns(self, where: str) -> ParseIssue | None:
        """The warning that names the other (ignored) columns, or None."""
        if not self.others:
            return None
        names = ", ".join(f"«{name}»" for name in self.others)
        return ParseIssue(
            where, f"Kolom di luar enam kolom Lampiran diabaikan: {names}."
        )

    def pick(self, cells: list[str]) -> tuple[str, str, str, str, str, str]:
        values = [cells[i] if i < len(cells) else "" for i in self.columns]
        return (values[0], values[1], values[2], values[3], values[4], values[5])


STANDARD = Layout(columns=(0, 1, 2, 3, 4, 5), width=6)


def header_layout(cells: list[str] | tuple[str, ...]) -> Layout | None:
    """Return the layout when the cells are a header row (six titles, others allowed)."""
    if sum(len(c) for c in cells) > 400 or "KOMPONEN" not in "".join(cells).upper():
        return None
    labels = [canonical_label(c) for c in cells]
    if not all(col in labels for col in COLUMNS):
        return None
    columns = tuple(labels.index(col) for col in COLUMNS)
    trimmed = list(cells)
    while trimmed and not trimmed[-1].strip():
        trimmed.pop()
    others = tuple(
        clean_text(c) for i, c in enumerate(trimmed) if i not in columns and c.strip()
    )
    return Layout(
        columns=columns, width=max(len(trimmed), max(columns) + 1), others=others
    )


def fit_row(
    cells: list[str], layout: Layout, location: str
) -> tuple[tuple[str, str, str, str, str, str] | None, ParseIssue | None]:
    """Fit a row to the layout: (six cells, None), (six cells, warning) or (None, error)."""
    width = layout.width
    if len(cells) > width:
        if any(c.strip() for c in cells[width:]):
            return None, ParseIssue(
                location, f"Baris punya {len(cells)} kolom; seharusnya {width}."
            )
        cells = cells[:width]
    if len(cells) < width:
        padded = cells + [""] * (width - len(cells))
        six = layout.pick(padded)
        if area_header(six) is None:
            return six, ParseIssue(
                location,
                f"Baris hanya punya {len(cells)} kolom; sisanya dianggap kosong.",
            )
        return six, None
    return layout.pick(cells), None


_SIGNATURE = re.compile(
    r"^(?:Ditetapkan\s+di\b|pada\s+tanggal\b|Salinan\s+sesuai\b|\(?t\.?t\.?d\.?\)?$)",
    re.IGNORECASE,
)
_SIGNATORY = re.compile(r"^(?:KETUA|KEPALA|SEKRETARIS|PLT\.?|PLH\.?|AN\.?|A\.N\.)\b")
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d+\s*-|(?:Halaman|Hal\.?)\s*\d+(?:\s*(?:dari|/)\s*\d+)?|\d{1,3})$",
    re.IGNORECASE,
)


def is_signature_line(cells: list[str] | tuple[str, ...]) -> bool:
    """Tell whether a row starts the signature block that closes the table."""
    first = next((clean_text(c) for c in cells if c.strip()), "")
    if not first:
        return False
    return bool(_SIGNATURE.match(first)) or (
        bool(_SIGNATORY.match(first)) and first.isupper()
    )


def is_page_number(text: str) -> bool:
    """Tell whether a line is only a page number ("- 3 -", "Halaman 3 dari 9")."""
    return bool(_PAGE_NUMBER.match(clean_text(text)))


def area_header(cells: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (numeral, title) when the row is an area row, else None."""
    texts = [clean_text(c) for c in cells]
    if any(texts[2:]):
        return None
    first, second = texts[0], texts[1]
    if first and not second:
        match = _AREA.match(first)
        if match:
            return match.group("numeral"), match.group("title")
        return None
    if first and second:
        only = _NUMERAL_ONLY.match(first)
        if only:
            return only.group("numeral"), second
        return None
    if second and not first:
        match = _AREA.match(second)
        if match and match.group("title")[:1].isalpha():
            return match.group("numeral"), match.group("title")
    return None


def lke_area_for(numeral: str, title: str) -> tuple[str, bool]:
    """Map an area to its LKE code; the bool is True when it was read from the title."""
    for code, pattern in _LKE_KEYWORDS:
        if pattern.search(title):
            return code, True
    position = _ROMAN_VALUES.index(numeral) if numeral in _ROMAN_VALUES else 99
    codes = list(LKE_AREAS)
    return (codes[position] if position < len(codes) else ""), False


@dataclass
class _Pending:
    """An indikator whose rows are still being collected."""

    location: str
    target_location: str
    columns: list[list[str]] = field(default_factory=lambda: [[] for _ in range(6)])

    def add_row(self, cells: tuple[str, ...]) -> None:
        for index, cell in enumerate(cells):
            if cell.strip():
                self.columns[index].append(cell)

    def join_row(self, cells: tuple[str, ...]) -> None:
        for index, cell in enumerate(cells):
            if not cell.strip():
                continue
            if self.columns[index]:
                self.columns[index][-1] = (
                    self.columns[index][-1].rstrip() + " " + cell.strip()
                )
            else:
                self.columns[index].append(cell)

    def target(self) -> str:
        return " ".join(clean_text(t) for t in self.columns[TARGET])


class _Builder:
    def __init__(self, year: int | None) -> None:
        self.year = year
        self.areas: list[ParsedArea] = []
        self.warnings: list[ParseIssue] = []
        self.errors: list[ParseIssue] = []
        self.component: ParsedComponent | None = None
        self.pending: _Pending | None = None
        self.pending_component: ParsedComponent | None = None
        self.component_started_with_pending = False
        self.after_break = False
        self.seen_rows = False

    # -- events
    def page_break(self) -> None:
        if self.seen_rows:
            self.after_break = True

    def row(self, row: Row) -> None:
        cells = row.cells
        if not any(c.strip() for c in cells):
            return
        if is_header_row(cells) or is_number_row(cells):
            self.page_break()
            return
        self.seen_rows = True
        after_break, self.after_break = self.after_break, False
        area = area_header(cells)
        if area:
            self.finish_pending()
            self.start_area(area[0], area[1], row.location)
            return
        no, komponen = clean_text(cells[NO]), clean_text(cells[KOMPONEN])
        if after_break and self.is_continuation(cells):
            assert self.pending is not None  # noqa: S101 - checked by is_continuation
            self.pending.join_row(cells)
            if (
                komponen
                and self.component is not None
                and self.component_started_with_pending
            ):
                self.component.name = f"{self.component.name} {komponen}".strip()
            return
        if no or komponen:
            self.finish_pending()
            if not self.areas:
                self.errors.append(
                    ParseIssue(
                        row.location, "Baris komponen sebelum baris area (I–VI)."
                    )
                )
                return
            if not komponen:
                self.warnings.append(
                    ParseIssue(
                        row.location, f"Komponen nomor {no} tanpa nama komponen."
                    )
                )
            self.component = ParsedComponent(number=no.rstrip(". "), name=komponen)
            self.areas[-1].components.append(self.component)
            self.start_pending(row)
            self.component_started_with_pending = True
            return
        if self.component is None:
            self.errors.append(
                ParseIssue(
                    row.location, "Baris indikator sebelum ada komponen atau area."
                )
            )
            return
        if not clean_text(cells[INDIKATOR]) and self.pending is not None:
            self.pending.add_row(cells)
            return
        self.finish_pending()
        self.start_pending(row)
        self.component_started_with_pending = False

    # -- helpers
    def is_continuation(self, cells: tuple[str, ...]) -> bool:
        if self.pending is None or clean_text(cells[NO]):
            return False
        target = clean_text(cells[TARGET])
        if not target:
            return True
        previous = self.pending.target()
        if not previous or _CUT_TARGET.search(previous):
            return True
        alone = parse_target_time(previous, year=self.year)
        joined = parse_target_time(f"{previous} {target}", year=self.year)
        return alone.needs_review and not joined.needs_review

    def start_area(self, numeral: str, title: str, location: str) -> None:
        code, from_title = lke_area_for(numeral, title)
        if not from_title:
            if code:
                self.warnings.append(
                    ParseIssue(
                        location,
                        f"Area {numeral} «{title}»: area LKE tidak dikenali dari judulnya; "
                        f"dianggap {LKE_AREAS[code]} menurut nomornya.",
                    )
                )
            else:
                self.errors.append(
                    ParseIssue(
                        location,
                        f"Area {numeral} «{title}» tidak dapat dipetakan ke area LKE.",
                    )
                )
        if any(a.numeral == numeral for a in self.areas):
            self.warnings.append(
                ParseIssue(location, f"Area {numeral} muncul lebih dari sekali.")
            )
        self.areas.append(ParsedArea(numeral=numeral, title=title, lke_area=code))
        self.component = None

    def start_pending(self, row: Row) -> None:
        self.pending = _Pending(row.location, row.target_location or row.location)
        self.pending.add_row(row.cells)
        self.pending_component = self.component

    def finish_pending(self) -> None:
        pending, component = self.pending, self.pending_component
        self.pending = None
        if pending is None or component is None:
            return
        cols = pending.columns
        text = " ".join(clean_text(t) for t in cols[INDIKATOR]).strip()
        steps = [item for piece in cols[LANGKAH] for item in split_items(piece)]
        evidence = [item for piece in cols[BUKTI] for item in split_items(piece)]
        targets = [clean_text(t) for t in cols[TARGET]]
        raw_target = targets[0] if targets else ""
        if len(set(targets)) > 1:
            self.warnings.append(
                ParseIssue(
                    pending.target_location,
                    "Satu indikator punya beberapa target waktu ("
                    + "; ".join(targets)
                    + "); dipakai yang pertama.",
                )
            )
        target = parse_target_time(raw_target, year=self.year)
        if not text:
            self.warnings.append(
                ParseIssue(pending.location, "Indikator tanpa teks indikator.")
            )
        if not steps:
            self.warnings.append(
                ParseIssue(pending.location, "Indikator tanpa langkah aksi.")
            )
        if not evidence:
            self.warnings.append(
                ParseIssue(pending.location, "Indikator tanpa bukti fisik.")
            )
        if target.needs_review:
            self.warnings.append(ParseIssue(pending.target_location, target.note))
        component.indicators.append(
            ParsedIndicator(
                text=text,
                steps=steps,
                evidence=evidence,
                target=target,
                location=pending.location,
            )
        )

    def finish(self) -> None:
        self.finish_pending()
        if not self.areas:
            self.errors.append(
                ParseIssue("tabel Lampiran", "Tidak ada baris area (I–VI) di tabel.")
            )
            return
        for area in self.areas:
            if not area.components:
                self.warnings.append(
                    ParseIssue(f"area {area.numeral}", "Area tanpa komponen.")
                )
        present = {a.numeral for a in self.areas}
        missing = [n for n in NUMERALS if n not in present]
        if missing:
            self.errors.append(
                ParseIssue(
                    "tabel Lampiran",
                    "Area tidak ditemukan: "
                    + ", ".join(missing)
                    + ". Rencana aksi ZI memuat enam area (I–VI); berkas mungkin terpotong.",
                )
            )


def build_areas(
    events: list[Row | Break], *, year: int | None
) -> tuple[list[ParsedArea], list[ParseIssue], list[ParseIssue]]:
    """Turn table events into areas; return (areas, warnings, errors)."""
    builder = _Builder(year)
    for event in events:
        if isinstance(event, Break):
            builder.page_break()
        else:
            builder.row(event)
    builder.finish()
    return builder.areas, builder.warnings, builder.errors
