"""Reads of complaints for pages and panels: typed rows, fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from sizi.cases.complaints.models import Complaint, ComplaintEvent
from sizi.units.models import Unit, User

Status = Complaint.Status


@dataclass(frozen=True)
class ComplaintRow:
    """One line of a complaint list."""

    number: str
    subject: str
    channel: str
    category: str
    status: str
    received_at: datetime
    due_on: date | None
    late: bool
    handler: str
    pic: str
    url: str


@dataclass(frozen=True)
class PublicEvent:
    """One entry of the trail as the reporter sees it."""

    at: datetime
    status: str
    kind: str
    text: str
    from_reporter: bool


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def late_filter(today: date) -> Q:
    """Open complaints past the deadline of their state (not the answered ones)."""
    return Q(status__in=Complaint.OPEN_STATUSES, due_on__lt=today)


def rows(queryset: QuerySet[Complaint], today: date) -> list[ComplaintRow]:
    """List rows in two queries at most (one with the joined people)."""
    out = []
    for c in queryset.select_related("handler", "pic", "unit"):
        out.append(
            ComplaintRow(
                number=c.number,
                subject=c.subject,
                channel=c.get_channel_display(),
                category=c.get_category_display()
                if c.category
                else "Belum diklasifikasi",
                status=c.get_status_display(),
                received_at=c.received_at,
                due_on=c.due_on,
                late=c.is_open and c.due_on is not None and c.due_on < today,
                handler=_name(c.handler),
                pic=_name(c.pic),
                url=reverse("cases:complaint_detail", args=[c.unit.code, c.pk]),
            )
        )
    return out


def visible_complaints(
    unit: Unit, user: User, *, all_of_unit: bool
) -> QuerySet[Complaint]:
    """Every complaint of the unit, or only those assigned to the user."""
    queryset = Complaint.objects.filter(unit=unit)
    if not all_of_unit:
        queryset = queryset.filter(Q(handler=user) | Q(pic=user))
    return queryset


def public_events(complaint: Complaint) -> list[PublicEvent]:
    """The part of the trail the reporter reads (never internal notes or names)."""
    return [
        PublicEvent(
            at=e.at,
            status=e.get_status_display(),
            kind=e.get_kind_display(),
            text=e.text,
            from_reporter=e.kind == ComplaintEvent.Kind.REPORTER,
        )
        for e in complaint.events.filter(public=True).order_by("at", "id")
    ]


def counts_by_status(unit: Unit) -> dict[str, int]:
    rows_ = Complaint.objects.filter(unit=unit).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows_}


def late_for_user(user: User, unit_ids: list[int], today: date) -> QuerySet[Complaint]:
    """The user's own late complaints (as handler or PIC) in the given units."""
    return Complaint.objects.filter(
        late_filter(today), Q(handler=user) | Q(pic=user), unit_id__in=unit_ids
    )
