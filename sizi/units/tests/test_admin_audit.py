"""Rights changed in the admin, and sign-ins, land in the audit log (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from sizi.core.models import AuditEvent
from sizi.units.models import Membership, Unit, UnitLevel, User

Role = Membership.Role


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def _user_form(user: User, memberships: list[dict[str, Any]], **changes: Any) -> dict:
    """The POST of the admin's user page with its membership inline."""
    now = timezone.localtime()
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "full_name": user.full_name,
        "position": user.position,
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": now.strftime("%Y-%m-%d"),
        "date_joined_1": now.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if user.is_active:
        data["is_active"] = "on"
    for i, row in enumerate(memberships):
        data[f"memberships-{i}-id"] = row.get("id", "")
        data[f"memberships-{i}-user"] = user.pk
        data[f"memberships-{i}-unit"] = row["unit"].pk
        data[f"memberships-{i}-role"] = row["role"]
        if row.get("delete"):
            data[f"memberships-{i}-DELETE"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _post_user(
    client: Any, user: User, memberships: list[dict], **changes: Any
) -> None:
    response = client.post(
        f"/admin/units/user/{user.pk}/change/", _user_form(user, memberships, **changes)
    )
    assert response.status_code == 302, response.context["errors"]


def test_a_role_granted_through_the_inline_is_one_event_with_its_unit(
    client, admin, bob, tree
):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client,
        bob,
        [
            {"id": own.pk, "unit": tree["tanjabbar"], "role": Role.TEAM},
            {"unit": tree["jambi"], "role": Role.VIEWER},
        ],
    )

    added = _events("membership.added")[-1]
    assert (added.unit, added.actor, added.changes) == (
        tree["jambi"],
        admin,
        {"user": "bob", "role": "viewer"},
    )
    assert _events("user.updated") == []


def test_a_role_changed_through_the_inline_names_old_and_new_role(
    client, admin, bob, tree
):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client,
        bob,
        [{"id": own.pk, "unit": tree["tanjabbar"], "role": Role.COORDINATOR}],
    )

    [event] = _events("membership.updated")
    assert (event.unit, event.changes) == (
        tree["tanjabbar"],
        {"user": "bob", "role": ["team", "coordinator"]},
    )


def test_a_role_moved_to_another_unit_is_removed_there_and_granted_here(
    client, admin, bob, tree
):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client, bob, [{"id": own.pk, "unit": tree["tanjabtim"], "role": Role.TEAM}]
    )

    assert [(e.unit, e.action) for e in _events("membership.removed")] == [
        (tree["tanjabbar"], "membership.removed")
    ]
    assert _events("membership.added")[-1].unit == tree["tanjabtim"]


def test_a_role_removed_through_the_inline_is_recorded(client, admin, bob, tree):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client,
        bob,
        [{"id": own.pk, "unit": tree["tanjabbar"], "role": Role.TEAM, "delete": True}],
    )

    [event] = _events("membership.removed")
    assert (event.unit, event.changes) == (
        tree["tanjabbar"],
        {"user": "bob", "role": "team"},
    )
    assert not Membership.objects.filter(user=bob).exists()


def test_deactivating_an_account_is_recorded_in_its_unit(client, admin, bob, tree):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client,
        bob,
        [{"id": own.pk, "unit": tree["tanjabbar"], "role": Role.TEAM}],
        is_active=None,
    )

    [event] = _events("user.deactivated")
    assert (event.unit, event.target_id) == (tree["tanjabbar"], str(bob.pk))


def test_making_someone_a_superuser_is_recorded_with_the_change(
    client, admin, bob, tree
):
    client.force_login(admin)
    own = Membership.objects.get(user=bob)

    _post_user(
        client,
        bob,
        [{"id": own.pk, "unit": tree["tanjabbar"], "role": Role.TEAM}],
        is_superuser="on",
        is_staff="on",
    )

    [event] = _events("user.updated")
    assert event.changes == {"is_staff": [False, True], "is_superuser": [False, True]}


