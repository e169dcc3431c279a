"""Read free Indonesian "target waktu" text into dated periods (pure, no database)."""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models


class Kind(models.TextChoices):
    MONTH = "month", "Bulan"
    RANGE = "range", "Rentang"
    LIST = "list", "Daftar periode"
    WEEK = "week", "Minggu"
    DEADLINE = "deadline", "Tenggat"
    RECURRING = "recurring", "Berulang"
    QUARTER = "quarter", "Triwulan"
    HALF = "half", "Semester"
    DATE = "date", "Tanggal"
    YEAR = "year", "Tahun"
    UNKNOWN = "unknown", "Tidak terbaca"


class Recurrence(models.TextChoices):
    NONE = "", "Tidak berulang"
    MONTHLY = "monthly", "Setiap bulan"
    QUARTERLY = "quarterly", "Setiap triwulan"
    SEMESTER = "semester", "Setiap semester"


WEEK_CONVENTION = (
    "Minggu ke-N suatu bulan dihitung per tujuh hari sejak tanggal 1: "
    "minggu ke-1 = tanggal 1–7, ke-2 = 8–14, ke-3 = 15–21, ke-4 = 22–28, "
    "ke-5 = tanggal 29 sampai akhir bulan; minggu terakhir = tujuh hari "
    "terakhir bulan itu."
)

Period = tuple[date, date]


@dataclass(frozen=True)
class TargetTime:
    """A target time as printed (``raw``) and as read (dates are inclusive)."""

    raw: str
    kind: str = Kind.UNKNOWN
    start: date | None = None
    end: date | None = None
    recurrence: str = Recurrence.NONE
    periods: tuple[Period, ...] = ()
    needs_review: bool = False
    note: str = ""

    def is_retroactive(self, signed_on: date) -> bool:
        """Tell whether the whole target ended before ``signed_on``."""
        return self.end is not None and self.end < signed_on

    @property
    def kind_label(self) -> str:
        return (
            str(Kind(self.kind).label) if self.kind in Kind.values else str(self.kind)
        )

    @property
    def convention(self) -> str:
        """The reading rule the UI should show next to this target ("" when none)."""
        return WEEK_CONVENTION if self.kind == Kind.WEEK else ""

    def describe(self) -> str:
        """Say in Indonesian how the text was read, e.g. for the command line."""
        if self.needs_review or self.end is None:
            return f"Perlu diperiksa: {self.note or 'target waktu tidak terbaca.'}"
        span = (
            format_date(self.end)
            if self.start == self.end or self.start is None
            else f"{format_date(self.start)} – {format_date(self.end)}"
        )
        if self.kind == Kind.DEADLINE:
            text = f"Tenggat: paling lambat {span}"
        elif self.kind == Kind.RECURRING:
            label = Recurrence(self.recurrence).label
            text = f"{label}: {span} ({len(self.periods)} periode)"
        elif self.kind == Kind.LIST:
            parts = "; ".join(
                format_date(a) if a == b else f"{format_date(a)} – {format_date(b)}"
                for a, b in self.periods
            )
            text = f"{self.kind_label}: {parts}"
        else:
            text = f"{self.kind_label}: {span}"
        return f"{text}. {self.note}".strip() if self.note else text + "."

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "kind": str(self.kind),
            "kind_label": self.kind_label,
            "description": self.describe(),
            "convention": self.convention,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": str(self.recurrence),
            "periods": [[s.isoformat(), e.isoformat()] for s, e in self.periods],
            "needs_review": self.needs_review,
            "note": self.note,
        }


# --------------------------------------------------------------------------- reading

