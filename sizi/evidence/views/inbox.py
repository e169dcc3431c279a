"""The evidence panel of the home page's "Pekerjaan saya" inbox (loaded by htmx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.units import permissions as unit_permissions

LIMIT = 10


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the open requests addressed to the user (overdue first) and, where the
    user verifies, the items waiting for verification per unit; fixed queries."""
    user = request.user
    accesses = unit_permissions.visible_units(user)
    by_id = {a.unit.pk: a.unit for a in accesses}
    requests = (
        EvidenceRequest.objects.filter(unit_id__in=list(by_id)).for_user(user).open()
    )
    shown = list(requests.select_related("unit").order_by("due_date", "pk")[:LIMIT])
    verifying = [a.unit.pk for a in accesses if permissions.can_verify(a)]
    waiting = (
        Evidence.objects.filter(unit_id__in=verifying)
        .pending_review()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("unit__path")
        if verifying
        else []
    )
    to_verify = [{"unit": by_id[row["unit_id"]], "n": row["n"]} for row in waiting]
    total = requests.count() if len(shown) == LIMIT else len(shown)
    return TemplateResponse(
        request,
        "evidence/_my_work_panel.html",
        {
            "requests": shown,
            "request_count": total,
            "to_verify": to_verify,
            "today": timezone.localdate(),
            "empty": not shown and not to_verify,
        },
    )
