"""Writes to units, users and memberships. Every change lands in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sizi.core import audit
from sizi.units.models import Membership, Unit, UnitLevel, User

UNIT_FIELDS = ["code", "name", "short_name", "level", "parent", "city", "is_active"]


def _path_for(code: str, parent: Unit | None) -> str:
    return f"{parent.path if parent else ''}{code}/"


@transaction.atomic
def save_unit(unit: Unit, *, by: User | None) -> Unit:
    """Create or update a unit, keeping its path and its subtree's paths right."""
    if unit.parent_id is not None and unit.pk is not None:
        parent = Unit.objects.get(pk=unit.parent_id)
        if parent.pk == unit.pk or parent.path.startswith(
            Unit.objects.get(pk=unit.pk).path
        ):
            raise ValidationError(
                {
                    "parent": "Unit induk tidak boleh unit itu sendiri atau unit di bawahnya."
                }
            )
    adding = unit.pk is None
    before = {} if adding else audit.snapshot(Unit.objects.get(pk=unit.pk), UNIT_FIELDS)
    old_path = (
        "" if adding else Unit.objects.values_list("path", flat=True).get(pk=unit.pk)
    )
    unit.path = _path_for(unit.code, unit.parent)
    unit.full_clean()
    unit.save()
    if old_path and old_path != unit.path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
    audit.record(
        by,
        "unit.created" if adding else "unit.updated",
        unit,
        unit=unit,
        changes=audit.diff(before, audit.snapshot(unit, UNIT_FIELDS)),
    )
    return unit


@transaction.atomic
def ensure_level(
    *, code: str, name: str, rank: int, needs_preliminary_review: bool = False
) -> UnitLevel:
    """Create or update a unit level by its code."""
    level, _ = UnitLevel.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "rank": rank,
            "needs_preliminary_review": needs_preliminary_review,
        },
    )
    return level


@transaction.atomic
def add_membership(*, user: User, unit: Unit, role: str, by: User | None) -> Membership:
    """Give `user` the `role` in `unit` (no-op if held already)."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"Peran tidak dikenal: {role}."})
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role
    )
    if created:
        audit.record(
            by,
            "membership.added",
            membership,
            unit=unit,
            user=user.get_username(),
            role=role,
        )
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, by: User | None) -> None:
    """Take a role away from a user in a unit."""
    audit.record(
        by,
        "membership.removed",
        membership,
        unit=membership.unit,
        user=membership.user.get_username(),
        role=membership.role,
    )
    membership.delete()


@transaction.atomic
def invite_user(
    *,
    username: str,
    full_name: str,
    email: str,
    position: str,
    unit: Unit,
    role: str,
    by: User | None,
) -> tuple[User, bool]:
    """Add a person to a unit, creating their account (no password yet) if needed.

    Return the user and whether the account was new. A new user sets a password
    through the reset e-mail the view sends after the commit.
    """
    user = User.objects.filter(username__iexact=username).first()
    created = user is None
    if user is not None and not _may_attach(user, unit=unit, by=by):
        # An account elsewhere is attached only by a system administrator, so
        # that a coordinator can neither pull in nor read another unit's people.
        raise ValidationError(
            {
                "username": "Nama pengguna ini sudah dipakai. Pilih nama lain, atau "
                "minta administrator sistem menambahkan akun tersebut ke unit ini."
            }
        )
    if user is None:
        user = User(
            username=username, full_name=full_name, email=email, position=position
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        audit.record(
            by, "user.created", user, unit=unit, username=username, email=email
        )
    add_membership(user=user, unit=unit, role=role, by=by)
    return user, created


def _may_attach(user: User, *, unit: Unit, by: User | None) -> bool:
    """An existing account joins a unit through a coordinator only if already in it."""
    if by is not None and by.is_superuser:
        return True
    return Membership.objects.filter(user=user, unit=unit).exists()


@transaction.atomic
def set_password(user: User, raw_password: str, *, by: User | None) -> None:
    """Set a user's password (demo data, admin tools); the hash is Argon2."""
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    audit.record(by, "user.password_set", user)


# Changes made in the Django admin (units/admin.py) and by sign-in: recorded
# here so that the admin's rights changes land in the audit log like any other.

USER_FIELDS = [
    "username",
    "full_name",
    "first_name",
    "last_name",
    "email",
    "position",
    "is_staff",
    "is_superuser",
]
LEVEL_FIELDS = ["code", "name", "rank", "needs_preliminary_review"]