MIN_YEAR, MAX_YEAR = 1900, 2199
LAST_WEEK = -1
MAX_LENGTH = 300

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
_REC_MONTHLY = re.compile(
    r"\b(?:per|setiap|tiap(?:\s*-?\s*tiap)?|every)\s*-?\s*(?:akhir\s+|awal\s+)?"
    r"(?:bulan|bln|month)\b|\bbulanan\b|\bmonthly\b|\b(?:se|satu\s+|1\s+)bulan\s+sekali\b"
)
_REC_QUARTERLY = re.compile(
    r"\b(?:per|setiap|tiap|every)\s*-?\s*(?:akhir\s+|awal\s+)?"
    r"(?:triwulan|tw|kuartal|kwartal|quarter|(?:3|tiga)\s+bulan)\b"
    r"|\btriwulanan\b|\bquarterly\b|\b(?:3|tiga)\s+bulan\s+sekali\b"
)
_REC_SEMESTER = re.compile(
    r"\b(?:per|setiap|tiap|every)\s*-?\s*(?:akhir\s+|awal\s+)?"
    r"(?:semester|(?:6|enam)\s+bulan)\b|\bsemesteran\b|\b(?:6|enam)\s+bulan\s+sekali\b"
)
_REC_YEARLY = re.compile(
    r"\b(?:per|setiap|tiap)\s*-?\s*tahun\b|\btahunan\b|\byearly\b|\bsepanjang\s+tahun\b"
)
_REC_OTHER = re.compile(
    r"\b(?:per|setiap|tiap)\s*-?\s*(?:hari|minggu|pekan)\b|\bharian\b|\bmingguan\b|\bweekly\b|\bdaily\b"
)
_DEADLINE = re.compile(
    r"^(?:paling\s+(?:lambat|telat)|selambat\s*-?\s*lambatnya|batas\s+(?:waktu|akhir)"
    r"|tenggat(?:\s+waktu)?|maksimal|maks|max|deadline|(?:pada\s+)?akhir|by|sebelum|before)\b"
)
_FROM = re.compile(r"^(?:mulai|sejak|dari|from)\b")
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


class _Unreadable(Exception):
    """The text does not follow the grammar (message in Indonesian)."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def format_date(value: date) -> str:
    """Write a date the Indonesian way: 27 Oktober 2025."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def normalize(text: str) -> str:
    """Lower-case, drop HTML remnants, unify dashes and spacing."""
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES.sub("-", text)
    return " ".join(text.split())


def _numeric_dates(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            d, m, y = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            y, m, d = int(match.group(4)), int(match.group(5)), int(match.group(6))
        if not (1 <= m <= 12 and MIN_YEAR <= y <= MAX_YEAR and 1 <= d <= 31):
            raise _Unreadable(f"Tanggal «{match.group(0)}» tidak sah.")
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
            raise _Unreadable(f"Kata «{tok}» tidak dikenali.")
    return out


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
                raise _Unreadable(f"Bagian «{self.peek()[1]}» tidak dapat dibaca.")
        if not items:
            raise _Unreadable("Tidak ada bulan, tanggal atau tahun.")
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
            raise _Unreadable("Kata «tahun» tanpa angka tahun yang sah.")
        return None

    def week_suffix(self, point: _Point) -> None:
        if self.peek()[0] == "week":
            self.take()
            n = self.number()
            if n is None:
                raise _Unreadable("Minggu ke berapa tidak disebutkan.")
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
                raise _Unreadable("Minggu ke berapa tidak disebutkan.")
            if self.peek()[0] != "month":
                raise _Unreadable("Bulan untuk minggu tidak disebutkan.")
            month = self.take()[1]
            return _Point("week", year=self.year(), month=month, number=n)
        if kind in ("quarter", "half"):
            self.take()
            n = self.number()
            limit = 4 if kind == "quarter" else 2
            if n is None or not 1 <= n <= limit:
                label = "Triwulan" if kind == "quarter" else "Semester"
                raise _Unreadable(f"{label} harus bernomor 1–{limit}.")
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
            and prev.kind in ("quarter", "half")
        ):
            # "Triwulan III dan IV", "Semester I - II 2025"
            n = self.number()
            limit = 4 if prev.kind == "quarter" else 2
            if n is not None and 1 <= n <= limit:
                return _Point(prev.kind, year=self.year(), number=n)
        if kind == "num" and len(value) <= 2 and self.peek(1)[0] in ("dash", "sep"):
            self.take()
            return _Point("day", day=int(value))
        if kind == "end":
            raise _Unreadable("Teks berakhir sebelum periode lengkap.")
        raise _Unreadable(f"Bagian «{value}» tidak dapat dibaca.")


