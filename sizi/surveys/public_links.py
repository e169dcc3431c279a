"""What the unit's public page shows of its surveys: open forms and published results.

Only links and titles: no count or answer leaves the surveys app this way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from sizi.surveys.models import SurveyPeriod
from sizi.units.models import Unit


@dataclass(frozen=True)
class SurveyLink:
    """A public link: a survey to answer now, or a period's published results."""

    title: str
    url: str


def public_links(unit: Unit) -> list[SurveyLink]:
    """Return the unit's open survey forms, then its published results."""
    today = timezone.localdate()
    periods = SurveyPeriod.objects.filter(unit=unit).order_by("-ends_on", "-pk")
    open_now = periods.filter(
        status=SurveyPeriod.Status.OPEN, starts_on__lte=today, ends_on__gte=today
    )
    published = periods.filter(
        status=SurveyPeriod.Status.CLOSED, results_published_at__isnull=False
    )
    return [
        SurveyLink(
            f"Isi survei: {p.title}",
            reverse("surveys:public_form", args=[p.public_token]),
        )
        for p in open_now
    ] + [
        SurveyLink(
            f"Hasil survei: {p.title}",
            reverse("surveys:public_results", args=[unit.code, p.public_token]),
        )
        for p in published
    ]
