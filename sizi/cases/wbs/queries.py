"""Typed reads of the WBS for other pages (the home page's "Pekerjaan saya")."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from sizi.cases.wbs.models import IdentityRequest, WbsOfficer, WhistleblowReport
from sizi.units.models import User


@dataclass(frozen=True)
class WbsWorkRow:
    """One WBS appointment of the user and what waits there (counts only)."""

    unit_code: str
    unit_name: str
    role_label: str
    waiting: int
    waiting_label: str


def my_wbs_work(user: User) -> list[WbsWorkRow]:
    """Return the user's WBS appointments with what waits for them (three queries).

    Handlers often have no role in the unit, so this is their way in from the
    home page: reports with a new message, or identity decisions to take.
    """
    officers = list(
        WbsOfficer.objects.filter(user=user, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__name", "role")
    )
    unit_ids = [o.unit_id for o in officers]
    unread = dict(
        WhistleblowReport.objects.filter(unit_id__in=unit_ids, unread_by_handler=True)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    pending = dict(
        IdentityRequest.objects.filter(
            report__unit_id__in=unit_ids, status=IdentityRequest.Status.PENDING
        )
        .values_list("report__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for officer in officers:
        if officer.role == WbsOfficer.Role.HANDLER:
            count, label = unread.get(officer.unit_id, 0), "laporan dengan pesan baru"
        else:
            count, label = pending.get(officer.unit_id, 0), "permintaan identitas"
        rows.append(
            WbsWorkRow(
                officer.unit.code,
                officer.unit.name,
                officer.get_role_display(),
                count,
                label,
            )
        )
    return rows