def _fill_years(items: list[list[_Point]], plan_year: int | None) -> bool:
    """Give every point a year; return True when the plan's year was used."""
    # a bare day ("27 - 30 Oktober 2025") takes month and year from its partner
    for item in items:
        if len(item) == 2 and item[0].kind == "day":
            right = item[1]
            if right.kind != "date":
                raise _Unreadable("Tanggal awal rentang tanpa bulan.")
            item[0] = _Point(
                "date", year=right.year, month=right.month, day=item[0].day
            )
    flat = [p for item in items for p in item]
    if any(p.kind == "day" for p in flat):
        raise _Unreadable("Angka tanpa bulan tidak dapat dibaca.")
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
            raise _Unreadable(
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
        return date(y, 3 * n - 2, 1), _month_end(y, 3 * n)
    if point.kind == "half":
        n = point.number or 1
        return date(y, 6 * n - 5, 1), _month_end(y, 6 * n)
    month = point.month or 1
    last = _month_end(y, month)
    if point.kind == "month":
        return date(y, month, 1), last
    if point.kind == "date":
        day = point.day or 1
        if day > last.day:
            raise _Unreadable(f"Tanggal {day} {MONTH_NAMES[month - 1]} {y} tidak ada.")
        return date(y, month, day), date(y, month, day)
    # week
    n = point.number if point.number is not None else 0
    if n == LAST_WEEK:
        return last - timedelta(days=6), last
    first = 7 * (n - 1) + 1
    if n < 1 or n > 5 or first > last.day:
        raise _Unreadable(f"{MONTH_NAMES[month - 1]} {y} tidak punya minggu ke-{n}.")
    return date(y, month, first), date(y, month, min(7 * n, last.day))


def _read_periods(text: str, plan_year: int | None) -> tuple[str, list[Period], bool]:
    """Read a (recurrence-free) text into its kind and periods."""
    text = _UNTIL.sub(" - ", _numeric_dates(text))
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
            raise _Unreadable("Awal rentang jatuh setelah akhirnya.")
        periods.append((first[0], last[1]))
    if len(items) > 1:
        kind = Kind.LIST
    elif len(items[0]) == 2:
        kind = Kind.RANGE
    else:
        kind = {
            "month": Kind.MONTH, "date": Kind.DATE, "week": Kind.WEEK,
            "quarter": Kind.QUARTER, "half": Kind.HALF, "year": Kind.YEAR,
        }[items[0][0].kind]  # fmt: skip
    return kind, periods, used_plan_year


def _step_periods(start: date, end: date, months: int) -> tuple[Period, ...]:
    """Cut start..end into calendar blocks of ``months`` (1, 3 or 6), clipped."""
    out: list[Period] = []
    y, m = start.year, (start.month - 1) // months * months + 1
    while date(y, m, 1) <= end:
        block_end_month = m + months - 1
        block = (max(date(y, m, 1), start), min(_month_end(y, block_end_month), end))
        out.append(block)
        m += months
        if m > 12:
            y, m = y + 1, m - 12
    return tuple(out)


def _plan_year_note(year: int | None) -> str:
    return f"Tahun tidak tertulis; dipakai tahun rencana {year}."


def _parse(raw: str, year: int | None) -> TargetTime:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        year = None
    text = normalize(raw)
    text = text.strip(" .;:()[]\"'")
    if not text:
        return TargetTime(raw=raw, needs_review=True, note="Target waktu kosong.")
    if len(text) > MAX_LENGTH:
        return TargetTime(
            raw=raw,
            needs_review=True,
            note="Target waktu terlalu panjang untuk dibaca.",
        )
    text = text.replace("(", " ").replace(")", " ")

    for pattern, recurrence, months in (
        (_REC_MONTHLY, Recurrence.MONTHLY, 1),
        (_REC_QUARTERLY, Recurrence.QUARTERLY, 3),
        (_REC_SEMESTER, Recurrence.SEMESTER, 6),
    ):
        if pattern.search(text):
            rest = " ".join(pattern.sub(" ", text).split())
            rest = _FROM.sub("", rest).strip(" -,")
            notes = []
            if rest:
                _kind, periods, used = _read_periods(rest, year)
                start, end = periods[0][0], periods[-1][1]
                if (
                    len(periods) == 1
                    and start.month == end.month
                    and _FROM.match(" ".join(pattern.sub(" ", text).split()))
                ):
                    end = date(start.year, 12, 31)
            else:
                if year is None:
                    raise _Unreadable(
                        "Tahun tidak disebutkan dan tahun rencana tidak diketahui."
                    )
                start, end, used = date(year, 1, 1), date(year, 12, 31), True
            if used:
                notes.append(_plan_year_note(year))
            return TargetTime(
                raw=raw,
                kind=Kind.RECURRING,
                start=start,
                end=end,
                recurrence=recurrence,
                periods=_step_periods(start, end, months),
                note=" ".join(notes),
            )

    if _REC_YEARLY.search(text):
        rest = " ".join(_REC_YEARLY.sub(" ", text).split())
        if rest:
            kind, periods, _used = _read_periods(rest, year)
            if kind != Kind.YEAR:
                raise _Unreadable("Pengulangan tahunan dengan keterangan lain.")
            start, end = periods[0]
        elif year is None:
            raise _Unreadable(
                "Tahun tidak disebutkan dan tahun rencana tidak diketahui."
            )
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
        return TargetTime(
            raw=raw,
            kind=Kind.YEAR,
            start=start,
            end=end,
            periods=((start, end),),
            note=""
            if rest
            else f"Sepanjang tahun: dibaca sebagai tahun rencana {year}.",
        )
    if _REC_OTHER.search(text):
        raise _Unreadable("Pengulangan harian/mingguan belum didukung; isi periodenya.")

    deadline = _DEADLINE.match(text)
    if deadline:
        word = deadline.group(0)
        rest = text[deadline.end() :].strip(" -,:")
        if not rest:
            raise _Unreadable("Tenggat tanpa bulan atau tanggal.")
        _kind, periods, used = _read_periods(rest, year)
        if len(periods) != 1:
            raise _Unreadable("Tenggat dengan beberapa periode tidak dapat dibaca.")
        if word.startswith(("sebelum", "before")):
            end = periods[0][0] - timedelta(days=1)
        else:
            end = periods[0][1]
        return TargetTime(
            raw=raw,
            kind=Kind.DEADLINE,
            start=None,
            end=end,
            periods=((end.replace(day=1), end),),
            note=_plan_year_note(year) if used else "",
        )

    kind, periods, used = _read_periods(text, year)
    return TargetTime(
        raw=raw,
        kind=kind,
        start=min(p[0] for p in periods),
        end=max(p[1] for p in periods),
        periods=tuple(sorted(periods)),
        note=_plan_year_note(year) if used else "",
    )


def parse_target_time(text: str, *, year: int | None) -> TargetTime:
    """Read free Indonesian target-time text; never raises, flags what it cannot read.

    ``year`` is the plan's year, used when the text names no year.
    """
    raw = text if isinstance(text, str) else str(text)
    try:
        return _parse(raw, year)
    except _Unreadable as exc:
        return TargetTime(
            raw=raw,
            needs_review=True,
            note=f"Target waktu tidak dapat dibaca: {exc} Periksa dan isi manual.",
        )
    except Exception:  # noqa: BLE001 - the parser must never break an import
        return TargetTime(
            raw=raw,
            needs_review=True,
            note="Target waktu tidak dapat dibaca; periksa dan isi manual.",
        )
