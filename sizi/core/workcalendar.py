"""Working days (hari kerja): the calendar arithmetic, free of Django.

A working day is a Monday to Friday that is neither a national holiday (from the
`holidays` package, Indonesia, "public" category) nor a day off decreed in the
data (cuti bersama from the yearly SKB 3 Menteri, see `data/cuti_bersama.yaml`,
plus what an administrator adds). The data can also declare a day the package
wrongly computes as a holiday to be a working day.

`WorkCalendar.add(start, n)` is the date n working days after `start` (the start
itself never counts); `WorkCalendar.count(after, until)` the number of working
days after `after` up to and including `until`. For n >= 0 the two are inverse:
``count(d, add(d, n)) == n``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import yaml

JAKARTA = ZoneInfo("Asia/Jakarta")
DATA_FILE = Path(__file__).resolve().parent / "data" / "cuti_bersama.yaml"

CUTI_BERSAMA = "cuti_bersama"
NATIONAL_HOLIDAY = "libur_nasional"
OTHER_DAY_OFF = "libur_lain"
WORKING_DAY = "hari_kerja"
KINDS = (CUTI_BERSAMA, NATIONAL_HOLIDAY, OTHER_DAY_OFF, WORKING_DAY)
# A span longer than this is a mistake in the input, not a deadline.
MAX_SPAN_DAYS = 366 * 20


class CalendarDataError(ValueError):
    """The calendar data file is malformed; the message says where."""


@dataclass(frozen=True)
class DayChange:
    """One decreed change to the national calendar."""

    day: date
    kind: str
    name: str
    source: str

    @property
    def is_day_off(self) -> bool:
        return self.kind != WORKING_DAY


def to_jakarta_date(value: date | datetime) -> date:
    """The calendar date in Asia/Jakarta of a date or an aware datetime."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("A naive datetime has no place on the calendar.")
        return value.astimezone(JAKARTA).date()
    return value


class WorkCalendar:
    """Weekends, the package's national holidays and the decreed changes."""

    def __init__(self, changes: Iterable[DayChange] = ()) -> None:
        self._national = holidays.country_holidays("ID", categories=("public",))
        self._off: dict[date, str] = {}
        self._working: set[date] = set()
        for change in changes:
            if change.is_day_off:
                self._off[change.day] = change.name
            else:
                self._working.add(change.day)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self._off:
            return False
        return day in self._working or day not in self._national

    def reason_off(self, day: date) -> str:
        """Why `day` is not a working day ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if day in self._off:
            return self._off[day]
        if day.weekday() >= 5:
            return "Sabtu" if day.weekday() == 5 else "Minggu"
        return str(self._national.get(day, ""))

    def add(self, start: date | datetime, n: int) -> date:
        """The date `n` working days after `start` (n >= 0; n == 0 gives start)."""
        if n < 0:
            raise ValueError("The number of working days cannot be negative.")
        day = to_jakarta_date(start)
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count(self, after: date | datetime, until: date | datetime) -> int:
        """Working days d with after < d <= until (negative when until < after)."""
        first, last = to_jakarta_date(after), to_jakarta_date(until)
        if last < first:
            return -self.count(last, first)
        if (last - first).days > MAX_SPAN_DAYS:
            raise ValueError("The span is too long for a deadline.")
        total = 0
        day = first
        while day < last:
            day += timedelta(days=1)
            if self.is_working_day(day):
                total += 1
        return total


def _parse_change(item: Any, source: str, where: str) -> DayChange:
    if not isinstance(item, dict) or not isinstance(item.get("date"), date):
        raise CalendarDataError(f"{where}: each day needs a date (YYYY-MM-DD).")
    kind = item.get("kind", CUTI_BERSAMA)
    if kind not in KINDS:
        raise CalendarDataError(f"{where}: unknown kind {kind!r}.")
    name = str(item.get("name") or "").strip()
    if not name:
        raise CalendarDataError(f"{where}: day {item['date']} needs a name.")
    return DayChange(day=item["date"], kind=kind, name=name, source=source)


def _apply_decree(
    result: dict[date, DayChange], decree: Any, year: int, where: str
) -> None:
    if not isinstance(decree, dict) or not decree.get("number"):
        raise CalendarDataError(f"{where}: each decree needs a number.")
    source = str(decree["number"])
    for item in decree.get("remove") or []:
        day = item.get("date") if isinstance(item, dict) else item
        if not isinstance(day, date):
            raise CalendarDataError(f"{where}: a removed day needs a date.")
        result.pop(day, None)
    for key in ("add", "working"):
        for item in decree.get(key) or []:
            if key == "working" and isinstance(item, dict):
                item = {**item, "kind": WORKING_DAY}
            change = _parse_change(item, source, where)
            if change.day.year != year:
                raise CalendarDataError(f"{where}: {change.day} is not in {year}.")
            result[change.day] = change


def parse_calendar_data(data: Mapping[str, Any]) -> list[DayChange]:
    """The changes in force after applying each year's decrees in date order."""
    years = data.get("years")
    if not isinstance(years, dict):
        raise CalendarDataError("The calendar data needs a 'years' mapping.")
    result: dict[date, DayChange] = {}
    for year, entry in sorted(years.items()):
        decrees = (entry or {}).get("decrees") or []
        ordered = sorted(
            enumerate(decrees),
            key=lambda pair: (str(pair[1].get("effective_from", "")), pair[0]),
        )
        for index, decree in ordered:
            _apply_decree(result, decree, int(year), f"{year}, decree {index + 1}")
    return sorted(result.values(), key=lambda change: change.day)


def load_calendar_data(path: Path = DATA_FILE) -> list[DayChange]:
    """Read and parse the calendar data file."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise CalendarDataError(f"{path.name}: not a YAML mapping.")
    return parse_calendar_data(data)
