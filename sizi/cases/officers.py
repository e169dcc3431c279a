"""Appointments to the public channels (pengelola pengaduan, PPID, Atasan PPID).

The unit's pimpinan or koordinator appoints members of the unit; every change
is audited. WBS handlers are a separate appointment (`sizi.cases.wbs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sizi.cases.complaints.models import ChannelOfficer
from sizi.core import audit
from sizi.units.models import Membership

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

Role = ChannelOfficer.Role


def officer_roles(user: User, unit: Unit) -> frozenset[str]:
    """The channel roles `user` holds in `unit` (one query)."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        ChannelOfficer.objects.filter(unit=unit, user=user).values_list(
            "role", flat=True
        )
    )


def officers_of(unit: Unit, role: str) -> list[User]:
    return [
        o.user
        for o in ChannelOfficer.objects.filter(unit=unit, role=role).select_related(
            "user"
        )
    ]


@transaction.atomic
def appoint_officer(unit: Unit, user: User, role: str, *, by: User) -> ChannelOfficer:
    """Appoint a member of the unit to a channel role."""
    if not Membership.objects.filter(unit=unit, user=user).exists():
        raise ValidationError("Petugas harus anggota unit ini.")
    if role not in Role.values:
        raise ValidationError("Peran petugas tidak dikenal.")
    officer, created = ChannelOfficer.objects.get_or_create(
        unit=unit, user=user, role=role
    )
    if created:
        audit.record(
            by,
            "cases.officer_appointed",
            officer,
            unit=unit,
            role=role,
            user=user.get_username(),
        )
    return officer


@transaction.atomic
def remove_officer(officer: ChannelOfficer, *, by: User) -> None:
    audit.record(
        by,
        "cases.officer_removed",
        officer,
        unit=officer.unit,
        role=officer.role,
        user=officer.user.get_username(),
    )
    officer.delete()
