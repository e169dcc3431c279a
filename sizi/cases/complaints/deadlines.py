"""The service levels of a complaint in working days (SP4N-LAPOR! pattern).

- received → verified and classified within `verify_days` (default 3);
- verified → tindak lanjut within `follow_up_days` after verification (default 5);
- tindak lanjut given → closed when `close_after_days` pass without a response
  from the reporter (default 10).

Each state has one deadline; `due_on` of a complaint stores the deadline of
its current state so that late items are one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sizi.core.workcalendar import WorkCalendar

RECEIVED = "diterima"
VERIFIED = "diverifikasi"
IN_PROGRESS = "diproses"
ANSWERED = "ditindaklanjuti"
CLOSED = "selesai"


@dataclass(frozen=True)
class ServiceLevels:
    """A unit's service levels, in working days."""

    verify_days: int = 3
    follow_up_days: int = 5
    close_after_days: int = 10


def due_on(
    status: str,
    *,
    since: date | datetime,
    levels: ServiceLevels,
    calendar: WorkCalendar,
) -> date | None:
    """The deadline of a complaint that entered `status` at `since`."""
    if status == RECEIVED:
        return calendar.add(since, levels.verify_days)
    if status in (VERIFIED, IN_PROGRESS):
        return calendar.add(since, levels.follow_up_days)
    if status == ANSWERED:
        return calendar.add(since, levels.close_after_days)
    return None


def working_days_late(due: date | None, today: date, calendar: WorkCalendar) -> int:
    """How many working days past `due` today is (0 when not late)."""
    if due is None or today <= due:
        return 0
    return calendar.count(due, today)
