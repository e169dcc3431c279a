"""The permission matrix: every role × own / child / parent / sibling unit."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from sizi.units import permissions
from sizi.units.models import Membership, Unit
from sizi.units.tests.factories import MembershipFactory, UserFactory

Role = Membership.Role
ROLES = [Role.LEADER, Role.COORDINATOR, Role.TEAM, Role.REVIEWER, Role.VIEWER]
# relation -> (unit the user belongs to, unit whose page is opened)
RELATIONS = {
    "own": ("jambi", "jambi"),
    "child": ("jambi", "tanjabbar"),
    "parent": ("tanjabbar", "jambi"),
    "sibling": ("tanjabtim", "tanjabbar"),
}
DOWNWARD = {Role.LEADER, Role.REVIEWER}


def expected_dashboard(role: str, relation: str) -> int:
    if relation == "own":
        return 200
    if relation == "child" and role in DOWNWARD:
        return 200
    return 404


def expected_audit(role: str, relation: str) -> int:
    visible = expected_dashboard(role, relation) == 200
    if not visible:
        return 404
    return 200 if role in DOWNWARD else 403


def expected_members(role: str, relation: str) -> int:
    visible = expected_dashboard(role, relation) == 200
    if not visible:
        return 404
    return 200 if relation == "own" and role in {Role.LEADER, Role.COORDINATOR} else 403


def _client_for(tree: dict[str, Unit], role: str, unit_key: str) -> Client:
    user = UserFactory()
    MembershipFactory(user=user, unit=tree[unit_key], role=role)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("relation", list(RELATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_unit_pages_answer_per_role_and_relation(tree, role, relation):
    member_of, target = RELATIONS[relation]
    client = _client_for(tree, role, member_of)
    code = tree[target].code

    dashboard = client.get(reverse("units:unit_dashboard", args=[code]))
    audit = client.get(reverse("units:audit_log", args=[code]))
    members = client.get(reverse("units:unit_members", args=[code]))

    assert (dashboard.status_code, audit.status_code, members.status_code) == (
        expected_dashboard(role, relation),
        expected_audit(role, relation),
        expected_members(role, relation),
    )


@pytest.mark.parametrize("role", ROLES)
def test_system_page_is_forbidden_to_every_unit_role(tree, role):
    client = _client_for(tree, role, "ri")

    response = client.get(reverse("units:system_overview"))

    assert response.status_code == 403


def test_system_page_opens_for_system_administrator(client, admin):
    client.force_login(admin)

    response = client.get(reverse("units:system_overview"))

    assert response.status_code == 200
    assert "kpu-tanjabbar" in response.content.decode()


def test_anonymous_user_is_sent_to_login(client, tree):
    response = client.get(reverse("units:unit_dashboard", args=["kpu-tanjabbar"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_unit_and_foreign_unit_give_the_same_answer(client, charlie):
    client.force_login(charlie)

    missing = client.get(reverse("units:unit_dashboard", args=["tidak-ada"]))
    foreign = client.get(reverse("units:unit_dashboard", args=["kpu-tanjabbar"]))

    assert missing.status_code == foreign.status_code == 404
    assert "kpu-tanjabbar" not in foreign.content.decode()


def test_get_unit_for_user_raises_404_for_sibling_unit(charlie, tree):
    with pytest.raises(Http404):
        permissions.get_unit_for_user(charlie, "kpu-tanjabbar")


def test_reviewer_rights_reach_two_levels_down(tia, tree):
    access = permissions.get_unit_for_user(tia, "kpu-tanjabbar")

    assert access.inherited == frozenset({Role.REVIEWER})
    assert permissions.can_review_unit(access) is True
    assert permissions.can_manage_unit(access) is False


def test_reviewer_cannot_review_own_unit(rina, tree):
    access = permissions.get_unit_for_user(rina, "kpu-jambi")

    assert permissions.can_review_unit(access) is False
    assert permissions.can_view_audit_log(access) is True


def test_visible_units_lists_subtree_for_provincial_reviewer(rina, tree):
    codes = [a.unit.code for a in permissions.visible_units(rina)]

    assert codes == ["kpu-jambi", "kpu-tanjabbar", "kpu-tanjabtim"]


def test_inactive_user_sees_nothing(alice, tree):
    alice.is_active = False
    alice.save()

    assert permissions.visible_units(alice) == []
    with pytest.raises(Http404):
        permissions.get_unit_for_user(alice, "kpu-tanjabbar")


def test_user_with_roles_in_two_units_sees_both_with_each_role(tree):
    user = UserFactory()
    MembershipFactory(user=user, unit=tree["tanjabbar"], role=Role.COORDINATOR)
    MembershipFactory(user=user, unit=tree["tanjabtim"], role=Role.VIEWER)

    roles = {a.unit.code: a.roles for a in permissions.visible_units(user)}

    assert roles == {
        "kpu-tanjabbar": frozenset({Role.COORDINATOR}),
        "kpu-tanjabtim": frozenset({Role.VIEWER}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_unit_rights_are_the_predicates_in_one_frozen_dataclass(
    tree: dict[str, Unit], role: str
) -> None:
    user = UserFactory()
    MembershipFactory(user=user, unit=tree["jambi"], role=role)
    access = permissions.access_for(user, tree["jambi"])
    rights = permissions.rights_for(access)
    assert rights == permissions.UnitRights(
        can_manage=permissions.can_manage_unit(access),
        can_manage_members=permissions.can_manage_unit(access),
        can_view_audit=permissions.can_view_audit_log(access),
        can_contribute=permissions.can_contribute(access),
    )
    assert rights.can_manage is (role in {Role.LEADER, Role.COORDINATOR})
    with pytest.raises(FrozenInstanceError):
        rights.can_manage = True
