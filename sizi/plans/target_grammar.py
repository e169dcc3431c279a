"""The grammar of target-time texts: tokens, periods and year filling (pure).

Used by ``sizi.plans.target_time``; texts that do not fit raise ``Unreadable``
with an Indonesian message.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Period = tuple[date, date]

MIN_YEAR, MAX_YEAR = 1900, 2199
LAST_WEEK = -1

MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_MONTH_WORDS: dict[str, int] = {}
for _n, _words in enumerate(
    (
        "januari jan january janu",
        "februari feb pebruari peb february febr",
        "maret mar march mrt",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "agustus agu agt ags agst aug august agus",
        "september sep sept spt",
        "oktober okt oct october",
        "november nov nop nopember",
        "desember des dec december",
    ),
    start=1,
):
    for _w in _words.split():
        _MONTH_WORDS[_w] = _n
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_ORDINAL = {
    "pertama": 1, "kesatu": 1, "satu": 1, "kedua": 2, "dua": 2, "ketiga": 3,
    "tiga": 3, "keempat": 4, "empat": 4, "kelima": 5, "lima": 5,
}  # fmt: skip
_KEYWORDS = {
    "minggu": "week", "pekan": "week", "week": "week", "mg": "week",
    "ke": "ke",
    "tahun": "tahun", "th": "tahun", "thn": "tahun", "ta": "tahun", "year": "tahun",
    "triwulan": "quarter", "tw": "quarter", "kuartal": "quarter",
    "kwartal": "quarter", "q": "quarter", "quarter": "quarter", "trw": "quarter",
    "semester": "half", "smt": "half", "sem": "half", "s": "half",
    "terakhir": "last",
}  # fmt: skip
_FILLER = {"pada", "tanggal", "tgl", "bulan", "periode", "anggaran", "the", "of", "in"}
_SEPARATORS = {",", ";", "&", "/", "dan", "serta", "and", "atau", "or"}

_TAG = re.compile(r"<[^>]*>")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2e3a\u2e3b~]")
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?:(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))(?!\d)"
)
_UNTIL = re.compile(
    r"\b(?:s\s*[./]\s*d\b\.?|sampai\s+dengan|sampai|hingga|until|to|sd)\b"
)
_KE = re.compile(r"\bke\s*-\s*")
_TOKEN = re.compile(r"@(\d{8})|\d+|[a-z]+|[-,;&/]")


@dataclass
class _Point:
    """One period named in the text, before years are filled in."""

    kind: str  # month, date, week, quarter, half, year, day
    year: int | None = None
    month: int | None = None
    day: int | None = None
    number: int | None = None  # week (1..5, LAST_WEEK), quarter or half number


class Unreadable(Exception):
    """The text does not follow the grammar (message in Indonesian)."""


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def normalize(text: str) -> str:
    """Lower-case, drop HTML remnants, unify dashes and spacing."""
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES.sub("-", text)
    return " ".join(text.split())


def numeric_dates(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            d, m, y = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            y, m, d = int(match.group(4)), int(match.group(5)), int(match.group(6))
        if not (1 <= m <= 12 and MIN_YEAR <= y <= MAX_YEAR and 1 <= d <= 31):
            raise Unreadable(f"Tanggal «{match.group(0)}» tidak sah.")
        return f" @{y:04d}{m:02d}{d:02d} "

    return _NUMERIC_DATE.sub(replace, text)


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for match in _TOKEN.finditer(text):
        tok = match.group(0)
        if match.group(1):
            out.append(("date", match.group(1)))
        elif tok.isdigit():
            out.append(("num", tok))
        elif tok == "-":
            out.append(("dash", tok))
        elif tok in _SEPARATORS:
            out.append(("sep", tok))
        elif tok in _MONTH_WORDS:
            out.append(("month", _MONTH_WORDS[tok]))
        elif tok in _ROMAN:
            out.append(("roman", _ROMAN[tok]))
        elif tok in _ORDINAL:
            out.append(("ord", _ORDINAL[tok]))
        elif tok in _KEYWORDS:
            out.append((_KEYWORDS[tok], tok))
        elif tok in _FILLER:
            continue
        else:
            raise Unreadable(f"Kata «{tok}» tidak dikenali.")
    return out


def _shown(token: tuple[str, Any]) -> str:
    """A token as a reader would write it, for messages (months by name, not number)."""
    kind, value = token
    if kind == "month":
        return MONTH_NAMES[value - 1]
    if kind == "roman":
        return next(word.upper() for word, n in _ROMAN.items() if n == value)
    return str(value)


class _Grammar:
    """Recursive descent over the tokens: items separated by commas, ranges by dashes."""

    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self, offset: int = 0) -> tuple[str, Any]:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else ("end", None)

    def take(self) -> tuple[str, Any]:
        tok = self.peek()
        self.i += 1
        return tok

    def items(self) -> list[list[_Point]]:
        items: list[list[_Point]] = []
        prev: _Point | None = None
        while True:
            while self.peek()[0] == "sep":
                self.take()
            if self.peek()[0] == "end":
                break
            left = self.point(prev)
            item = [left]
            if self.peek()[0] == "dash":
                self.take()
                item.append(self.point(left))
            items.append(item)
            prev = item[-1]
            if self.peek()[0] not in ("sep", "end"):
                raise Unreadable(f"Bagian «{_shown(self.peek())}» tidak dapat dibaca.")
        if not items:
            raise Unreadable("Tidak ada bulan, tanggal atau tahun.")
        last = items[-1]
        others = [p for item in items[:-1] for p in item]
        if (
            len(last) == 1
            and last[0].kind == "year"
            and others
            and all(p.year is None and p.kind != "year" for p in others)
        ):
            # "Oktober minggu ke-2, 2025": a trailing year belongs to the items before it
            for point in others:
                point.year = last[0].year
            items.pop()
        return items

    def number(self) -> int | None:
        kind, value = self.peek()
        if kind == "ke":
            self.take()
            kind, value = self.peek()
        if kind == "num" and len(value) <= 2:
            self.take()
            return int(value)
        if kind in ("roman", "ord"):
            self.take()
            return int(value)
        if kind == "last":
            self.take()
            return LAST_WEEK
        return None

    def year(self) -> int | None:
        kind, value = self.peek()
        has_word = kind == "tahun"
        if has_word:
            kind, value = self.peek(1)
        if kind == "num" and len(value) == 4 and MIN_YEAR <= int(value) <= MAX_YEAR:
            self.i += 2 if has_word else 1
            return int(value)
        if has_word:
            raise Unreadable("Kata «tahun» tanpa angka tahun yang sah.")
        return None

    def week_suffix(self, point: _Point) -> None:
        if self.peek()[0] == "week":
            self.take()
            n = self.number()
            if n is None:
                raise Unreadable("Minggu ke berapa tidak disebutkan.")
            point.kind, point.number = "week", n
            if point.year is None:
                point.year = self.year()

    def point(self, prev: _Point | None) -> _Point:
        kind, value = self.peek()
        if kind == "date":
            self.take()
            y, m, d = int(value[:4]), int(value[4:6]), int(value[6:])
            return _Point("date", year=y, month=m, day=d)
        if kind == "week":
            self.take()
            n = self.number()
            if n is None:
                raise Unreadable("Minggu ke berapa tidak disebutkan.")
            # "minggu ke-2 dan ke-3 Oktober 2025": the month may come later
            month = self.take()[1] if self.peek()[0] == "month" else None
            return _Point("week", year=self.year(), month=month, number=n)
        if kind in ("quarter", "half"):
            self.take()
            if self.peek()[0] == "dash" and self.peek(1)[0] in ("num", "roman", "ord"):
                self.take()  # "TW-IV", "Semester - II": the dash joins word and number
            n = self.number()
            limit = 4 if kind == "quarter" else 2
            if n is None or not 1 <= n <= limit:
                label = "Triwulan" if kind == "quarter" else "Semester"
                raise Unreadable(f"{label} harus bernomor 1–{limit}.")
            return _Point(kind, year=self.year(), number=n)
        if kind == "month":
            self.take()
            point = _Point("month", month=value)
            point.year = self.year()
            self.week_suffix(point)
            return point
        if kind == "num" and len(value) <= 2 and self.peek(1)[0] == "month":
            self.take()
            month = self.take()[1]
            return _Point("date", year=self.year(), month=month, day=int(value))
        if kind in ("num", "tahun") and (kind == "tahun" or len(value) == 4):
            only_year = self.year()
            if only_year is not None:
                return _Point("year", year=only_year)
        if (
            kind in ("num", "roman", "ord", "ke")
            and prev is not None
            and prev.kind in ("quarter", "half", "week")
        ):
            # "Triwulan III dan IV", "Semester I - II 2025", "minggu ke-2 dan ke-3"
            n = self.number()
            if prev.kind == "week" and n is not None:
                month = self.take()[1] if self.peek()[0] == "month" else None
                return _Point("week", year=self.year(), month=month, number=n)
            limit = 4 if prev.kind == "quarter" else 2
            if n is not None and 1 <= n <= limit:
                return _Point(prev.kind, year=self.year(), number=n)
        if kind == "num" and len(value) <= 2 and self.peek(1)[0] in ("dash", "sep"):
            self.take()
            return _Point("day", day=int(value))
        if kind == "end":
            raise Unreadable("Teks berakhir sebelum periode lengkap.")
        raise Unreadable(f"Bagian «{_shown((kind, value))}» tidak dapat dibaca.")


def _fill_years(items: list[list[_Point]], plan_year: int | None) -> bool:
    """Give every point a year; return True when the plan's year was used."""
    # a bare day ("27 - 30 Oktober 2025") takes month and year from its partner
    for item in items:
        if len(item) == 2 and item[0].kind == "day":
            right = item[1]
            if right.kind != "date":
                raise Unreadable("Tanggal awal rentang tanpa bulan.")
            item[0] = _Point(
                "date", year=right.year, month=right.month, day=item[0].day
            )
    flat = [p for item in items for p in item]
    if any(p.kind == "day" for p in flat):
        raise Unreadable("Angka tanpa bulan tidak dapat dibaca.")
    # a week without its month takes the month of the next (else previous) week
    for index, point in enumerate(flat):
        if point.kind == "week" and point.month is None:
            after = [q for q in flat[index + 1 :] if q.kind == "week" and q.month]
            before = [q for q in flat[:index] if q.kind == "week" and q.month]
            source = after[0] if after else (before[-1] if before else None)
            if source is None:
                raise Unreadable("Bulan untuk minggu tidak disebutkan.")
            point.month = source.month
            if point.year is None:
                point.year = source.year
    used_plan_year = False
    inferred: set[int] = set()
    for index, point in enumerate(flat):
        if point.year is not None:
            continue
        inferred.add(id(point))
        later = next((q.year for q in flat[index + 1 :] if q.year is not None), None)
        earlier = next(
            (q.year for q in reversed(flat[:index]) if q.year is not None), None
        )
        if later is not None:
            point.year = later
        elif earlier is not None:
            point.year = earlier
        elif plan_year is not None:
            point.year = plan_year
            used_plan_year = True
        else:
            raise Unreadable(
                "Tahun tidak disebutkan dan tahun rencana tidak diketahui."
            )
    for item in items:
        if len(item) != 2 or id(item[0]) not in inferred:
            continue
        left, right = item
        # "November - Februari 2026": the start is in the year before
        if (
            left.year is not None
            and left.year == right.year
            and left.month is not None
            and right.month is not None
            and left.month > right.month
        ):
            left.year -= 1
    return used_plan_year


