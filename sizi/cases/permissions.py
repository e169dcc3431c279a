"""Who may see and handle complaints and information requests of a unit.

- Pengelola pengaduan (a `ChannelOfficer` of the unit) handle complaints and
  are the only ones who read a confidential reporter's identity (with the
  handler a complaint is assigned to).
- The unit's own koordinator and pimpinan see every complaint and may handle
  it, but never the identity; a PIC sees only the complaints assigned to them.
- PPID officers answer information requests; the Atasan PPID decides
  keberatan; both read the requester's identity. The koordinator and pimpinan
  see the requests without it and keep the Daftar Informasi Publik.
- Anyone else who can see the unit sees the counts only. Another unit's
  complaint or request is a 404; a visible page without the right is a 403.
  (WBS rights are in `sizi.cases.wbs.permissions`.)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sizi.cases.complaints.models import ChannelOfficer, Complaint
from sizi.cases.officers import officer_roles
from sizi.cases.ppid.models import InformationRequest
from sizi.cases.wbs.models import WbsOfficer
from sizi.cases.wbs.permissions import WbsAccess
from sizi.cases.wbs.permissions import rights_for as wbs_rights_for
from sizi.units.models import Membership, Unit, User
from sizi.units.permissions import UnitAccess, get_unit_for_user

Role = ChannelOfficer.Role
UnitRole = Membership.Role
WBS_ROLES = (WbsOfficer.Role.HANDLER, WbsOfficer.Role.CUSTODIAN)


def wbs_roles(user: User, unit: Unit) -> frozenset[str]:
    """The user's WBS appointments in the unit (for the channels' menu only)."""
    return frozenset(
        WbsOfficer.objects.filter(unit=unit, user=user).values_list("role", flat=True)
    )


@dataclass(frozen=True)
class ChannelRights:
    """What the user may do in the public channels of one unit (or one item)."""

    can_view_complaints: bool = False
    can_handle_complaint: bool = False
    can_see_identity: bool = False
    can_note: bool = False
    can_manage: bool = False
    can_view_requests: bool = False
    can_handle_requests: bool = False
    can_see_requester: bool = False
    can_decide_objection: bool = False
    can_manage_dip: bool = False
    can_open_wbs: bool = False


@dataclass(frozen=True)
class ChannelAccess:
    """A unit access plus the user's channel roles there."""

    access: UnitAccess
    roles: frozenset[str]
    user: User
    can_open_wbs: bool = False


def _leads(access: UnitAccess) -> bool:
    return access.is_admin or access.has(
        UnitRole.COORDINATOR, UnitRole.LEADER, direct_only=True
    )


def rights_for(
    channel: ChannelAccess,
    *,
    complaint: Complaint | None = None,
) -> ChannelRights:
    """The rights of the user in the unit, and on `complaint` when given."""
    access, roles = channel.access, channel.roles
    handler = Role.COMPLAINT_HANDLER in roles
    ppid = Role.PPID in roles
    superior = Role.PPID_SUPERIOR in roles
    leads = _leads(access)
    assigned_handler = complaint is not None and complaint.handler_id == channel.user.pk
    assigned_pic = complaint is not None and complaint.pic_id == channel.user.pk
    return ChannelRights(
        can_view_complaints=handler or leads,
        can_handle_complaint=handler or leads or assigned_handler,
        can_see_identity=handler or assigned_handler,
        can_note=handler or leads or assigned_handler or assigned_pic,
        can_manage=access.has(UnitRole.COORDINATOR, UnitRole.LEADER, direct_only=True)
        or access.is_admin,
        can_view_requests=ppid or superior or leads,
        can_handle_requests=ppid,
        can_see_requester=ppid or superior,
        can_decide_objection=superior,
        can_manage_dip=ppid or leads,
        can_open_wbs=channel.can_open_wbs,
    )


def channel_access(user: User | AnonymousUser, code: str) -> ChannelAccess:
    """The user's access to the unit's channels; 404 when the unit is not visible."""
    access = get_unit_for_user(user, code)
    if not isinstance(user, User):  # a visible unit means a signed-in user
        raise Http404("Unit tidak ditemukan.")
    held = wbs_roles(user, access.unit)
    wbs = WbsAccess(access.unit, access, *(role in held for role in WBS_ROLES))
    return ChannelAccess(
        access,
        officer_roles(user, access.unit),
        user,
        can_open_wbs=wbs_rights_for(wbs).can_open_channel_page,
    )


def get_complaint_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[ChannelAccess, Complaint, ChannelRights]:
    """The unit's complaint the user may read; 404 otherwise (also for PICs not assigned)."""
    channel = channel_access(user, code)
    complaint = (
        Complaint.objects.select_related("unit", "handler", "pic", "forwarded_from")
        .filter(unit=channel.access.unit, pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404("Pengaduan tidak ditemukan.")
    rights = rights_for(channel, complaint=complaint)
    if not (rights.can_view_complaints or rights.can_note):
        raise Http404("Pengaduan tidak ditemukan.")
    return channel, complaint, rights


def get_request_for_user(
    user: User | AnonymousUser, code: str, pk: int
) -> tuple[ChannelAccess, InformationRequest, ChannelRights]:
    """The unit's information request the user may read; 404 otherwise."""
    channel = channel_access(user, code)
    request = (
        InformationRequest.objects.select_related("unit")
        .filter(unit=channel.access.unit, pk=pk)
        .first()
    )
    rights = rights_for(channel)
    if request is None or not rights.can_view_requests:
        raise Http404("Permohonan tidak ditemukan.")
    return channel, request, rights