def test_a_bulk_delete_of_memberships_records_each_in_its_unit(
    client, admin, alice, bob, charlie, tree
):
    client.force_login(admin)
    chosen = list(Membership.objects.filter(user__in=[bob, charlie]))

    response = client.post(
        "/admin/units/membership/",
        {
            "action": "delete_selected",
            "_selected_action": [m.pk for m in chosen],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert sorted(
        (e.unit.code, e.changes["user"]) for e in _events("membership.removed")
    ) == [("kpu-tanjabbar", "bob"), ("kpu-tanjabtim", "charlie")]
    assert Membership.objects.filter(user__in=[bob, charlie]).count() == 0


def test_changing_a_unit_level_is_recorded_in_every_unit_at_it(client, admin, tree):
    client.force_login(admin)
    level = UnitLevel.objects.get(code="kabkota")

    response = client.post(
        f"/admin/units/unitlevel/{level.pk}/change/",
        {"code": level.code, "name": level.name, "rank": level.rank},
    )

    assert response.status_code == 302
    events = _events("unit_level.updated")
    assert sorted(e.unit.code for e in events) == ["kpu-tanjabbar", "kpu-tanjabtim"]
    assert events[0].changes == {"needs_preliminary_review": [True, False]}


def test_editing_a_unit_in_the_admin_is_recorded(client, admin, tree):
    client.force_login(admin)
    unit = tree["tanjabtim"]

    response = client.post(
        f"/admin/units/unit/{unit.pk}/change/",
        {
            "code": unit.code,
            "name": "KPU Tanjabtim",
            "short_name": "",
            "level": unit.level_id,
            "parent": unit.parent_id,
            "city": "Muara Sabak",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    [event] = _events("unit.updated")
    assert (event.unit, event.changes) == (
        unit,
        {
            "city": ["", "Muara Sabak"],
            "name": ["KPU Kabupaten Tanjung Jabung Timur", "KPU Tanjabtim"],
        },
    )


def test_a_password_set_by_an_administrator_is_recorded_without_it(
    client, admin, bob, tree
):
    client.force_login(admin)

    response = client.post(
        f"/admin/units/user/{bob.pk}/password/",
        {
            "password1": "Sandi-Baru-2025!",
            "password2": "Sandi-Baru-2025!",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302
    [event] = _events("user.password_set_by_admin")
    assert (event.unit, event.actor, event.changes) == (tree["tanjabbar"], admin, {})


def test_a_sign_in_is_recorded_on_the_user(client, bob):
    response = client.post(
        "/akun/masuk/", {"username": "bob", "password": "sandi-uji-123"}
    )

    assert response.status_code == 302
    [event] = _events("auth.signed_in")
    assert (event.actor, event.target_id, event.unit) == (bob, str(bob.pk), None)


def test_a_failed_sign_in_names_the_account_and_never_the_password(client, bob):
    client.post("/akun/masuk/", {"username": "bob", "password": "tebakan-rahasia"})

    [event] = _events("auth.sign_in_failed")
    assert (event.actor, event.target_id, event.changes["username"]) == (
        None,
        str(bob.pk),
        "bob",
    )
    assert "tebakan-rahasia" not in str(event.changes)
    assert set(event.changes) == {"username", "ip_address"}


def test_a_failed_sign_in_for_an_unknown_name_is_recorded_without_a_target(client, db):
    client.post("/akun/masuk/", {"username": "siapa", "password": "x"})

    [event] = _events("auth.sign_in_failed")
    assert (event.target_id, event.changes["username"]) == ("", "siapa")


def test_a_lockout_is_recorded(client, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "bob", "password": "salah"})

    assert [e.target_id for e in _events("auth.locked_out")] == [str(bob.pk)]


def test_a_password_change_is_recorded(client, bob, tree):
    client.force_login(bob)

    response = client.post(
        "/akun/sandi/ubah/",
        {
            "old_password": "sandi-uji-123",
            "new_password1": "Sandi-Baru-2025!",
            "new_password2": "Sandi-Baru-2025!",
        },
    )

    assert response.status_code == 302
    [event] = _events("auth.password_changed")
    assert (event.actor, event.unit) == (bob, tree["tanjabbar"])


def test_a_password_reset_is_recorded(client, bob, tree):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(bob.pk))
    token = default_token_generator.make_token(bob)
    form_url = client.get(f"/akun/sandi/atur/{uid}/{token}/").url

    response = client.post(
        form_url,
        {"new_password1": "Sandi-Baru-2025!", "new_password2": "Sandi-Baru-2025!"},
    )

    assert response.status_code == 302
    [event] = _events("auth.password_reset")
    assert (event.target_id, event.unit) == (str(bob.pk), tree["tanjabbar"])


@pytest.mark.parametrize("model", [AccessAttempt, AccessLog])
def test_axes_records_cannot_be_changed_or_deleted_in_the_admin(model, admin):
    model_admin = site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = admin

    assert (
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
        "delete_selected" in model_admin.get_actions(request),
    ) == (False, False, False)


def test_unlocking_an_account_is_recorded(client, admin, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "bob", "password": "salah"})
    client.force_login(admin)
    attempts = list(AccessAttempt.objects.filter(username="bob"))

    client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [a.pk for a in attempts]},
    )

    assert AccessAttempt.objects.filter(username="bob").count() == 0
    [event] = _events("auth.unlocked")
    assert (event.actor, event.changes["username"]) == (admin, "bob")


def test_deleting_a_user_records_the_roles_lost(client, admin, bob, tree):
    client.force_login(admin)

    response = client.post(f"/admin/units/user/{bob.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert [e.unit for e in _events("membership.removed")] == [tree["tanjabbar"]]
    assert [e.changes for e in _events("user.deleted")] == [{"username": "bob"}]
    assert not User.objects.filter(pk=bob.pk).exists()
    assert Unit.objects.filter(pk=tree["tanjabbar"].pk).exists()
