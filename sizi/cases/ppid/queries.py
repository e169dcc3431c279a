"""Reads of the PPID channel for pages: typed rows, fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse

from sizi.cases.ppid.models import InformationRequest, PublicInformation
from sizi.cases.ppid.rules import rules
from sizi.units.models import Unit


@dataclass(frozen=True)
class PublicInformationRow:
    """One entry of the Daftar Informasi Publik as the public page shows it."""

    category: str
    category_label: str
    title: str
    summary: str
    official: str
    form: str
    period: str
    retention: str
    url: str
    exception_ground: str


@dataclass(frozen=True)
class RequestRow:
    number: str
    information: str
    channel: str
    status: str
    decision: str
    received_at: datetime
    due_on: date
    late: bool
    url: str


def public_information(unit: Unit) -> list[PublicInformationRow]:
    """The unit's published DIP entries, by category then title (one query)."""
    grounds = rules().exception_grounds
    return [
        PublicInformationRow(
            category=e.category,
            category_label=e.get_category_display(),
            title=e.title,
            summary=""
            if e.category == PublicInformation.Category.EXEMPT
            else e.summary,
            official=e.official,
            form=e.form,
            period=e.period,
            retention=e.retention,
            url="" if e.category == PublicInformation.Category.EXEMPT else e.url,
            exception_ground=grounds.get(e.exception_ground, ""),
        )
        for e in PublicInformation.objects.filter(unit=unit, published=True).order_by(
            "category", "title"
        )
    ]


def request_rows(unit: Unit, today: date, status: str = "") -> list[RequestRow]:
    queryset = InformationRequest.objects.filter(unit=unit).select_related("unit")
    if status in InformationRequest.Status.values:
        queryset = queryset.filter(status=status)
    open_ = (InformationRequest.Status.RECEIVED, InformationRequest.Status.EXTENDED)
    return [
        RequestRow(
            number=r.number,
            information=r.information,
            channel=r.get_channel_display(),
            status=r.get_status_display(),
            decision=r.get_decision_display() if r.decision else "",
            received_at=r.received_at,
            due_on=r.due_on,
            late=r.status in open_ and r.due_on < today,
            url=reverse("cases:request_detail", args=[r.unit.code, r.pk]),
        )
        for r in queryset.order_by("-received_at", "-pk")[:200]
    ]
