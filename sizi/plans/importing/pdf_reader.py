"""Read the decree as PDF: a text layer through pdfplumber, a scan through OCR.

Both paths turn each page into blocks in reading order — text lines (the decree
fields) and tables (rows of cells) — and hand them to the same table pipeline
as the DOCX reader: the Lampiran is every table whose rows include the header
NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU, and every
later table as wide as that header; a new table (a new page) counts as a page
break, so a row cut by the page end is joined as in DOCX.

A page without a text layer is read by Tesseract (Indonesian model, see
``sizi.plans.importing.ocr``); its words carry a confidence, and the cells
holding a word below ``LOW_CONFIDENCE`` are listed on the plan
(``ParsedPlan.uncertain``) so the preview can ask for a correction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sizi.plans.importing.assembly import Six, finish_plan, fit_row_into
from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.decree_fields import Line, read_decree_fields
from sizi.plans.importing.parsed import (
    LKE_AREAS,
    NUMERALS,
    ParsedPlan,
    ParseIssue,
    UncertainCell,
)
from sizi.plans.importing.table import (
    BUKTI,
    INDIKATOR,
    LANGKAH,
    STANDARD,
    TARGET,
    Break,
    Row,
    area_header,
    header_layout,
    is_number_row,
    is_page_number,
    lke_area_for,
)

MAX_PAGES = 60  # a decree with its Lampiran; more is not a decree
LOW_CONFIDENCE = 80  # Tesseract word confidence (0–100) below which a cell is marked
# Pages with fewer characters than this in their text layer are taken as scanned.
MIN_TEXT_CHARS = 20


@dataclass
class Cell:
    """A table cell: its text and the words OCR was unsure of (word, confidence)."""

    text: str
    doubtful: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[Cell]]


@dataclass
class Page:
    """One page as blocks in reading order: a line of text (str) or a Table."""

    number: int
    blocks: list[str | Table] = field(default_factory=list)
    ocr: bool = False


class PdfError(Exception):
    """The PDF cannot be read (message in Indonesian, for the person)."""


@dataclass(frozen=True)
class ReadStep:
    """Where reading a PDF is: the page about to be read, for a progress bar.

    Text pages are read first (fractions up to ``TEXT_SHARE``), then the pages
    without text by OCR, which take seconds each (the rest).
    """

    page: int  # 1-based page number
    pages: int  # pages in the PDF
    ocr: bool = False
    ocr_done: int = 0  # pages already OCR'd
    ocr_pages: int = 0  # pages to OCR in all

    @property
    def note(self) -> str:
        suffix = " dengan OCR" if self.ocr else ""
        return f"Membaca halaman {self.page} dari {self.pages}{suffix}"

    @property
    def fraction(self) -> float:
        """How much of the reading is done (0–1) when this page starts."""
        if self.ocr:
            return TEXT_SHARE + (1 - TEXT_SHARE) * self.ocr_done / max(
                1, self.ocr_pages
            )
        return TEXT_SHARE * (self.page - 1) / max(1, self.pages)


TEXT_SHARE = 0.1  # of a progress bar: the text pass is fast, OCR is the long part
Progress = Callable[[ReadStep], None]


_BULLET_START = re.compile(r"^\s*[•●▪◦·]\s*")
_CUT_WORD = re.compile(r"\w[/-]\s*$")


def join_wrapped(text: str) -> str:
    """Join the lines of a wrapped cell with spaces, keeping a line break
    before a bullet (so the bullet still splits items)."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if out and not _BULLET_START.match(line):
            # a line cut after "/" or a hyphen continues the word
            glue = "" if _CUT_WORD.search(out[-1]) else " "
            out[-1] = out[-1].rstrip() + glue + line.strip()
        else:
            out.append(line.strip())
    return "\n".join(out)


# -- the text layer ----------------------------------------------------------


def _text_lines(page: object) -> list[tuple[float, str]]:
    """The page's text lines (top, text), with "" where a paragraph gap is."""
    lines = page.extract_text_lines(return_chars=False)  # type: ignore[attr-defined]
    out: list[tuple[float, str]] = []
    previous_bottom: float | None = None
    previous_height = 0.0
    for line in lines:
        height = float(line["bottom"]) - float(line["top"])
        if previous_bottom is not None and float(
            line["top"]
        ) - previous_bottom > 0.7 * max(height, previous_height):
            out.append((float(line["top"]) - 0.1, ""))
        out.append((float(line["top"]), str(line["text"])))
        previous_bottom, previous_height = float(line["bottom"]), height
    return out


