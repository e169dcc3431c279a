"""Rights on LKE assessments, built only from the predicates of `units.permissions`.

Everyone who may see a unit reads its LKE. The unit's leader, coordinator and
PICs fill the self layer; a reviewer of the parent unit fills the penilaian
pendahuluan of a unit whose level needs one; a reviewer at the root fills the
TPI layer and records the TPN values. A layer is written only while the
assessment's status keeps it open (`services.open_layers`).

The getters raise 404 for an assessment, question or note the user may not
see, and 403 (through `require`) for a visible thing the user may not act on.
Templates read the rights of one page from `rights_for(...)`, put in the
context as ``rights``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404

from sizi.lke.models import Assessment, Layer, Question, ReviewNote
from sizi.lke.services.workflow import open_layers
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess, require

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sizi.lke.pages import QuestionRow
    from sizi.units.models import User

#: The layers whose writers review the unit's answers and may return items.
REVIEW_LAYERS = frozenset({Layer.PRELIMINARY, Layer.INTERNAL})
#: The layers whose writers add notes on questions (TPN notes are comments).
NOTE_LAYERS = REVIEW_LAYERS | {Layer.NATIONAL}
#: The statuses in which the unit itself may still answer and submit.
UNIT_EDITABLE = frozenset({Assessment.Status.DRAFT, Assessment.Status.RETURNED})


@dataclass(frozen=True)
class LkeRights:
    """What the user may do on an LKE page: templates read ``rights.can_*``."""

    can_write: bool = False  # fills an open layer: answers, Hasil, workbook upload
    can_review: bool = False  # that layer is a review (pendahuluan or TPI)
    can_note: bool = False  # adds reviewer notes (pendahuluan, TPI, TPN)
    can_manage: bool = False  # coordinator/leader: start, indicator links
    can_submit: bool = False  # submit the self-assessment now
    can_contribute: bool = False  # a unit member while the unit still answers
    can_forward: bool = False
    can_conclude: bool = False
    can_record_national: bool = False
    can_view_rollup: bool = False
    can_approve: bool = False  # the unit's pimpinan approves the self-assessment
    can_enter_predicates: bool = False  # coordinator/admin: past predicates
    can_generate_report: bool = False  # TPI: the LHE of a concluded assessment
    can_turn_findings: bool = False  # coordinator or TPI: note -> follow-up step
    can_reply: bool = False  # unit members answer a reviewer's note


def rights_for(
    access: UnitAccess,
    assessment: Assessment | None,
    layer: str | None,
    *,
    tpi: bool = False,
) -> LkeRights:
    """Return the rights of a page; ``layer`` is the user's write layer (`write_layer`).

    ``tpi`` says whether the user holds the TPI right on the unit (any status).
    """
    unit_may_edit = assessment is not None and assessment.status in UNIT_EDITABLE
    manage = unit_permissions.can_manage_unit(access)
    concluded = assessment is not None and assessment.is_concluded
    return LkeRights(
        can_write=layer is not None,
        can_review=layer in REVIEW_LAYERS,
        can_note=layer in NOTE_LAYERS,
        can_manage=manage,
        can_submit=manage and unit_may_edit,
        can_contribute=unit_permissions.can_contribute(access) and unit_may_edit,
        can_forward=layer == Layer.PRELIMINARY,
        can_conclude=layer == Layer.INTERNAL,
        can_record_national=layer == Layer.NATIONAL,
        can_view_rollup=unit_permissions.can_view_rollup(access),
        can_approve=unit_permissions.can_approve(access)
        and unit_may_edit
        and assessment is not None
        and assessment.approved_at is None,
        can_enter_predicates=manage or access.is_admin,
        can_generate_report=tpi and concluded,
        can_turn_findings=manage or tpi,
        can_reply=unit_permissions.can_contribute(access),
    )


def acts_as_tpi(user: User | AnonymousUser, access: UnitAccess) -> bool:
    """Return whether the user holds the TPI right on the unit."""
    return can_act_as(user, access, Layer.INTERNAL)


def can_turn_findings(user: User | AnonymousUser, access: UnitAccess) -> bool:
    """The unit's coordinator/leader or the TPI turns a note into a follow-up step."""
    return unit_permissions.can_manage_unit(access) or acts_as_tpi(user, access)


def get_note_for_user(
    user: User | AnonymousUser, code: str, year: int, pk: int
) -> tuple[UnitAccess, Assessment, ReviewNote]:
    """Return a reviewer's note of the unit's assessment; 404 for anything else."""
    access, assessment = get_assessment_for_user(user, code, year)
    note = get_object_or_404(
        ReviewNote.objects.select_related("question", "author"),
        assessment=assessment,
        pk=pk,
    )
    return access, assessment, note


