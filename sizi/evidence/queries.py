"""Reads that join evidence with the action plan, for this app and for the plans UI.

`with_evidence_state(steps)` annotates any ActionStep queryset with how well
its evidence stands; the plans pages may use it for their evidence badges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from sizi.evidence import permissions
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.plans.models import ActionPlan, ActionStep, ExpectedEvidence
from sizi.units.permissions import UnitAccess

if TYPE_CHECKING:
    from sizi.units.models import User

Status = Evidence.Status

EVIDENCE_STATE_LABELS = {
    "verified": ("Bukti terverifikasi", "badge-ok"),
    "pending": ("Bukti menunggu verifikasi", "badge-warn"),
    "returned": ("Bukti dikembalikan", "badge-danger"),
    "missing": ("Belum ada bukti", "badge-muted"),
}


def with_evidence_state(steps: QuerySet[ActionStep]) -> QuerySet[ActionStep]:
    """Annotate evidence counts, `evidence_state` and `done_without_verified`.

    `evidence_state` is verified, pending (draft or submitted), returned or
    missing. `done_without_verified` flags a step marked selesai that has no
    verified evidence: the plan says done, the evaluators will not agree.
    """
    return steps.annotate(
        evidence_total=Count("evidence", distinct=True),
        evidence_verified=Count(
            "evidence", filter=Q(evidence__status=Status.VERIFIED), distinct=True
        ),
        evidence_returned=Count(
            "evidence", filter=Q(evidence__status=Status.RETURNED), distinct=True
        ),
    ).annotate(
        evidence_state=Case(
            When(evidence_verified__gt=0, then=Value("verified")),
            When(evidence_total=0, then=Value("missing")),
            When(evidence_total=F("evidence_returned"), then=Value("returned")),
            default=Value("pending"),
            output_field=CharField(),
        ),
        done_without_verified=Case(
            When(
                Q(status=ActionStep.Status.DONE) & Q(evidence_verified=0),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def expects_evidence() -> Exists:
    """Return a condition: the step's indicator lists an expected bukti fisik."""
    return Exists(ExpectedEvidence.objects.filter(indicator=OuterRef("indicator")))


def plan_steps(plan: ActionPlan) -> QuerySet[ActionStep]:
    """Return a plan's steps with their tree, expected evidence and evidence state.

    `state` is the plans app's derived status (late included), so this page
    and the plan tree say the same of a step.
    """
    return (
        with_evidence_state(ActionStep.objects.for_plan(plan).with_display_status())
        .annotate(expects_evidence=expects_evidence())
        .select_related("indicator__component__area")
        .prefetch_related("owners", "indicator__expected_evidence")
        .order_by(
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
            "pk",
        )
    )


def steps_missing_evidence(plan: ActionPlan) -> QuerySet[ActionStep]:
    """Return steps whose indicator expects bukti fisik but that have no evidence yet."""
    # Q() because the fields are annotations plan_steps() adds, unknown to the stubs.
    return plan_steps(plan).filter(Q(expects_evidence=True, evidence_total=0))


def done_steps_without_verified_evidence(plan: ActionPlan) -> QuerySet[ActionStep]:
    """Return steps marked selesai with no verified evidence (flagged)."""
    return plan_steps(plan).filter(Q(done_without_verified=True))


def state_label(step: Any) -> tuple[str, str]:
    """Return (label, badge class) for a step annotated by `with_evidence_state`."""
    return EVIDENCE_STATE_LABELS[step.evidence_state]


@dataclass(frozen=True)
class RequestRow:
    """An evidence request as the list shows it, with whether the user may fulfil it."""

    request: EvidenceRequest
    can_fulfil: bool


def request_rows(
    requests: Iterable[EvidenceRequest], access: UnitAccess, user: User
) -> list[RequestRow]:
    """Return the list's rows (no query beyond the requests themselves)."""
    return [
        RequestRow(r, permissions.can_fulfil_request(access, user, r)) for r in requests
    ]
