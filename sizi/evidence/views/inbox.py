"""The evidence panel of the home page's "Pekerjaan saya" inbox (loaded by htmx)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions
from sizi.evidence.models import Evidence, EvidenceRequest, EvidenceStatusChange
from sizi.units import permissions as unit_permissions
from sizi.units.models import Unit, User

LIMIT = 10


@dataclass(frozen=True)
class ReturnedItem:
    """One of the user's items a verifier returned, with the reason given."""

    evidence: Evidence
    reason: str
    returned_by: str
    returned_at: datetime | None


def _returned_to(user: User, unit_ids: list[int]) -> list[ReturnedItem]:
    """Return the user's returned items (created or last uploaded by them), newest
    return first, each with the note of its latest return; one query."""
    last_return = EvidenceStatusChange.objects.filter(
        evidence=OuterRef("pk"), to_status=Evidence.Status.RETURNED
    ).order_by("-at", "-id")
    items = (
        Evidence.objects.filter(unit_id__in=unit_ids, status=Evidence.Status.RETURNED)
        .filter(Q(created_by=user) | permissions.uploaded_by_user(user))
        .select_related("unit")
        .annotate(
            return_note=Subquery(last_return.values("note")[:1]),
            returned_at=Subquery(last_return.values("at")[:1]),
            returned_by_name=Subquery(last_return.values("by__full_name")[:1]),
            returned_by_login=Subquery(last_return.values("by__username")[:1]),
        )
        .order_by("-returned_at", "-pk")[:LIMIT]
    )
    rows = []
    for item in items:
        # The annotations above; mypy does not know them.
        note, at = getattr(item, "return_note"), getattr(item, "returned_at")  # noqa: B009
        by = getattr(item, "returned_by_name") or getattr(item, "returned_by_login")  # noqa: B009
        rows.append(ReturnedItem(item, note or "", by or "", at))
    return rows


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the user's returned items (with the reason), the open requests addressed
    to them (overdue first) and, where the user verifies, the items waiting for
    verification per unit (not their own uploads); fixed queries."""
    user = request.user
    accesses = unit_permissions.visible_units(user)
    by_id: dict[int, Unit] = {a.unit.pk: a.unit for a in accesses}
    returned = _returned_to(user, list(by_id))
    requests = (
        EvidenceRequest.objects.filter(unit_id__in=list(by_id)).for_user(user).open()
    )
    shown = list(requests.select_related("unit").order_by("due_date", "pk")[:LIMIT])
    verifying = [a.unit.pk for a in accesses if permissions.can_verify(a)]
    waiting = (
        Evidence.objects.filter(unit_id__in=verifying)
        .pending_review()
        .exclude(permissions.uploaded_by_user(user))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("unit__path")
        if verifying
        else []
    )
    to_verify = [{"unit": by_id[row["unit_id"]], "n": row["n"]} for row in waiting]
    total = requests.count() if len(shown) == LIMIT else len(shown)
    today: date = timezone.localdate()
    return TemplateResponse(
        request,
        "evidence/_my_work_panel.html",
        {
            "returned": returned,
            "requests": shown,
            "request_count": total,
            "to_verify": to_verify,
            "today": today,
            "empty": not returned and not shown and not to_verify,
        },
    )