def _read_text_page(number: int, page: object) -> Page:
    tables = page.find_tables()  # type: ignore[attr-defined]
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)  # type: ignore[attr-defined]
    positioned: list[tuple[float, str | Table]] = list(_text_lines(outside))
    for table in tables:
        rows = [
            [Cell(join_wrapped(cell or "")) for cell in row] for row in table.extract()
        ]
        positioned.append((float(table.bbox[1]), Table(rows)))
    positioned.sort(key=lambda item: item[0])
    return Page(number, [block for _, block in positioned])


def read_pages(
    data: bytes, *, ocr_page_limit: int | None = None, progress: Progress | None = None
) -> list[Page]:
    """Read every page of the PDF into blocks; OCR the pages without text.

    ``progress`` is called with a :class:`ReadStep` before each page is read
    (a background job shows "Membaca halaman 3 dari 18 dengan OCR").

    Raises PdfError when the file is not a readable PDF, has too many pages, or
    needs OCR that is not available here.
    """
    import pdfplumber

    from sizi.plans.importing import ocr

    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any unreadable PDF (PDFSyntaxError, …)
        raise PdfError(
            f"PDF rusak atau tidak dapat dibaca ({type(exc).__name__})."
        ) from exc
    with document:
        if getattr(document.doc, "encryption", None):
            raise PdfError("PDF terkunci kata sandi; buka kuncinya lalu unggah ulang.")
        count = len(document.pages)
        if count == 0:
            raise PdfError("PDF tidak berisi halaman.")
        if count > MAX_PAGES:
            raise PdfError(
                f"PDF terlalu panjang ({count} halaman; paling banyak {MAX_PAGES})."
            )
        pages: list[Page] = []
        scanned: list[int] = []
        try:
            for number, page in enumerate(document.pages, start=1):
                if progress is not None:
                    progress(ReadStep(number, count))
                if len(page.chars) < MIN_TEXT_CHARS:
                    scanned.append(number)
                    pages.append(Page(number, ocr=True))
                else:
                    pages.append(_read_text_page(number, page))
                    page.close()
        except Exception as exc:  # noqa: BLE001 - a damaged page is a user error
            raise PdfError(
                f"PDF rusak atau tidak dapat dibaca ({type(exc).__name__})."
            ) from exc
    if scanned:
        limit = ocr.MAX_OCR_PAGES if ocr_page_limit is None else ocr_page_limit
        if len(scanned) > limit:
            raise PdfError(
                f"PDF hasil pindaian ini punya {len(scanned)} halaman tanpa teks; "
                f"paling banyak {limit} halaman dibaca dengan OCR sekali unggah. "
                "Pisahkan keputusan dan Lampirannya, atau unggah PDF dengan lapisan teks."
            )
        if not ocr.available():
            raise PdfError(
                "PDF ini hasil pindaian (tanpa teks) dan OCR (Tesseract bahasa Indonesia) "
                "tidak terpasang di server; unggah PDF dengan lapisan teks, DOCX, atau XLSX."
            )
        scans = ocr.read_scanned(data, scanned)
        try:
            for done, number in enumerate(scanned):
                if progress is not None:
                    progress(ReadStep(number, count, True, done, len(scanned)))
                try:
                    read, blocks = next(scans)
                except Exception as exc:  # noqa: BLE001 - OCR of a damaged page
                    raise PdfError(
                        "Halaman hasil pindaian tidak dapat dibaca dengan OCR "
                        f"({type(exc).__name__})."
                    ) from exc
                pages[read - 1].blocks = blocks
        finally:
            scans.close()
    return pages


# -- blocks → plan -------------------------------------------------------------


def _doubtful_words(
    cells: list[Cell], columns: tuple[int, ...]
) -> dict[int, list[tuple[str, int]]]:
    """The doubtful words of a Lampiran row, by column (0–5)."""
    out: dict[int, list[tuple[str, int]]] = {}
    for six_index, column in enumerate(columns):
        if column < len(cells) and cells[column].doubtful:
            out[six_index] = cells[column].doubtful
    return out