def can_act_as(user: User | AnonymousUser, access: UnitAccess, layer: str) -> bool:
    """Return whether ``user`` holds the right of ``layer`` on the unit (any status)."""
    return unit_permissions.can_write_layer(user, access, layer)


def write_layer(
    user: User | AnonymousUser, access: UnitAccess, assessment: Assessment
) -> str | None:
    """Return the layer this user fills now: the highest open layer they may write."""
    opened = open_layers(assessment)
    writable = [
        layer
        for layer in Layer.ordered()
        if layer in opened and can_act_as(user, access, layer)
    ]
    return writable[-1] if writable else None


def review_layer(
    user: User | AnonymousUser, access: UnitAccess, assessment: Assessment
) -> str | None:
    """Return the review layer (pendahuluan or TPI) the user fills now, if any."""
    layer = write_layer(user, access, assessment)
    return layer if layer in REVIEW_LAYERS else None


def can_withdraw_note(
    user: User | AnonymousUser, layer: str | None, note: ReviewNote
) -> bool:
    """Only the reviewer who marked an item, in the layer they fill now, unmarks it."""
    return (
        layer in REVIEW_LAYERS
        and note.layer == layer
        and note.returned
        and not note.resolved
        and note.author_id == user.pk
    )


def withdrawable_notes(
    user: User | AnonymousUser, layer: str | None, rows: Iterable[QuestionRow]
) -> set[int]:
    """Return the ids of the rows' notes the user may turn into comments."""
    return {
        note.pk
        for row in rows
        for note in row.notes
        if can_withdraw_note(user, layer, note)
    }


def required_layer(layer: str | None) -> str:
    """Return the layer the user writes, or refuse with 403."""
    require(layer is not None)
    return str(layer)


def get_assessment_for_user(
    user: User | AnonymousUser, code: str, year: int
) -> tuple[UnitAccess, Assessment]:
    """Return the access and the unit's assessment of ``year``; 404 if not visible."""
    access = unit_permissions.get_unit_for_user(user, code)
    assessment = (
        Assessment.objects.select_related("unit__level", "unit__parent", "instrument")
        .filter(unit=access.unit, year=year)
        .first()
    )
    if assessment is None:
        raise Http404("Penilaian LKE tahun ini belum dibuat.")
    return access, assessment


def get_question(assessment: Assessment, question_code: str) -> Question:
    """Return a question of the assessment's instrument; 404 for any other code."""
    return get_object_or_404(
        Question.objects.select_related("sub_area__area"),
        instrument=assessment.instrument,
        code=question_code,
    )


def get_answer_target_for_user(
    user: User | AnonymousUser, code: str, year: int, question_code: str
) -> tuple[UnitAccess, Assessment, str, Question]:
    """Return what an answer write needs: scope, assessment, the user's layer, question.

    Another unit is a 404; a user with no open layer to write gets 403.
    """
    access, assessment = get_assessment_for_user(user, code, year)
    layer = required_layer(write_layer(user, access, assessment))
    return access, assessment, layer, get_question(assessment, question_code)


def get_review_target_for_user(
    user: User | AnonymousUser, code: str, year: int
) -> tuple[UnitAccess, Assessment, str]:
    """Return the scope, assessment and review layer of a reviewer; 403 for others."""
    access, assessment = get_assessment_for_user(user, code, year)
    layer = review_layer(user, access, assessment)
    require(layer is not None)
    return access, assessment, str(layer)


def get_note_target_for_user(
    user: User | AnonymousUser, code: str, year: int
) -> tuple[UnitAccess, Assessment, str]:
    """Return the scope, assessment and layer of a user who adds notes; 403 for others."""
    access, assessment = get_assessment_for_user(user, code, year)
    layer = write_layer(user, access, assessment)
    require(layer in NOTE_LAYERS)
    return access, assessment, str(layer)


def get_own_review_note_for_user(
    user: User | AnonymousUser, code: str, year: int, pk: int
) -> tuple[UnitAccess, Assessment, str, ReviewNote]:
    """Return a note of the reviewer's layer; only its author may act on it (403)."""
    access, assessment, layer = get_review_target_for_user(user, code, year)
    note = get_object_or_404(ReviewNote, assessment=assessment, pk=pk, layer=layer)
    require(note.author_id == user.pk)
    return access, assessment, layer, note
