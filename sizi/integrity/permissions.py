"""Who may see and do what in the integrity registers.

Gratification reports are confidential: a report and its reporter's identity
are visible to the reporter and to the unit's UPG members only; anyone else
gets a 404, the same answer as for a missing report. Leaders (and the ZI
coordinator) see counts, never rows. UPG members are appointed per unit by the
unit's own pimpinan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from sizi.integrity.models import (
    ConflictEvaluation,
    ConflictMapEntry,
    ControlAction,
    GratificationReport,
    Risk,
    Signature,
    StatementCampaign,
    UpgMember,
    WealthReportCompliance,
)
from sizi.units.models import Membership, User
from sizi.units.permissions import (
    UnitAccess,
    can_approve,
    can_manage_unit,
    get_unit_for_user,
)

Role = Membership.Role


def is_upg_member(user: User, access: UnitAccess) -> bool:
    """Return whether `user` is an appointed UPG member of the unit (and still in it)."""
    if not access.direct:
        return False
    return UpgMember.objects.filter(unit=access.unit, user=user).exists()


def can_report_gratification(access: UnitAccess) -> bool:
    """Every member of the unit (any role held in it directly) reports."""
    return bool(access.direct)


def can_manage_upg(access: UnitAccess) -> bool:
    """The unit's own pimpinan appoints and removes UPG members."""
    return can_approve(access)


def can_manage_registers(access: UnitAccess) -> bool:
    """The coordinator and the unit's own pimpinan keep the registers (LHKPN/LHKASN…)."""
    return can_manage_unit(access)


def can_see_gratification_counts(access: UnitAccess) -> bool:
    """Leaders (of the unit or above) and the coordinator see counts, never rows."""
    return (
        access.is_admin
        or access.has(Role.LEADER)
        or access.has(Role.COORDINATOR, direct_only=True)
    )


@dataclass(frozen=True)
class IntegrityRights:
    """What the integrity pages may offer a user in one unit (and on one report)."""

    can_manage_registers: bool
    can_report: bool
    is_upg: bool
    can_see_counts: bool
    can_manage_upg: bool
    can_file_recap: bool
    is_reporter: bool = False
    can_edit: bool = False
    can_verify: bool = False
    can_forward: bool = False
    can_decide: bool = False
    can_hand_over: bool = False
    can_sign: bool = False
    can_decide_conflict: bool = False


def rights_for(
    access: UnitAccess,
    *,
    user: User,
    report: GratificationReport | None = None,
    signature: Signature | None = None,
) -> IntegrityRights:
    """Return the rights of `user` in the unit, and on `report` or `signature` when given."""
    upg = is_upg_member(user, access)
    Status = GratificationReport.Status
    mine = report is not None and report.reporter_id == user.pk
    status = report.status if report is not None else ""
    # A UPG member never handles their own report.
    handler = upg and report is not None and not mine
    return IntegrityRights(
        can_manage_registers=can_manage_registers(access),
        can_report=can_report_gratification(access),
        is_upg=upg,
        can_see_counts=upg or can_see_gratification_counts(access),
        can_manage_upg=can_manage_upg(access),
        can_file_recap=upg or can_manage_unit(access),
        is_reporter=mine,
        can_edit=mine and status in {Status.REPORTED, Status.INCOMPLETE},
        can_verify=handler and status in {Status.REPORTED, Status.INCOMPLETE},
        can_forward=handler and status in {Status.REPORTED, Status.VERIFIED},
        can_decide=handler and status == Status.FORWARDED,
        can_hand_over=handler and status == Status.DECIDED,
        can_sign=signature is not None
        and signature.user_id == user.pk
        and not signature.is_signed,
        can_decide_conflict=signature is not None
        and signature.has_conflict
        and signature.superior_id == user.pk,
    )


def get_report_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, GratificationReport]:
    """Return a report the user may read (its reporter or the unit's UPG); else 404."""
    access = get_unit_for_user(user, code)
    report = get_object_or_404(
        GratificationReport.objects.select_related("reporter", "unit"),
        unit=access.unit,
        pk=pk,
    )
    if report.reporter_id != user.pk and not is_upg_member(user, access):
        raise Http404("Laporan tidak ditemukan.")
    return access, report


def get_upg_member_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, UpgMember]:
    """Return a UPG appointment of the unit; 404 for another unit's."""
    access = get_unit_for_user(user, code)
    member = get_object_or_404(
        UpgMember.objects.select_related("user"), unit=access.unit, pk=pk
    )
    return access, member


def get_wealth_entry_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, WealthReportCompliance]:
    """Return a row of the unit's LHKPN/LHKASN register; 404 for another unit's."""
    access = get_unit_for_user(user, code)
    entry = get_object_or_404(
        WealthReportCompliance.objects.select_related("user", "unit"),
        unit=access.unit,
        pk=pk,
    )
    return access, entry


def get_risk_for_user(user: User, code: str, pk: int) -> tuple[UnitAccess, Risk]:
    """Return a risk of the unit's SPIP register; 404 for another unit's."""
    access = get_unit_for_user(user, code)
    risk = get_object_or_404(
        Risk.objects.select_related("register__unit", "owner"),
        register__unit=access.unit,
        pk=pk,
    )
    return access, risk


def get_campaign_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, StatementCampaign]:
    """Return a campaign of the unit; 404 for another unit's."""
    access = get_unit_for_user(user, code)
    campaign = get_object_or_404(
        StatementCampaign.objects.select_related("text", "unit"),
        unit=access.unit,
        pk=pk,
    )
    return access, campaign


def get_signature_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, Signature]:
    """Return a signature its author, the named atasan or the coordinator may read; else 404."""
    access = get_unit_for_user(user, code)
    signature = get_object_or_404(
        Signature.objects.select_related(
            "campaign__text", "campaign__unit", "user", "superior"
        ),
        campaign__unit=access.unit,
        pk=pk,
    )
    if user.pk not in {
        signature.user_id,
        signature.superior_id,
    } and not can_manage_unit(access):
        raise Http404("Pernyataan tidak ditemukan.")
    return access, signature


def get_map_entry_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, ConflictMapEntry]:
    access = get_unit_for_user(user, code)
    entry = get_object_or_404(ConflictMapEntry, unit=access.unit, pk=pk)
    return access, entry


def get_evaluation_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, ConflictEvaluation]:
    access = get_unit_for_user(user, code)
    evaluation = get_object_or_404(ConflictEvaluation, unit=access.unit, pk=pk)
    return access, evaluation


def get_control_action_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, ControlAction]:
    access = get_unit_for_user(user, code)
    action = get_object_or_404(
        ControlAction.objects.select_related("risk__register__unit"),
        risk__register__unit=access.unit,
        pk=pk,
    )
    return access, action
