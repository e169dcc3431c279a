"""Access rules of the evidence app's URLs (see ``sizi.core.tests.access``)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sizi.core.tests.access import Case, Rule, World, allow
from sizi.evidence import services
from sizi.evidence.minipdf import minimal_pdf
from sizi.plans import permissions as plan_permissions
from sizi.units import permissions
from sizi.units.models import Membership

UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]


def build(world: World) -> None:
    """Give each unit a draft evidence item of its PIC and a request to that PIC."""
    for key in UNIT_KEYS:
        unit = world.units[key]
        pic = world.get(key, f"membership:{Membership.Role.TEAM}").user
        coordinator = world.get(key, f"membership:{Membership.Role.COORDINATOR}").user
        [evidence] = services.upload_evidence(
            unit,
            [services.IncomingFile("notulen.pdf", io.BytesIO(minimal_pdf(["Bukti"])))],
            services.EvidenceData(
                title="Notulen rapat", document_date=date(2025, 3, 1)
            ),
            by=pic,
        )
        request = services.create_request(
            unit,
            requested_from=pic,
            title="SK Tim ZI",
            due_date=timezone.localdate() + timedelta(days=7),
            by=coordinator,
        )
        world.put(key, "evidence", evidence)
        world.put(key, "evidence_request", request)


def contribute(case: Case) -> bool:
    return permissions.can_contribute(case.access)


def manage(case: Case) -> bool:
    return permissions.can_manage_unit(case.access)


def verify(case: Case) -> bool:
    return permissions.can_verify_evidence(case.access)


def fulfil(case: Case) -> bool:
    request = case.world.get(case.unit_key, "evidence_request")
    return manage(case) or (
        contribute(case) and request.requested_from_id == case.user.pk
    )


def edit_plan(case: Case) -> bool:
    return plan_permissions.can_edit_plan(case.access)


def _evidence(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get(case.unit_key, "evidence").pk}


def _request(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get(case.unit_key, "evidence_request").pk}


RULES: dict[str, Rule] = {
    "evidence:my_work_panel": Rule("login", get=allow, post=allow),
    "evidence:list": Rule("unit", get=allow, post=allow),
    "evidence:missing": Rule("unit", get=allow, post=allow),
    "evidence:upload": Rule("unit", get=contribute, post=contribute),
    "evidence:link_create": Rule("unit", get=contribute, post=contribute),
    "evidence:pack": Rule("unit", get=allow, post=allow),
    # The plans app's access rules give every unit a plan of 2025.
    "evidence:monev_report_file": Rule(
        "unit", get=None, post=edit_plan, kwargs=lambda c: {"year": 2025}
    ),
    "evidence:detail": Rule("unit", get=allow, post=allow, kwargs=_evidence),
    "evidence:edit": Rule("unit", get=None, post=contribute, kwargs=_evidence),
    "evidence:revision_add": Rule("unit", get=None, post=contribute, kwargs=_evidence),
    "evidence:steps": Rule("unit", get=None, post=contribute, kwargs=_evidence),
    "evidence:submit": Rule("unit", get=None, post=contribute, kwargs=_evidence),
    "evidence:verify": Rule("unit", get=None, post=verify, kwargs=_evidence),
    "evidence:return": Rule("unit", get=None, post=verify, kwargs=_evidence),
    "evidence:download": Rule(
        "unit",
        get=allow,
        post=allow,
        kwargs=lambda c: {**_evidence(c), "number": 1},
    ),
    "evidence:request_list": Rule("unit", get=allow, post=allow),
    "evidence:request_create": Rule("unit", get=None, post=manage),
    "evidence:request_fulfil": Rule("unit", get=fulfil, post=fulfil, kwargs=_request),
    "evidence:request_cancel": Rule("unit", get=None, post=manage, kwargs=_request),
    "evidence:overdue_panel": Rule("unit", get=allow, post=allow),
}
