"""Who may do what with a unit's surveys, built on `sizi.units.permissions`.

Everyone who may see a unit reads its survey periods and results (its own
members, leaders and reviewers above, administrators). The coordinator and the
unit's leader run the surveys: open and close periods, manage layanan and extra
questions, import files, mark responses, create follow-ups and file the report.
PICs (anggota tim) also type in paper questionnaires. A period of another unit
is a 404; a visible period without the right is a 403. The public form and the
public results reach a period only through its random token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from sizi.surveys.models import ServiceType, SurveyPeriod, UnitQuestion
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sizi.units.models import User


def can_view_surveys(access: UnitAccess) -> bool:
    """Anyone who sees the unit reads its periods and results."""
    return access.can_view


def can_manage_surveys(access: UnitAccess) -> bool:
    """The coordinator or the unit's leader runs the unit's surveys."""
    return unit_permissions.can_manage_unit(access)


def can_enter_responses(access: UnitAccess) -> bool:
    """Members who work on the programme (PIC and up) type in paper questionnaires."""
    return unit_permissions.can_contribute(access)


def can_enter_into(access: UnitAccess, period: SurveyPeriod) -> bool:
    """Paper entry and imports go into a period that is not closed."""
    return can_enter_responses(access) and not period.is_closed


@dataclass(frozen=True)
class SurveyRights:
    """What the survey pages may offer; templates read `rights.can_x` only."""

    can_view: bool
    can_manage: bool
    can_enter_paper: bool
    can_import: bool
    can_open: bool
    can_close: bool
    can_mark_suspicious: bool
    can_follow_up: bool
    can_generate_report: bool


def rights_for(access: UnitAccess, period: SurveyPeriod | None = None) -> SurveyRights:
    """Return the rights of `access` on the unit's surveys (and on `period` if given)."""
    manage = can_manage_surveys(access)
    status = period.status if period is not None else None
    not_closed = status != SurveyPeriod.Status.CLOSED
    return SurveyRights(
        can_view=can_view_surveys(access),
        can_manage=manage,
        can_enter_paper=can_enter_responses(access) and not_closed,
        can_import=manage and not_closed,
        can_open=manage and status == SurveyPeriod.Status.DRAFT,
        can_close=manage and status == SurveyPeriod.Status.OPEN,
        can_mark_suspicious=manage,
        can_follow_up=manage and period is not None,
        can_generate_report=manage and period is not None,
    )


def get_period_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[UnitAccess, SurveyPeriod]:
    """Return the access and a period of the unit; 404 if either is not visible."""
    access = unit_permissions.get_unit_for_user(user, code)
    period = (
        SurveyPeriod.objects.select_related("instrument")
        .filter(unit=access.unit, pk=pk)
        .first()
    )
    if period is None:
        raise Http404("Periode survei tidak ditemukan.")
    period.unit = access.unit
    return access, period


def get_service_type_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[UnitAccess, ServiceType]:
    """Return the access and a layanan of the unit; 404 if not visible."""
    access = unit_permissions.get_unit_for_user(user, code)
    service_type = ServiceType.objects.filter(unit=access.unit, pk=pk).first()
    if service_type is None:
        raise Http404("Jenis layanan tidak ditemukan.")
    service_type.unit = access.unit
    return access, service_type


def get_unit_question_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[UnitAccess, UnitQuestion]:
    """Return the access and an extra question of the unit; 404 if not visible."""
    access = unit_permissions.get_unit_for_user(user, code)
    question = UnitQuestion.objects.filter(unit=access.unit, pk=pk).first()
    if question is None:
        raise Http404("Pertanyaan tambahan tidak ditemukan.")
    question.unit = access.unit
    return access, question


def get_public_period(unit_code: str, token: str) -> SurveyPeriod:
    """Return the period behind a public link (any status); 404 for a wrong pair.

    The public form accepts answers only while the period is open (check
    `period.is_open`); the public results page shows closed periods.
    """
    period = (
        SurveyPeriod.objects.select_related("unit", "instrument")
        .filter(unit__code=unit_code, public_token=token)
        .exclude(status=SurveyPeriod.Status.DRAFT)
        .first()
    )
    if period is None:
        raise Http404("Survei tidak ditemukan.")
    return period
