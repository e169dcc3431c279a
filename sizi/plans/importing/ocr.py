"""OCR of scanned PDF pages: Tesseract's Indonesian model through pytesseract.

A page is rendered (pypdfium2, 200 dpi, grey), its ruled table found from the
dark horizontal and vertical lines (Pillow only), and Tesseract's words (with
their confidence) placed into the table's cells by their centre. A cell that
spans several columns (the area rows) is found by the missing separators.
Words outside the table are the page's text lines, in reading order.

Needs the ``tesseract`` program with the ``ind`` language (Debian:
``tesseract-ocr tesseract-ocr-ind``). Each page takes a few seconds; callers
bound the number of pages (``MAX_OCR_PAGES``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from sizi.plans.importing.pdf_reader import LOW_CONFIDENCE, Cell, Table, join_wrapped

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_OCR_PAGES = 25  # 4–8 s a page on one core: a scanned decree stays within minutes
DPI = 300  # Tesseract's best; at 200 dpi a "J" at a cell's edge was lost
LANGUAGE = "ind"
_DARK = 128  # grey level below which a pixel is ink
_LINE_ROW = 0.45  # share of the page width a horizontal rule covers at least
_LINE_COLUMN = 0.6  # share of the table height a vertical rule covers at least
_SEPARATOR = 0.5  # share of a row's height a column separator covers when present
_NUMBER_MARK = re.compile(r"(\d{1,2})[.,:;]")
_ROMAN = re.compile(r"^(?:X|IX|VIII|VII|VI|V|IV|III|II|I)\.?$")


@cache
def available() -> bool:
    """Tell whether Tesseract with the Indonesian model can be run here."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return LANGUAGE in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - a broken install means "not available"
        return False


@dataclass
class Word:
    text: str
    confidence: int
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # Tesseract's block, paragraph, line

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


def _runs(profile: list[float], threshold: float) -> list[tuple[int, int]]:
    """The runs (first, last) of positions whose value is at least `threshold`."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, value in enumerate([*profile, 0.0]):
        if value >= threshold and start is None:
            start = index
        elif value < threshold and start is not None:
            runs.append((start, index - 1))
            start = None
    return runs


def _centres(runs: list[tuple[int, int]]) -> list[int]:
    return [(a + b) // 2 for a, b in runs]


def _values(image: Image) -> list[float]:
    """The grey levels of a one-band image as 0–1 floats."""
    return [float(cast(int, v)) / 255 for v in image.get_flattened_data()]


def _ink(image: Image) -> Image:
    return image.point(lambda p: 255 if p < _DARK else 0)


def find_grid(
    image: Image,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """Find the ruled table: (row rules, column rules) as (first, last) pixel runs."""
    from PIL import Image as PILImage

    ink = _ink(image)
    width, height = ink.size
    rows = _values(ink.resize((1, height), PILImage.Resampling.BOX))
    ys = _runs(rows, _LINE_ROW)
    if len(ys) < 2:
        return None
    top, bottom = ys[0][0], ys[-1][1]
    band = ink.crop((0, top, width, bottom + 1))
    columns = _values(band.resize((width, 1), PILImage.Resampling.BOX))
    xs = _runs(columns, _LINE_COLUMN)
    if len(xs) < 2:
        return None
    return ys, xs


def _erase_rules(
    image: Image, ys: list[tuple[int, int]], xs: list[tuple[int, int]]
) -> Image:
    """Paint the table rules white, so Tesseract does not read them as "|" or "I"."""
    from PIL import ImageDraw

    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    left, right = xs[0][0], xs[-1][1]
    top, bottom = ys[0][0], ys[-1][1]
    for a, b in ys:
        draw.rectangle((left - 2, a - 2, right + 2, b + 2), fill=255)
    for a, b in xs:
        draw.rectangle((a - 2, top - 2, b + 2, bottom + 2), fill=255)
    return clean


def _separator_present(ink: Image, x: int, y0: int, y1: int) -> bool:
    from PIL import Image as PILImage

    if y1 - y0 < 8:
        return True
    strip = ink.crop((max(0, x - 2), y0 + 3, x + 3, y1 - 3))
    darkest = max(
        _values(strip.resize((strip.width, 1), PILImage.Resampling.BOX)), default=0.0
    )
    return darkest >= _SEPARATOR


def _ink_share(image: Image) -> float:
    from PIL import Image as PILImage

    return _values(_ink(image).resize((1, 1), PILImage.Resampling.BOX))[0]


def _words(
    image: Image, *, single_line: bool = False, whitelist: str = ""
) -> list[Word]:
    import pytesseract

    config = "--psm 7" if single_line else ""
    if whitelist:
        config += f" -c tessedit_char_whitelist={whitelist}"
    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, lang=LANGUAGE, config=config, output_type=pytesseract.Output.DICT
    )
    words = []
    for i, text in enumerate(data["text"]):
        confidence = int(float(data["conf"][i]))
        if confidence < 0 or not str(text).strip():
            continue
        words.append(
            Word(
                text=str(text).strip(),
                confidence=confidence,
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                line=(
                    int(data["block_num"][i]),
                    int(data["par_num"][i]),
                    int(data["line_num"][i]),
                ),
            )
        )
    return words


def _lines(words: list[Word]) -> list[list[Word]]:
    """Group words into Tesseract's lines, top to bottom, each left to right."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    lines = [sorted(ws, key=lambda w: w.left) for ws in grouped.values()]
    return sorted(lines, key=lambda ws: min(w.top for w in ws))


