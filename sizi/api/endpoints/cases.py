"""Read-only complaint summary: the recap counts of a year (no names, no text)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, READ_ERRORS, YEAR
from sizi.api.schemas import ComplaintRecapOut, CountOut
from sizi.cases import permissions
from sizi.cases.complaints.recap import CountRow, recap_for

router = Router(tags=["Pengaduan"])


def _counts(rows: tuple[CountRow, ...]) -> list[CountOut]:
    return [CountOut(label=row.label, count=row.count) for row in rows]


@router.get(
    "/units/{code}/complaints/{year}",
    response={200: ComplaintRecapOut, **READ_ERRORS},
    summary="Rekap pengaduan setahun",
)
def complaint_recap(
    request: HttpRequest, code: str = CODE, year: int = YEAR
) -> ComplaintRecapOut:
    """Count the complaints received in the year, as the recap page does."""
    channel = permissions.channel_access(caller(request), code)
    recap = recap_for(channel.access.unit, date(year, 1, 1), date(year, 12, 31))
    return ComplaintRecapOut(
        unit=channel.access.unit.code,
        start=recap.start,
        end=recap.end,
        total=recap.total,
        by_channel=_counts(recap.by_channel),
        by_category=_counts(recap.by_category),
        by_status=_counts(recap.by_status),
        must_follow_up=recap.must_follow_up,
        in_progress=recap.in_progress,
        followed_up=recap.followed_up,
        closed=recap.closed,
        percentage=recap.percentage,
        median_days_to_follow_up=recap.median_days_to_follow_up,
        median_days_to_close=recap.median_days_to_close,
    )