def read_pdf_pages(pages: list[Page], *, year: int | None = None) -> ParsedPlan:
    """Turn the pages' blocks into a ParsedPlan (the DOCX reader's table rules)."""
    ocr_pages = [p.number for p in pages if p.ocr]
    plan = ParsedPlan(source_format="pdf-ocr" if ocr_pages else "pdf")
    lines: list[Line] = []
    rows: list[Row | Break] = []
    doubtful: dict[str, dict[int, list[tuple[str, int]]]] = {}
    layout = STANDARD
    in_lampiran = False
    for page in pages:
        table_no = 0
        line_no = 0
        for block in page.blocks:
            if isinstance(block, str):
                line_no += 1
                if not is_page_number(block) or not block.strip():
                    lines.append(Line(f"halaman {page.number} baris {line_no}", block))
                continue
            table_no += 1
            where = f"halaman {page.number} tabel {table_no}"
            texts = [[cell.text for cell in row] for row in block.rows]
            header_at = next(
                (i for i, cells in enumerate(texts) if header_layout(cells)), None
            )
            if header_at is not None:
                found = header_layout(texts[header_at])
                if found is not None and found != layout:
                    layout = found
                issue = (
                    found.ignored_columns(f"{where} baris {header_at + 1}")
                    if found
                    else None
                )
                if issue is not None and not in_lampiran:
                    plan.warnings.append(issue)
            widths = {len(cells) for cells in texts}
            continues = in_lampiran and widths and max(widths) == layout.width
            if header_at is None and not continues:
                for index, cells in enumerate(texts, start=1):
                    for cell in dict.fromkeys(cells):
                        lines.extend(
                            Line(f"{where} baris {index}", t) for t in cell.split("\n")
                        )
                continue
            if in_lampiran:
                rows.append(Break(where))
            in_lampiran = True
            for index, cells in enumerate(texts, start=1):
                location = f"{where} baris {index}"
                if header_at is not None and index <= header_at:
                    lines.extend(Line(location, c) for c in cells if c.strip())
                    continue
                if header_layout(cells) or is_number_row(cells):
                    rows.append(Break(location))
                    continue
                six = fit_row_into(plan, cells, layout, location)
                if six is None:
                    continue
                if page.ocr:
                    six = _area_numeral(plan, six, location)
                target_column = layout.columns[TARGET] + 1
                rows.append(Row(six, location, f"{location} kolom {target_column}"))
                words = _doubtful_words(block.rows[index - 1], layout.columns)
                if words:
                    doubtful[location] = words
    plan.decree = read_decree_fields(lines)
    plan = finish_plan(plan, rows, found=in_lampiran, where="di tabel PDF", year=year)
    if ocr_pages:
        plan.warnings.insert(
            0,
            ParseIssue(
                "berkas",
                f"PDF hasil pindaian: {len(ocr_pages)} halaman dibaca dengan OCR. "
                "Periksa isinya; sel yang kurang yakin ditandai.",
            ),
        )
        mark_uncertain(plan, rows, doubtful)
    return plan


_DIGITS = re.compile(r"^\d")


def _area_numeral(plan: ParsedPlan, six: Six, location: str) -> Six:
    """Give an OCR'd area row whose numeral was not read ("III" in a narrow cell
    is often lost) the numeral its title names (the six LKE areas' order)."""
    no, title = clean_text(six[0]), clean_text(six[1])
    if any(clean_text(c) for c in six[2:]) or _DIGITS.match(no):
        return six
    if area_header(six) is not None:
        return six
    if not title:  # numeral and title in one cell: "Il PENATAAN TATA LAKSANA"
        no, _, title = no.partition(" ")
        if not title:
            return six
    code, from_title = lke_area_for("", title)
    if not from_title or code not in LKE_AREAS:
        return six
    numeral = NUMERALS[list(LKE_AREAS).index(code)]
    plan.warnings.append(
        ParseIssue(
            location,
            f"Nomor area tidak terbaca OCR («{no}»); dianggap {numeral} menurut "
            f"judulnya «{title}».",
        )
    )
    return (numeral, title, "", "", "", "")


_WORD_EDGE = re.compile(r"^\W+|\W+$")


def _norm(word: str) -> str:
    return _WORD_EDGE.sub("", word).lower()