def _units_of(user: User) -> list[Unit | None]:
    """Return the units whose audit log concerns `user` (None: no unit yet)."""
    units: list[Unit | None] = [
        m.unit for m in Membership.objects.filter(user=user).select_related("unit")
    ]
    return list({u.pk: u for u in units if u is not None}.values()) or [None]


@transaction.atomic
def record_user_saved(
    user: User,
    *,
    before: dict[str, Any],
    was_active: bool | None,
    extra: dict[str, Any] | None = None,
    by: User | None,
) -> None:
    """Record an account saved in the admin: its changed fields, and whether it was
    switched on or off, in the log of every unit the person belongs to."""
    if was_active is None:
        audit.record(by, "user.created", user, username=user.get_username())
        return
    changes = audit.diff(before, audit.snapshot(user, USER_FIELDS))
    changes.update(extra or {})
    for unit in _units_of(user):
        if changes:
            audit.record(by, "user.updated", user, unit=unit, changes=changes)
        if user.is_active != was_active:
            action = "user.activated" if user.is_active else "user.deactivated"
            audit.record(by, action, user, unit=unit)


@transaction.atomic
def record_password_set(user: User, *, action: str, by: User | None) -> None:
    """Record a password set, changed or reset (never the password itself)."""
    for unit in _units_of(user):
        audit.record(by, action, user, unit=unit)


@transaction.atomic
def delete_user(user: User, *, by: User | None) -> None:
    """Delete an account, recording the roles it loses in each unit."""
    for membership in Membership.objects.filter(user=user).select_related("unit"):
        remove_membership(membership, by=by)
    audit.record(by, "user.deleted", user, username=user.get_username())
    user.delete()


@transaction.atomic
def grant_membership(membership: Membership, *, by: User | None) -> Membership:
    """Save a new membership built by a form (the admin) and record the grant."""
    membership.full_clean()
    membership.save()
    audit.record(
        by,
        "membership.added",
        membership,
        unit=membership.unit,
        user=membership.user.get_username(),
        role=membership.role,
    )
    return membership


@transaction.atomic
def change_membership(
    membership: Membership,
    *,
    old_unit: Unit,
    old_user: User,
    old_role: str,
    by: User | None,
) -> Membership:
    """Save an edited membership; a move to another unit or person is a removal
    there and a grant here, so that each unit's log tells its own story."""
    membership.full_clean()
    membership.save()
    if old_unit.pk != membership.unit_id or old_user.pk != membership.user_id:
        audit.record(
            by,
            "membership.removed",
            membership,
            unit=old_unit,
            user=old_user.get_username(),
            role=old_role,
        )
        audit.record(
            by,
            "membership.added",
            membership,
            unit=membership.unit,
            user=membership.user.get_username(),
            role=membership.role,
        )
    elif old_role != membership.role:
        audit.record(
            by,
            "membership.updated",
            membership,
            unit=membership.unit,
            user=membership.user.get_username(),
            changes={"role": [old_role, membership.role]},
        )
    return membership


@transaction.atomic
def delete_unit(unit: Unit, *, by: User | None) -> None:
    """Delete a unit (the database refuses one with children or data), recording
    its lost memberships and the deletion in the log of its parent."""
    for membership in Membership.objects.filter(unit=unit).select_related("user"):
        remove_membership(membership, by=by)
    audit.record(by, "unit.deleted", unit, unit=unit.parent, code=unit.code)
    unit.delete()


@transaction.atomic
def save_unit_level(level: UnitLevel, *, by: User | None) -> UnitLevel:
    """Create or change a unit level, recording it in the log of every unit at it
    (the level decides who reviews whom: `needs_preliminary_review`)."""
    adding = level.pk is None
    before = (
        {}
        if adding
        else audit.snapshot(UnitLevel.objects.get(pk=level.pk), LEVEL_FIELDS)
    )
    level.full_clean()
    level.save()
    changes = audit.diff(before, audit.snapshot(level, LEVEL_FIELDS))
    if not changes:
        return level
    action = "unit_level.created" if adding else "unit_level.updated"
    units: list[Unit | None] = list(Unit.objects.filter(level=level)) or [None]
    for unit in units:
        audit.record(by, action, level, unit=unit, changes=changes)
    return level


@transaction.atomic
def delete_unit_level(level: UnitLevel, *, by: User | None) -> None:
    """Delete an unused unit level (the database refuses one still in use)."""
    audit.record(by, "unit_level.deleted", level, code=level.code)
    level.delete()
