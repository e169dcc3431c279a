"""The LKE panel of the home page's "Pekerjaan saya" inbox (loaded by htmx)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke.models import Assessment, Layer, LayerScore
from sizi.lke.permissions import write_layer
from sizi.lke.services import findings
from sizi.units import permissions
from sizi.units.models import Membership, Unit

Status = Assessment.Status
# Statuses in which some layer below TPN is open (see services.open_layers).
WAITING = [
    Status.DRAFT,
    Status.RETURNED,
    Status.SUBMITTED,
    Status.PRELIMINARY_REVIEW,
    Status.FORWARDED,
    Status.INTERNAL_REVIEW,
]


@dataclass(frozen=True)
class Task:
    """One assessment waiting for the user, and the layer they fill."""

    assessment: Assessment
    layer: str
    progress: int

    @property
    def layer_label(self) -> str:
        return Layer(self.layer).label


def _self_progress(assessments: list[Assessment]) -> dict[int, int]:
    """Return the share (%) of questions the unit answered, per assessment id."""
    if not assessments:
        return {}
    rows = LayerScore.objects.filter(
        assessment__in=[a.pk for a in assessments], layer=Layer.SELF
    ).only("assessment_id", "answered", "question_count")
    return {
        row.assessment_id: round(100 * row.answered / row.question_count)
        for row in rows
        if row.question_count
    }


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the assessments waiting for the user's layer: their unit's self-assessment
    (coordinator or leader) or the review of a unit below (pendahuluan, TPI)."""
    accesses = {a.unit.pk: a for a in permissions.visible_units(request.user)}
    assessments = list(
        Assessment.objects.in_units(list(accesses))
        .filter(status__in=WAITING)
        .select_related("unit__level", "unit__parent")
        .order_by("unit__path", "-year")
    )
    progress = _self_progress(assessments)
    own: list[Task] = []
    reviews: list[Task] = []
    for assessment in assessments:
        access = accesses[assessment.unit_id]
        layer = write_layer(request.user, access, assessment)
        if layer == Layer.SELF and permissions.can_manage_unit(access):
            own.append(Task(assessment, layer, progress.get(assessment.pk, 0)))
        elif layer in {Layer.PRELIMINARY, Layer.INTERNAL}:
            reviews.append(Task(assessment, layer, progress.get(assessment.pk, 0)))
    rollups: list[Unit] = [
        a.unit
        for a in accesses.values()
        if a.has(Membership.Role.REVIEWER, direct_only=True)
    ]
    follow_ups = findings.my_open_findings(request.user)
    return TemplateResponse(
        request,
        "lke/_my_work_panel.html",
        {
            "own": own,
            "reviews": reviews,
            "follow_ups": follow_ups,
            "rollups": rollups if reviews else [],
            "empty": not own and not reviews and not follow_ups,
        },
    )
