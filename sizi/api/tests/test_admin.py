"""System administrators list every user's API tokens and revoke them, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sizi.api import services
from sizi.api.models import ApiToken
from sizi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_lists_other_users_tokens_without_their_secrets(
    client, admin, bob, alice
):
    bobs = services.create_token(by=bob, name="Integrasi SAKIP")
    alices = services.create_token(by=alice, name="Dasbor")
    client.force_login(admin)

    page = client.get(reverse("admin:api_apitoken_changelist"))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Integrasi SAKIP" in html and "Dasbor" in html
    assert bobs.token.prefix in html
    for new in (bobs, alices):
        assert new.secret not in html
        assert new.token.digest not in html
    detail = client.get(reverse("admin:api_apitoken_change", args=[bobs.token.pk]))
    assert detail.status_code == 200
    assert bobs.token.digest not in detail.content.decode()


def test_admin_revokes_tokens_and_each_revocation_is_audited(client, admin, bob):
    first = services.create_token(by=bob, name="Satu").token
    second = services.create_token(by=bob, name="Dua").token
    client.force_login(admin)

    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "2 token API dicabut." in response.content.decode()
    assert not ApiToken.objects.usable().filter(user=bob).exists()
    events = AuditEvent.objects.filter(action="api.token_revoked")
    assert {(e.actor, e.target_repr, e.changes.get("owner")) for e in events} == {
        (admin, str(first), "bob"),
        (admin, str(second), "bob"),
    }
    assert services.token_user(services.create_token(by=bob, name="Tiga").secret) == bob


def test_the_admin_cannot_add_or_edit_tokens(client, admin, bob):
    token = services.create_token(by=bob, name="Satu").token
    client.force_login(admin)

    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    client.post(
        reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "Diubah"}
    )
    token.refresh_from_db()
    assert token.name == "Satu" and token.revoked_at is None


def test_staff_without_the_view_right_see_no_tokens(client, bob):
    services.create_token(by=bob, name="Satu")
    bob.is_staff = True
    bob.save()
    client.force_login(bob)

    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403
