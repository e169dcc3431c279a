"""Access rules of the LKE app's URLs (see ``sizi.core.tests.access``).

Every unit's assessment is a draft: only the unit's own layer (self) is open,
so the review actions are refused to everyone who can see the unit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sizi.core.models import Job
from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow, deny
from sizi.evidence import permissions as evidence_permissions
from sizi.lke import services
from sizi.lke.instrument import default_instrument_path
from sizi.lke.models import (
    EvaluationReport,
    Layer,
    Question,
    ReviewNote,
    Submission,
)
from sizi.lke.permissions import acts_as_tpi, can_turn_findings
from sizi.lke.services.instrument import load_instrument_file
from sizi.units import permissions
from sizi.units.models import Membership

YEAR = 2025
UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]


def build(world: World) -> None:
    """Load the instrument and start a draft assessment (with one snapshot) per unit."""
    load_instrument_file(default_instrument_path())
    for key in UNIT_KEYS:
        coordinator = world.get(key, f"membership:{Membership.Role.COORDINATOR}").user
        assessment = services.start_assessment(
            unit=world.units[key], year=YEAR, by=coordinator
        )
        Submission.objects.create(
            assessment=assessment,
            number=1,
            kind=Submission.Kind.values[0],
            by=coordinator,
            data={},
            sha256="0" * 64,
        )
        world.put(key, "assessment", assessment)
    question = Question.objects.select_related("sub_area__area").order_by("pk").first()
    assert question is not None  # noqa: S101
    world.put("", "question", question)
    for key in UNIT_KEYS:
        assessment = world.get(key, "assessment")
        # A reviewer's note (a comment) and an issued LHE in every unit.
        world.put(
            key,
            "note",
            ReviewNote.objects.create(
                assessment=assessment,
                question=question,
                layer=Layer.INTERNAL,
                text="Bukti belum lengkap.",
                returned=False,
            ),
        )
        EvaluationReport.objects.create(
            assessment=assessment,
            number=1,
            reference=f"LHE-{world.units[key].code}-{YEAR}-1",
            issued_on=date(YEAR, 12, 15),
            total=0,
        )
    owner = world.get("tanjabbar", f"membership:{Membership.Role.COORDINATOR}").user
    world.put(
        "",
        "import_job",
        Job.objects.create(
            user=owner,
            unit=world.units["tanjabbar"],
            kind="lke.import_preview",
            title="Pratinjau workbook",
            task_path="sizi.lke.tasks.preview_workbook",
        ),
    )


def import_job_owner(case: Case) -> bool | int:
    """A workbook preview job is its starter's, in its own unit; else it is missing."""
    job = case.world.get("", "import_job")
    return True if case.user == job.user and case.unit == job.unit else HIDDEN


def _import_job(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get("", "import_job").pk}


def manage(case: Case) -> bool:
    return permissions.can_manage_unit(case.access)


def write_self(case: Case) -> bool:
    return permissions.can_write_layer(case.user, case.access, Layer.SELF)


def write_self_and_upload(case: Case) -> bool:
    return write_self(case) and evidence_permissions.can_contribute(case.access)


def layer(name: str) -> Any:
    return lambda case: permissions.can_write_layer(case.user, case.access, name)


def _year(case: Case) -> dict[str, Any]:
    return {"year": YEAR}


def _question(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "question": case.world.get("", "question").code}


def _note(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "pk": case.world.get(case.unit_key, "note").pk}


def approve(case: Case) -> bool:
    return permissions.can_approve(case.access)


def enter_predicates(case: Case) -> bool:
    return permissions.can_manage_unit(case.access) or case.access.is_admin


def tpi(case: Case) -> bool:
    return acts_as_tpi(case.user, case.access)


def turn_findings(case: Case) -> bool:
    return can_turn_findings(case.user, case.access)


def reply(case: Case) -> bool:
    return permissions.can_contribute(case.access) or permissions.can_review_unit(
        case.access
    )


def _area(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "area": case.world.get("", "question").sub_area.area.code}


RULES: dict[str, Rule] = {
    "lke:my_work_panel": Rule("login", get=allow, post=allow),
    "lke:assessment_list": Rule("unit", get=allow, post=manage),
    "lke:rollup": Rule(
        "unit",
        get=lambda c: permissions.can_view_rollup(c.access),
        post=lambda c: permissions.can_view_rollup(c.access),
    ),
    "lke:dashboard_panel": Rule("unit", get=allow, post=allow),
    "lke:score": Rule("unit", get=allow, post=allow, kwargs=_year),
    "lke:answer_start": Rule("unit", get=allow, post=allow, kwargs=_year),
    "lke:answer_area": Rule("unit", get=allow, post=allow, kwargs=_area),
    "lke:answer_save": Rule("unit", get=None, post=write_self, kwargs=_question),
    "lke:answer_evidence": Rule("unit", get=None, post=write_self, kwargs=_question),
    "lke:answer_evidence_search": Rule(
        "unit", get=write_self, post=None, kwargs=_question
    ),
    "lke:answer_percent": Rule("unit", get=write_self, post=None, kwargs=_question),
    "lke:answer_evidence_upload": Rule(
        "unit", get=None, post=write_self_and_upload, kwargs=_question
    ),
    "lke:review_note_add": Rule("unit", get=None, post=deny, kwargs=_question),
    "lke:review_note_withdraw": Rule(
        "unit", get=None, post=deny, kwargs=lambda c: {"year": YEAR, "pk": 1}
    ),
    "lke:results": Rule("unit", get=allow, post=write_self, kwargs=_year),
    "lke:import_new": Rule("unit", get=manage, post=manage),
    "lke:import_job": Rule(
        "unit", get=import_job_owner, post=import_job_owner, kwargs=_import_job
    ),
    "lke:results_from_surveys": Rule("unit", get=None, post=write_self, kwargs=_year),
    "lke:answer_from_register": Rule(
        "unit", get=None, post=write_self, kwargs=_question
    ),
    "lke:submit": Rule("unit", get=None, post=manage, kwargs=_year),
    "lke:forward": Rule("unit", get=None, post=layer(Layer.PRELIMINARY), kwargs=_year),
    "lke:return": Rule("unit", get=None, post=deny, kwargs=_year),
    "lke:conclude": Rule("unit", get=None, post=layer(Layer.INTERNAL), kwargs=_year),
    "lke:national": Rule("unit", get=None, post=layer(Layer.NATIONAL), kwargs=_year),
    "lke:submission": Rule(
        "unit", get=allow, post=allow, kwargs=lambda c: {"year": YEAR, "number": 1}
    ),
    "lke:coverage": Rule("unit", get=allow, post=manage, kwargs=_year),
    "lke:export": Rule("unit", get=allow, post=allow, kwargs=_year),
    "lke:import": Rule("unit", get=allow, post=write_self, kwargs=_year),
    # Closing an evaluation.
    "lke:approve": Rule("unit", get=None, post=approve, kwargs=_year),
    "lke:predicates": Rule("unit", get=allow, post=enter_predicates),
    "lke:report_issue": Rule("unit", get=None, post=tpi, kwargs=_year),
    "lke:report_docx": Rule(
        "unit",
        get=None,
        post=allow,
        kwargs=lambda c: {"year": YEAR, "number": 1},
    ),
    "lke:findings": Rule("unit", get=allow, post=allow, kwargs=_year),
    "lke:finding_step": Rule(
        "unit", get=turn_findings, post=turn_findings, kwargs=_note
    ),
    "lke:note_reply": Rule("unit", get=None, post=reply, kwargs=_note),
}
