"""Rights on evidence, built only from the predicates of `units.permissions`.

Everyone who may see a unit reads and downloads its evidence. Members who work
on the unit's programme (PIC and up) upload new items. An existing item is
edited, re-linked, given a new version or submitted only by its creator, the
unit's coordinator (or its own leader, who manages the unit alike) and the PIC
of any action step the item supports; another PIC of the unit gets a 403, as
for steps they do not own. The coordinator or a reviewer of an ancestor unit
verifies or returns items, never one whose current version they uploaded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.units import permissions as unit_permissions
from sizi.units.models import User
from sizi.units.permissions import UnitAccess

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from sizi.units.models import Unit


@dataclass(frozen=True)
class EvidenceRights:
    """What an evidence page may offer; templates read ``rights.can_x``."""

    can_contribute: bool
    can_verify: bool
    can_manage: bool
    #: On an item's page: edit, re-link, add a version, submit.
    can_edit: bool = False
    #: On an item's page: the verify button (not for the item's own uploader).
    can_verify_item: bool = False


#: Who else may verify, as the refusal of a self-verification names them; the
#: same roles as `can_verify_evidence` (the unit's leader is not among them).
OTHER_VERIFIERS = "koordinator lain atau penilai unit induk"


def can_contribute(access: UnitAccess) -> bool:
    """PIC and up upload new evidence in the unit."""
    return unit_permissions.can_contribute(access)


def can_manage(access: UnitAccess) -> bool:
    """The coordinator or the unit's leader asks for evidence and manages requests."""
    return unit_permissions.can_manage_unit(access)


def can_verify(access: UnitAccess) -> bool:
    """The coordinator or a reviewer of an ancestor unit verifies or returns evidence."""
    return unit_permissions.can_verify_evidence(access)


def can_edit_evidence(access: UnitAccess, user: User, evidence: Evidence) -> bool:
    """The creator, a unit manager or the PIC of a supported step edits the item."""
    if not unit_permissions.can_contribute(access):
        return False
    if unit_permissions.can_manage_unit(access) or evidence.created_by_id == user.pk:
        return True
    return evidence.action_steps.filter(owners=user).exists()


def can_fulfil_request(
    access: UnitAccess, user: User, request_obj: EvidenceRequest
) -> bool:
    """A manager, or the PIC the request is addressed to, fulfils it."""
    return can_manage(access) or (
        can_contribute(access) and request_obj.requested_from_id == user.pk
    )


def can_receive_request(unit: Unit, user: User) -> bool:
    """A request of `unit` may be addressed to `user` only if they can fulfil it:
    `can_fulfil_request` lets the addressee fulfil it when they work on the unit."""
    return can_contribute(unit_permissions.access_for(user, unit))


def request_recipients(unit: Unit) -> QuerySet[User]:
    """Return the people a request of `unit` may be addressed to, as a queryset:
    the same people as `can_receive_request` (active, PIC and up in the unit)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__unit=unit,
            memberships__role__in=unit_permissions.WORKING_ROLES,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def uploaded_by(evidence: Evidence) -> int | None:
    """Return the id of who uploaded the item's current version (or created it)."""
    current = evidence.current_revision
    return current.uploaded_by_id if current is not None else evidence.created_by_id


def uploaded_by_user(user: User) -> Q:
    """Return the condition of items whose current version `user` uploaded (or, for
    an item without a file version, created): the rule of `uploaded_by` in SQL."""
    return Q(current_revision__isnull=False, current_revision__uploaded_by=user) | Q(
        current_revision__isnull=True, created_by=user
    )


def can_verify_item(access: UnitAccess, user: User, evidence: Evidence) -> bool:
    """A verifier may verify the item unless they uploaded its current version."""
    return can_verify(access) and uploaded_by(evidence) != user.pk


def rights_for(
    access: UnitAccess, user: User | None = None, evidence: Evidence | None = None
) -> EvidenceRights:
    """Return the rights a page shows; with `user` and `evidence`, the item's too."""
    rights = EvidenceRights(
        can_contribute=can_contribute(access),
        can_verify=can_verify(access),
        can_manage=can_manage(access),
    )
    if user is None or evidence is None:
        return rights
    return replace(
        rights,
        can_edit=can_edit_evidence(access, user, evidence),
        can_verify_item=can_verify_item(access, user, evidence),
    )


def get_evidence_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, Evidence]:
    """Return the access and an evidence item of the unit; 404 for any other unit's."""
    access = unit_permissions.get_unit_for_user(user, code)
    evidence = (
        Evidence.objects.select_related("unit", "current_revision")
        .filter(unit=access.unit, pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404("Bukti tidak ditemukan.")
    return access, evidence


def get_request_for_user(
    user: User, code: str, pk: int
) -> tuple[UnitAccess, EvidenceRequest]:
    """Return the access and an evidence request of the unit; 404 for any other's."""
    access = unit_permissions.get_unit_for_user(user, code)
    request_obj = EvidenceRequest.objects.filter(unit=access.unit, pk=pk).first()
    if request_obj is None:
        raise Http404("Permintaan bukti tidak ditemukan.")
    return access, request_obj
