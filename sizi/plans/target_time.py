"""Read free Indonesian "target waktu" text into dated periods (pure, no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models

from sizi.plans.target_grammar import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_NAMES,
    Period,
    Unreadable,
    month_end,
    normalize,
    read_periods,
)

__all__ = [
    "MONTH_NAMES",
    "WEEK_CONVENTION",
    "Kind",
    "Recurrence",
    "TargetTime",
    "format_date",
    "parse_target_time",
]


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
        if self.kind == Kind.WEEK or (
            self.kind != Kind.UNKNOWN and _WEEK_WORD.search(self.raw)
        ):
            return WEEK_CONVENTION
        return ""

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

MAX_LENGTH = 300
_WEEK_WORD = re.compile(r"\b(?:minggu|pekan)\b", re.IGNORECASE)

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
    r"|tenggat(?:\s+waktu)?|maksimal|maks|max|deadline|(?:pada\s+)?akhir|by|sebelum|before"
    r"|s\s*[./]\s*d|sd|sampai(?:\s+dengan)?|hingga|until)\b"
)
_END_OF = re.compile(r"^(?:pada\s+)?akhir\b\s*")
_THIS_YEAR = re.compile(r"tahun(?:\s+(?:ini|anggaran|berjalan))?")
_FROM = re.compile(r"^(?:mulai|sejak|dari|from)\b")


def format_date(value: date) -> str:
    """Write a date the Indonesian way: 27 Oktober 2025."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def _step_periods(start: date, end: date, months: int) -> tuple[Period, ...]:
    """Cut start..end into calendar blocks of ``months`` (1, 3 or 6), clipped."""
    out: list[Period] = []
    y, m = start.year, (start.month - 1) // months * months + 1
    while date(y, m, 1) <= end:
        block_end_month = m + months - 1
        block = (max(date(y, m, 1), start), min(month_end(y, block_end_month), end))
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
                _kind, periods, used = read_periods(rest, year)
                start = min(p[0] for p in periods)
                end = max(p[1] for p in periods)
                if (
                    len(periods) == 1
                    and start.month == end.month
                    and _FROM.match(" ".join(pattern.sub(" ", text).split()))
                ):
                    end = date(start.year, 12, 31)
            else:
                if year is None:
                    raise Unreadable(
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
            kind, periods, _used = read_periods(rest, year)
            if kind != Kind.YEAR:
                raise Unreadable("Pengulangan tahunan dengan keterangan lain.")
            start, end = periods[0]
        elif year is None:
            raise Unreadable(
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
        raise Unreadable("Pengulangan harian/mingguan belum didukung; isi periodenya.")

    deadline = _DEADLINE.match(text)
    if deadline:
        word = deadline.group(0)
        rest = text[deadline.end() :].strip(" -,:.")
        before = word.startswith(("sebelum", "before"))
        if not before:
            # "paling lambat akhir November 2025": both words say the same
            rest = _END_OF.sub("", rest)
        if not rest:
            raise Unreadable("Tenggat tanpa bulan atau tanggal.")
        if not before and _THIS_YEAR.fullmatch(rest):
            # "akhir tahun": the end of the plan's year, noted like any missing year
            if year is None:
                raise Unreadable(
                    "Tahun tidak disebutkan dan tahun rencana tidak diketahui."
                )
            end, used = date(year, 12, 31), True
        else:
            _kind, periods, used = read_periods(rest, year)
            if len(periods) != 1:
                raise Unreadable("Tenggat dengan beberapa periode tidak dapat dibaca.")
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

    kind, periods, used = read_periods(text, year)
    return TargetTime(
        raw=raw,
        kind=Kind(kind),
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
    except Unreadable as exc:
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