def _text_block(words: list[Word]) -> list[str]:
    """The page text of `words` as lines, with "" between paragraphs."""
    out: list[str] = []
    previous_bottom: int | None = None
    for line in _lines(words):
        top = min(w.top for w in line)
        bottom = max(w.top + w.height for w in line)
        height = max(w.height for w in line)
        if previous_bottom is not None and top - previous_bottom > 0.8 * height:
            out.append("")
        out.append(" ".join(w.text for w in line))
        previous_bottom = bottom
    return out


def _cell(words: list[Word]) -> Cell:
    text = "\n".join(" ".join(w.text for w in line) for line in _lines(words))
    doubtful = [(w.text, w.confidence) for w in words if w.confidence < LOW_CONFIDENCE]
    # a number cell's dot is often read as ":" or "," ("1:" for "1.")
    number = _NUMBER_MARK.fullmatch(text.strip())
    if number:
        text = number.group(1) + "."
    return Cell(join_wrapped(text), doubtful)


def read_page(image: Image) -> list[str | Table]:
    """OCR one page image into blocks: text lines and at most one ruled table."""
    image = image.convert("L")
    grid = find_grid(image)
    if grid is None:
        return list(_text_block(_words(image)))
    y_runs, x_runs = grid
    clean = _erase_rules(image, y_runs, x_runs)
    words = _words(clean)
    ys, xs = _centres(y_runs), _centres(x_runs)
    ink = _ink(image)
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    # which columns each row band joins (a missing separator: a spanning cell)
    bands = [(y0, y1) for y0, y1 in zip(ys, ys[1:], strict=False) if y1 - y0 >= 8]
    starts: list[list[int]] = []
    for y0, y1 in bands:
        owner = [0] * (len(xs) - 1)
        for j in range(1, len(xs) - 1):
            present = _separator_present(ink, xs[j], y0, y1)
            owner[j] = j if present else owner[j - 1]
        starts.append(owner)
    cells: list[list[list[Word]]] = [[[] for _ in xs[1:]] for _ in bands]
    before: list[Word] = []
    after: list[Word] = []
    for word in words:
        cx, cy = word.centre
        if cy < top:
            before.append(word)
            continue
        if cy > bottom:
            after.append(word)
            continue
        if not left < cx < right:
            (before if cy < (top + bottom) / 2 else after).append(word)
            continue
        row = next((k for k, (y0, y1) in enumerate(bands) if y0 <= cy < y1), None)
        column = next((j for j in range(len(xs) - 1) if xs[j] <= cx < xs[j + 1]), None)
        if row is None or column is None:
            continue
        cells[row][starts[row][column]].append(word)
    # Tesseract's page layout often drops a lone character (the NO column's
    # "1"): read an empty cell that holds ink on its own, as one text line.
    for k, (y0, y1) in enumerate(bands):
        for j in range(len(xs) - 1):
            if cells[k][j] or starts[k][j] != j:
                continue
            end = next(
                (m for m in range(j + 1, len(xs) - 1) if starts[k][m] == m),
                len(xs) - 1,
            )
            box = (xs[j] + 4, y0 + 4, xs[end] - 4, y1 - 4)
            if box[2] - box[0] < 8 or box[3] - box[1] < 8:
                continue
            crop = clean.crop(box)
            if _ink_share(crop) < 0.002:
                continue
            cells[k][j] = _words(crop, single_line=True)
    # An area row ("III" | "PENATAAN SISTEM MANAJEMEN SDM", the rest empty): its
    # numeral, alone in a narrow cell, is read again among I, V and X only.
    for k, (y0, y1) in enumerate(bands):
        band = cells[k]
        first = " ".join(w.text for w in band[0])
        if len(band) < 3 or len(first) > 5 or any(band[2:]) or not (first or band[1]):
            continue
        end = next((m for m in range(1, len(xs) - 1) if starts[k][m] == m), 1)
        box = (xs[0] + 4, y0 + 4, xs[end] - 4, y1 - 4)
        if box[2] - box[0] < 8 or box[3] - box[1] < 8:
            continue
        crop = clean.crop(box)
        if _ink_share(crop) < 0.002:
            continue
        numeral = _words(crop, single_line=True, whitelist="IVX.")
        if _ROMAN.match(" ".join(w.text for w in numeral)):
            band[0] = numeral
    table = Table([[_cell(ws) for ws in row] for row in cells])
    blocks: list[str | Table] = [*_text_block(before), table, *_text_block(after)]
    return blocks


def render_pages(data: bytes, numbers: list[int]) -> Iterator[tuple[int, Image]]:
    """Render the given pages (1-based) of a PDF as grey images at ``DPI``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                bitmap = page.render(scale=DPI / 72, grayscale=True)
                try:
                    image = bitmap.to_pil().copy()  # detached from the native buffer
                finally:
                    bitmap.close()
            finally:
                page.close()
            yield number, image
    finally:
        document.close()


def read_scanned(
    data: bytes, numbers: list[int]
) -> Generator[tuple[int, list[str | Table]]]:
    """OCR the given pages of a PDF: (page number, blocks) for each."""
    # Tesseract's OpenMP threads only add overhead on a shared server.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    for number, image in render_pages(data, numbers):
        yield number, read_page(image)