def mark_uncertain(
    plan: ParsedPlan,
    rows: list[Row | Break],
    doubtful: dict[str, dict[int, list[tuple[str, int]]]],
) -> None:
    """List on the plan the items whose source rows held a doubtful OCR word.

    An indikator is built from the rows from its first row up to the next
    indikator's first row; an item (the indikator text, a step, an evidence
    item, the target) is uncertain when it holds a doubtful word of its column.
    """
    order = [r.location for r in rows if isinstance(r, Row)]
    position = {location: i for i, location in enumerate(order)}
    indicators = list(plan.iter_indicators())
    starts = [position.get(ind.location, -1) for _, _, ind in indicators]
    keys = plan_item_keys(plan)
    for n, (_area, _comp, ind) in enumerate(indicators):
        start = starts[n]
        if start < 0:
            continue
        end = next((s for s in starts[n + 1 :] if s > start), len(order))
        by_column: dict[int, list[tuple[str, int]]] = {}
        for location in order[start:end]:
            for column, words in doubtful.get(location, {}).items():
                by_column.setdefault(column, []).extend(words)
        if not by_column:
            continue
        items: list[tuple[str, int, str, int]] = [("text", 0, ind.text, INDIKATOR)]
        items += [("step", i, s, LANGKAH) for i, s in enumerate(ind.steps)]
        items += [("evidence", i, e, BUKTI) for i, e in enumerate(ind.evidence)]
        items.append(("target", 0, ind.target.raw, TARGET))
        for kind, index, text, column in items:
            tokens = {_norm(t) for t in clean_text(text).split()}
            hits = [c for w, c in by_column.get(column, []) if _norm(w) in tokens]
            if not hits:
                continue
            ind_key = keys[id(ind)]
            plan.uncertain.append(
                UncertainCell(
                    key=f"{ind_key}.{kind}.{index}",
                    location=ind.location,
                    column=_COLUMN_LABELS[kind],
                    text=text,
                    confidence=min(hits),
                )
            )
            ind.uncertain.append(f"{kind}.{index}")


_COLUMN_LABELS = {
    "text": "Indikator",
    "step": "Langkah aksi",
    "evidence": "Bukti fisik",
    "target": "Target waktu",
}


def plan_item_keys(plan: ParsedPlan) -> dict[int, str]:
    """Key of each indikator by position: "area.komponen.indikator" (0-based)."""
    keys: dict[int, str] = {}
    for a, area in enumerate(plan.areas):
        for c, comp in enumerate(area.components):
            for i, ind in enumerate(comp.indicators):
                keys[id(ind)] = f"{a}.{c}.{i}"
    return keys


# -- the pages as JSON (kept with a preview between the reading job and the save) --


def pages_to_data(pages: list[Page]) -> list[dict[str, Any]]:
    """The pages as JSON-ready data: lines as strings, tables as rows of cells."""
    return [
        {
            "number": page.number,
            "ocr": page.ocr,
            "blocks": [
                block
                if isinstance(block, str)
                else {
                    "rows": [
                        [
                            {
                                "text": cell.text,
                                "doubtful": [list(w) for w in cell.doubtful],
                            }
                            for cell in row
                        ]
                        for row in block.rows
                    ]
                }
                for block in page.blocks
            ],
        }
        for page in pages
    ]


def pages_from_data(data: list[dict[str, Any]]) -> list[Page]:
    """Rebuild the pages from :func:`pages_to_data`; ValueError if malformed."""
    try:
        return [
            Page(
                int(item["number"]),
                [
                    str(block)
                    if isinstance(block, str)
                    else Table(
                        [
                            [
                                Cell(
                                    str(cell["text"]),
                                    [(str(w), int(c)) for w, c in cell["doubtful"]],
                                )
                                for cell in row
                            ]
                            for row in block["rows"]
                        ]
                    )
                    for block in item["blocks"]
                ],
                bool(item["ocr"]),
            )
            for item in data
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"malformed pages: {exc}") from exc


def read_pdf(
    data: bytes, *, year: int | None = None, progress: Progress | None = None
) -> ParsedPlan:
    """Read a PDF decree; an unreadable PDF gives a plan with an error.

    Reads (and OCRs) the file every time: the upload page reads a PDF once in a
    background job and keeps the pages (:func:`pages_to_data`) with the preview.
    """
    try:
        pages = read_pages(data, progress=progress)
    except PdfError as exc:
        return ParsedPlan(errors=[ParseIssue("berkas", str(exc))], source_format="pdf")
    return read_pdf_pages(pages, year=year)
