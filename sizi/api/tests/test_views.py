"""The Token API page: create (shown once), list, revoke; audited; own tokens only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sizi.api import services
from sizi.api.models import ApiToken
from sizi.api.tests.conftest import ApiClient
from sizi.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PAGE = "/akun/token-api/"


def test_anonymous_is_sent_to_sign_in(client) -> None:
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_top_bar_links_the_page_next_to_security(client, bob) -> None:
    client.force_login(bob)

    html = client.get(reverse("units:dashboard")).content.decode()

    assert html.index('href="/akun/keamanan/"') < html.index(f'href="{PAGE}"')


def test_creating_shows_the_secret_once_and_stores_only_its_digest(client, bob) -> None:
    client.force_login(bob)

    response = client.post(PAGE, {"name": "Sinkronisasi SIMPEG", "expires_on": ""})

    assert response.status_code == 201
    secret = response.context["new"].secret
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=bob)
    assert token.digest == services.digest_of(secret)
    assert secret not in client.get(PAGE).content.decode()
    assert ApiClient(client.__class__(), secret).get("/me").status_code == 200
    event = AuditEvent.objects.get(action="api.token_created")
    assert event.changes["prefix"] == token.prefix
    assert secret not in str(event.changes)


def test_a_past_expiry_is_refused(client, bob) -> None:
    client.force_login(bob)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client.post(PAGE, {"name": "Lama", "expires_on": yesterday.isoformat()})

    assert response.status_code == 422
    assert "tidak boleh sebelum hari ini" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_list_shows_name_prefix_use_and_state(client, bob) -> None:
    services.create_token(by=bob, name="Aktif")
    old = services.create_token(by=bob, name="Lama")
    services.revoke_token(old.token, by=bob)
    client.force_login(bob)

    html = client.get(PAGE).content.decode()

    assert "Aktif" in html and "Lama" in html
    assert old.token.prefix in html
    assert "Dicabut" in html
    assert "belum pernah" in html


def test_revoking_stops_the_token_and_is_audited(client, bob) -> None:
    new = services.create_token(by=bob, name="Uji")
    client.force_login(bob)

    response = client.post(reverse("api_tokens:revoke", args=[new.token.pk]))

    assert response.status_code == 302
    assert ApiClient(client.__class__(), new.secret).get("/me").status_code == 401
    assert AuditEvent.objects.filter(action="api.token_revoked").count() == 1


def test_another_persons_token_is_404_and_stays_usable(client, bob, charlie) -> None:
    new = services.create_token(by=bob, name="Milik Bob")
    client.force_login(charlie)

    response = client.post(reverse("api_tokens:revoke", args=[new.token.pk]))

    assert response.status_code == 404
    new.token.refresh_from_db()
    assert new.token.revoked_at is None
    assert not AuditEvent.objects.filter(action="api.token_revoked").exists()
    assert bob.username not in client.get(PAGE).content.decode()


def test_revoke_answers_only_post(client, bob) -> None:
    new = services.create_token(by=bob, name="Uji")
    client.force_login(bob)

    assert (
        client.get(reverse("api_tokens:revoke", args=[new.token.pk])).status_code == 405
    )