def _span(point: _Point) -> Period:
    y = point.year
    assert y is not None  # noqa: S101 - filled by _fill_years
    if point.kind == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if point.kind == "quarter":
        n = point.number or 1
        return date(y, 3 * n - 2, 1), month_end(y, 3 * n)
    if point.kind == "half":
        n = point.number or 1
        return date(y, 6 * n - 5, 1), month_end(y, 6 * n)
    month = point.month or 1
    last = month_end(y, month)
    if point.kind == "month":
        return date(y, month, 1), last
    if point.kind == "date":
        day = point.day or 1
        if day > last.day:
            raise Unreadable(f"Tanggal {day} {MONTH_NAMES[month - 1]} {y} tidak ada.")
        return date(y, month, day), date(y, month, day)
    # week
    n = point.number if point.number is not None else 0
    if n == LAST_WEEK:
        return last - timedelta(days=6), last
    first = 7 * (n - 1) + 1
    if n < 1 or n > 5 or first > last.day:
        raise Unreadable(f"{MONTH_NAMES[month - 1]} {y} tidak punya minggu ke-{n}.")
    return date(y, month, first), date(y, month, min(7 * n, last.day))


def read_periods(text: str, plan_year: int | None) -> tuple[str, list[Period], bool]:
    """Read a normalized, recurrence-free text into (kind, periods, plan year used).

    ``kind`` is one of the ``Kind`` values: month, date, week, quarter, half, year,
    range or list.
    """
    text = _UNTIL.sub(" - ", numeric_dates(text))
    text = _KE.sub("ke ", text)
    items = _Grammar(_tokens(text)).items()
    used_plan_year = _fill_years(items, plan_year)
    periods: list[Period] = []
    for item in items:
        first = _span(item[0])
        if len(item) == 1:
            periods.append(first)
            continue
        last = _span(item[1])
        if last[1] < first[0]:
            raise Unreadable("Awal rentang jatuh setelah akhirnya.")
        periods.append((first[0], last[1]))
    if len(items) > 1:
        kind = "list"
    elif len(items[0]) == 2:
        kind = "range"
    else:
        kind = items[0][0].kind  # month, date, week, quarter, half or year
    return kind, periods, used_plan_year
