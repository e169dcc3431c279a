"""Who may do what in which unit: the one place that answers it.

A membership gives a role in one unit. Leader and reviewer rights reach down the
tree: a reviewer at KPU Provinsi Jambi reads (and later scores) every KPU
Kabupaten below it. Nothing reaches up or sideways. Views and templates ask the
functions here; they never compute rights themselves.

An object of a unit the user may not see is a 404 (the same answer as for a
missing object, so that nothing leaks). Seeing a unit but lacking the right for
an action is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sizi.units.models import Membership, Unit, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

Role = Membership.Role
INHERITED_ROLES = frozenset({Role.LEADER, Role.REVIEWER})
# Roles that work on a unit's own ZI programme (not only read or judge it).
WORKING_ROLES = frozenset({Role.LEADER, Role.COORDINATOR, Role.TEAM})


@dataclass(frozen=True)
class UnitAccess:
    """The roles a user holds in one unit, directly or through an ancestor."""

    unit: Unit
    direct: frozenset[str] = field(default_factory=frozenset)
    inherited: frozenset[str] = field(default_factory=frozenset)
    is_admin: bool = False

    @property
    def roles(self) -> frozenset[str]:
        return self.direct | self.inherited

    @property
    def can_view(self) -> bool:
        return bool(self.roles) or self.is_admin

    def has(self, *roles: str, direct_only: bool = False) -> bool:
        held = self.direct if direct_only else self.roles
        return any(role in held for role in roles)

    def role_labels(self) -> list[str]:
        labels = [Role(r).label for r in sorted(self.direct)]
        labels += [f"{Role(r).label} (dari unit induk)" for r in sorted(self.inherited)]
        return labels


def _active_user(user: User | AnonymousUser) -> User | None:
    """Return the user if signed in and active (narrowed to our User model)."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def _memberships(user: User) -> list[Membership]:
    """Return the user's memberships, cached on the user object for one request."""
    cached: list[Membership] | None = getattr(user, "_sizi_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        user._sizi_memberships = cached  # type: ignore[attr-defined]
    return cached


@dataclass(frozen=True)
class _RoleIndex:
    """A user's memberships indexed for lookups: direct roles by unit id, and
    inheritable roles by the path of the unit that holds them."""

    direct: dict[int, frozenset[str]]
    reaching: dict[str, frozenset[str]]
    is_admin: bool

    def access(self, unit: Unit) -> UnitAccess:
        inherited: set[str] = set()
        prefix = ""
        for code in unit.ancestor_codes():
            prefix += f"{code}/"
            inherited |= self.reaching.get(prefix, frozenset())
        return UnitAccess(
            unit,
            self.direct.get(unit.pk, frozenset()),
            frozenset(inherited),
            self.is_admin,
        )


def _role_index(person: User) -> _RoleIndex:
    direct: dict[int, set[str]] = {}
    reaching: dict[str, set[str]] = {}
    for membership in _memberships(person):
        direct.setdefault(membership.unit_id, set()).add(membership.role)
        if membership.role in INHERITED_ROLES:
            reaching.setdefault(membership.unit.path, set()).add(membership.role)
    return _RoleIndex(
        {k: frozenset(v) for k, v in direct.items()},
        {k: frozenset(v) for k, v in reaching.items()},
        person.is_superuser,
    )


def access_for(user: User | AnonymousUser, unit: Unit) -> UnitAccess:
    """Return the user's roles in `unit`, resolved up the tree."""
    person = _active_user(user)
    if person is None:
        return UnitAccess(unit)
    return _role_index(person).access(unit)


def visible_units(user: User | AnonymousUser) -> list[UnitAccess]:
    """Return every unit the user may see, with the roles held there, in tree order."""
    person = _active_user(user)
    if person is None:
        return []
    index = _role_index(person)
    units = Unit.objects.select_related("level", "parent")
    if person.is_superuser:
        candidates = units.all()
    else:
        candidates = units.filter(pk__in=list(index.direct)) | units.under_any(
            list(index.reaching)
        )
    return [index.access(unit) for unit in candidates.distinct().order_by("path")]


UNIT_SORTS = {
    "pohon": ("path",),
    "nama": ("name", "path"),
    "tingkat": ("level__rank", "name", "path"),
}


@dataclass(frozen=True)
class UnitPage:
    """One page of the units a user may see: (access, indent) rows and the total."""

    rows: list[tuple[UnitAccess, int]]
    total: int
    number: int
    pages: int


def visible_units_page(
    user: User | AnonymousUser, *, number: int, size: int, sort: str = "pohon"
) -> UnitPage:
    """Return one page of `visible_units`, sorted by tree, name or level.

    Only the page's units are loaded (a TPI member at the root sees 550).
    Indents follow the tree and are shown in tree order only.
    """
    person = _active_user(user)
    if person is None:
        return UnitPage([], 0, 1, 1)
    index = _role_index(person)
    units = Unit.objects.select_related("level", "parent")
    if person.is_superuser:
        candidates = units.all()
    else:
        candidates = units.filter(pk__in=list(index.direct)) | units.under_any(
            list(index.reaching)
        )
    candidates = candidates.distinct()
    total = candidates.count()
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    ordered = candidates.order_by(*UNIT_SORTS.get(sort, UNIT_SORTS["pohon"]))
    chosen = list(ordered[(number - 1) * size : number * size])
    top_path = candidates.order_by("path").values_list("path", flat=True).first()
    top = top_path.count("/") - 1 if top_path else 0
    tree = sort not in UNIT_SORTS or sort == "pohon"
    rows = [(index.access(unit), unit.depth - top if tree else 0) for unit in chosen]
    return UnitPage(rows, total, number, pages)


def visible_unit_ids(user: User | AnonymousUser) -> list[int]:
    """Return the ids of the units the user may see (for scoping list querysets)."""
    return [access.unit.pk for access in visible_units(user)]


def get_unit_for_user(user: User | AnonymousUser, code: str) -> UnitAccess:
    """Return the user's access to the unit with `code`; 404 if missing or not visible."""
    unit = Unit.objects.select_related("level", "parent").filter(code=code).first()
    if unit is None:
        raise Http404("Unit tidak ditemukan.")
    access = access_for(user, unit)
    if not access.can_view:
        raise Http404("Unit tidak ditemukan.")
    return access


# Named predicates. Each takes a UnitAccess already known to be visible.


def can_view_audit_log(access: UnitAccess) -> bool:
    """Leaders and reviewers read a unit's audit log (theirs and those below)."""
    return access.is_admin or access.has(Role.LEADER, Role.REVIEWER)


def can_manage_unit(access: UnitAccess) -> bool:
    """The coordinator or the unit's own leader manages its ZI work and its people."""
    return access.has(Role.COORDINATOR, Role.LEADER, direct_only=True)


def can_contribute(access: UnitAccess) -> bool:
    """Members who work on the unit's programme (PIC and up) add and update work."""
    return access.has(*WORKING_ROLES, direct_only=True)


def can_approve(access: UnitAccess) -> bool:
    """The unit's own leader approves."""
    return access.has(Role.LEADER, direct_only=True)


def can_review_unit(access: UnitAccess) -> bool:
    """A reviewer of an ancestor unit reads and scores this unit; not their own."""
    return Role.REVIEWER in access.inherited


def can_verify_evidence(access: UnitAccess) -> bool:
    """The unit's coordinator or a reviewer of an ancestor verifies or returns evidence."""
    return (
        access.has(Role.COORDINATOR, direct_only=True)
        or Role.REVIEWER in access.inherited
    )


def can_administer_system(user: User | AnonymousUser) -> bool:
    """System administrators manage the unit tree, users and memberships."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def require(allowed: bool) -> None:
    """Raise 403 unless `allowed`; for actions on a unit the user can already see."""
    if not allowed:
        raise PermissionDenied("Anda tidak memiliki hak untuk tindakan ini.")


@dataclass(frozen=True)
class UnitRights:
    """What a unit's pages and its tabs may offer; templates read ``rights.can_x``
    (the unit tabs read the same dataclass through the ``unit_rights`` tag)."""

    #: Manage the unit's ZI work (coordinator or the unit's own leader).
    can_manage: bool
    #: Open the members page (a manager, or a system administrator).
    can_manage_members: bool
    can_view_audit: bool
    can_contribute: bool


def rights_for(access: UnitAccess) -> UnitRights:
    """Return the user's rights in the accessed unit, for templates."""
    return UnitRights(
        can_manage=can_manage_unit(access),
        can_manage_members=can_manage_unit(access) or access.is_admin,
        can_view_audit=can_view_audit_log(access),
        can_contribute=can_contribute(access),
    )


# LKE layers: which layer of a unit's LKE a user may fill (layer names are the
# `lke.Layer` values; kept as strings so that units does not import lke).


def _reviewer_units(user: User | AnonymousUser) -> list[Unit]:
    person = _active_user(user)
    if person is None:
        return []
    return [m.unit for m in _memberships(person) if m.role == Role.REVIEWER]


def can_write_layer(user: User | AnonymousUser, access: UnitAccess, layer: str) -> bool:
    """Return whether `user` may fill `layer` of the unit's LKE.

    self: the unit's own leader, coordinator or PIC. preliminary: a reviewer of
    the parent unit, only for units whose level needs a penilaian pendahuluan.
    internal (TPI) and national (TPN, recorded by TPI): a reviewer at the root.
    """
    unit = access.unit
    if layer == "self":
        return can_contribute(access)
    reviewer_at = _reviewer_units(user)
    if layer == "preliminary":
        return unit.level.needs_preliminary_review and any(
            r.pk == unit.parent_id for r in reviewer_at
        )
    if layer in {"internal", "national"}:
        root = unit.ancestor_codes()[:1]
        return bool(root) and any(
            r.code == root[0] and r.parent_id is None for r in reviewer_at
        )
    return False


def can_view_rollup(access: UnitAccess) -> bool:
    """Reviewers and leaders of a unit see the LKE roll-up of every unit below it."""
    return access.is_admin or access.has(Role.REVIEWER, Role.LEADER)
