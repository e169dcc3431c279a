"""Read free Indonesian "target waktu" text into dated periods (pure, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "kind": str(self.kind),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": str(self.recurrence),
            "periods": [[s.isoformat(), e.isoformat()] for s, e in self.periods],
            "needs_review": self.needs_review,
            "note": self.note,
        }


def parse_target_time(text: str, *, year: int | None) -> TargetTime:
    """Read ``text`` into a TargetTime; never raises (placeholder, being written)."""
    return TargetTime(raw=text, needs_review=True, note="Belum diproses.")
