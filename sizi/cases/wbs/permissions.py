"""Who may do what in a unit's WBS channel: the one place that answers it.

WBS rights come from appointments (:class:`WbsOfficer`), not from unit roles:

- a **handler** reads the unit's reports (every read audited), writes to the
  reporter, changes the status and asks for the reporter's identity;
- a **custodian** decides those identity requests, and reads no report;
- the unit's **pimpinan** (and a system administrator) appoints both;
- the pimpinan and the coordinator see counts only, never a report.

Handlers are often Inspektorat staff without a role in the unit, so access to
the channel does not require one. A report is a 404 for everyone but the
unit's handlers, the same answer as for a missing report, so that nothing
tells a coordinator or another unit that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sizi.cases.wbs.models import IdentityRequest, WbsOfficer, WhistleblowReport
from sizi.units.models import Membership, Unit, User
from sizi.units.permissions import UnitAccess, access_for

Role = Membership.Role


@dataclass(frozen=True)
class WbsAccess:
    """A user's standing in one unit's WBS channel."""

    unit: Unit
    access: UnitAccess
    is_handler: bool
    is_custodian: bool


@dataclass(frozen=True)
class WbsRights:
    """What the WBS templates may offer; computed here, read by templates."""

    can_read_reports: bool
    can_see_counts: bool
    can_appoint: bool
    can_decide_identity: bool
    can_file_recap: bool

    @property
    def can_open_channel_page(self) -> bool:
        return (
            self.can_read_reports
            or self.can_see_counts
            or self.can_appoint
            or self.can_decide_identity
        )


def _officer_roles(user: User | AnonymousUser, unit: Unit) -> set[str]:
    if not isinstance(user, User) or not user.is_active:
        return set()
    return set(
        WbsOfficer.objects.filter(unit=unit, user=user).values_list("role", flat=True)
    )


def wbs_access_for(user: User | AnonymousUser, code: str) -> WbsAccess:
    """Return the user's standing in the unit's channel; 404 if nothing of it is theirs."""
    unit = Unit.objects.select_related("level", "parent").filter(code=code).first()
    if unit is None:
        raise Http404("Unit tidak ditemukan.")
    roles = _officer_roles(user, unit)
    access = access_for(user, unit)
    if not access.can_view and not roles:
        raise Http404("Unit tidak ditemukan.")
    return WbsAccess(
        unit,
        access,
        WbsOfficer.Role.HANDLER in roles,
        WbsOfficer.Role.CUSTODIAN in roles,
    )


def can_see_counts(wbs: WbsAccess) -> bool:
    """The pimpinan, the coordinator, an administrator and the handlers see counts."""
    return (
        wbs.is_handler
        or wbs.access.is_admin
        or wbs.access.has(Role.LEADER, Role.COORDINATOR, direct_only=True)
    )


def can_appoint(wbs: WbsAccess) -> bool:
    """The unit's own pimpinan (or a system administrator) appoints officers."""
    return wbs.access.is_admin or wbs.access.has(Role.LEADER, direct_only=True)


def rights_for(wbs: WbsAccess) -> WbsRights:
    counts = can_see_counts(wbs)
    return WbsRights(
        can_read_reports=wbs.is_handler,
        can_see_counts=counts,
        can_appoint=can_appoint(wbs),
        can_decide_identity=wbs.is_custodian,
        can_file_recap=wbs.access.is_admin
        or wbs.access.has(Role.LEADER, Role.COORDINATOR, direct_only=True),
    )


def get_report_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[WbsAccess, WhistleblowReport]:
    """Return a report for one of the unit's handlers; 404 for anyone else or none."""
    wbs = wbs_access_for(user, code)
    if not wbs.is_handler:
        raise Http404("Laporan tidak ditemukan.")
    report = (
        WhistleblowReport.objects.select_related("unit")
        .filter(unit=wbs.unit, pk=pk)
        .first()
    )
    if report is None:
        raise Http404("Laporan tidak ditemukan.")
    return wbs, report


def get_identity_request_for_custodian(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[WbsAccess, IdentityRequest]:
    """Return an identity request of the unit for one of its custodians; 404 otherwise."""
    wbs = wbs_access_for(user, code)
    if not wbs.is_custodian:
        raise Http404("Permintaan tidak ditemukan.")
    request = (
        IdentityRequest.objects.select_related("report", "requested_by")
        .filter(report__unit=wbs.unit, pk=pk)
        .first()
    )
    if request is None:
        raise Http404("Permintaan tidak ditemukan.")
    return wbs, request
