"""Working days for every deadline in SIZI: the calendar as stored, and its writes.

Apps call `add_working_days(start, n)` and `count_working_days(after, until)`;
a page that computes many deadlines takes `current_calendar()` once (one query)
and calls its `add` / `count`. Dates are Asia/Jakarta dates; aware datetimes are
converted first. See docs/kalender-kerja.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction

from sizi.core import audit
from sizi.core.models import CalendarDay
from sizi.core.workcalendar import DayChange, WorkCalendar, load_calendar_data

if TYPE_CHECKING:
    from sizi.units.models import User

FIELDS = ["day", "kind", "name", "source", "origin", "active"]


def current_calendar() -> WorkCalendar:
    """The working calendar with every active stored change (one query)."""
    rows = CalendarDay.objects.filter(active=True).values_list(
        "day", "kind", "name", "source"
    )
    return WorkCalendar(DayChange(*row) for row in rows)


def add_working_days(
    start: date | datetime, n: int, *, calendar: WorkCalendar | None = None
) -> date:
    """The date `n` working days after `start` (the start never counts)."""
    return (calendar or current_calendar()).add(start, n)


def count_working_days(
    after: date | datetime,
    until: date | datetime,
    *,
    calendar: WorkCalendar | None = None,
) -> int:
    """Working days after `after` up to and including `until`."""
    return (calendar or current_calendar()).count(after, until)


@transaction.atomic
def save_calendar_day(day: CalendarDay, *, by: User) -> CalendarDay:
    """Save an administrator's change; from now on the row is theirs."""
    before = {}
    if day.pk:
        stored = CalendarDay.objects.get(pk=day.pk)
        before = audit.snapshot(stored, FIELDS)
    day.origin = CalendarDay.Origin.ADMIN
    day.full_clean()
    day.save()
    audit.record(
        by,
        "core.calendar_day.save",
        day,
        changes=audit.diff(before, audit.snapshot(day, FIELDS)),
    )
    return day


@transaction.atomic
def delete_calendar_day(day: CalendarDay, *, by: User) -> None:
    audit.record(
        by, "core.calendar_day.delete", day, changes=audit.snapshot(day, FIELDS)
    )
    day.delete()


@transaction.atomic
def load_calendar(
    changes: list[DayChange] | None = None, *, by: User | None = None
) -> dict[str, int]:
    """Bring the rows that came from the data file in line with it.

    Rows an administrator saved are left alone; data rows whose date the data no
    longer lists are removed. Returns counts of created, updated, kept and removed rows.
    """
    wanted = {c.day: c for c in (load_calendar_data() if changes is None else changes)}
    counts = {"created": 0, "updated": 0, "kept": 0, "removed": 0}
    stored = {row.day: row for row in CalendarDay.objects.select_for_update()}
    # One audit entry for the whole load; each changed day is in its drill-down.
    with audit.batch(by, "core.calendar_loaded") as entry:
        for row in stored.values():
            if row.origin == CalendarDay.Origin.DATA and row.day not in wanted:
                audit.record(by, "core.calendar_day.delete", row, origin="data")
                row.delete()
                counts["removed"] += 1
        for day, change in wanted.items():
            counts[_load_one(stored.get(day), change, by)] += 1
        entry.extra.update({k: counts[k] for k in ("created", "updated", "removed")})
    return counts


def _load_one(row: CalendarDay | None, change: DayChange, by: User | None) -> str:
    values = {"kind": change.kind, "name": change.name, "source": change.source}
    if row is None:
        row = CalendarDay(day=change.day, origin=CalendarDay.Origin.DATA, **values)
        row.full_clean()
        row.save()
        audit.record(by, "core.calendar_day.load", row, changes=values)
        return "created"
    if row.origin == CalendarDay.Origin.ADMIN:
        return "kept"
    before = audit.snapshot(row, FIELDS)
    for key, value in values.items():
        setattr(row, key, value)
    changed = audit.diff(before, audit.snapshot(row, FIELDS))
    if not changed:
        return "kept"
    row.full_clean()
    row.save()
    audit.record(by, "core.calendar_day.load", row, changes=changed)
    return "updated"
