"""Bearer tokens: 401 without, with a wrong, revoked or expired token; 429 past the limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from sizi.api import services
from sizi.api.auth import FAILED_ATTEMPTS
from sizi.api.models import ApiToken
from sizi.api.tests.conftest import BASE, ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


def test_a_valid_token_acts_for_its_owner(api_as, bob) -> None:
    response = api_as(bob).get("/me")

    assert response.status_code == 200
    assert response.json()["username"] == "bob"


def test_no_token_is_401_with_an_indonesian_detail(api_as, bob) -> None:
    response = api_as(None).get("/me")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Token API" in response.json()["detail"]


def test_a_session_cookie_is_not_enough(client, bob) -> None:
    client.force_login(bob)

    assert client.get(f"{BASE}/units").status_code == 401


def test_the_token_decides_who_acts_not_the_session(client, bob, charlie) -> None:
    client.force_login(charlie)
    secret = services.create_token(by=bob, name="Uji").secret

    response = client.get(f"{BASE}/me", headers={"Authorization": f"Bearer {secret}"})

    assert response.json()["username"] == "bob"


def test_an_unknown_token_is_401(bob) -> None:
    response = ApiClient(Client(), "sizi_" + "x" * 43).get("/me")

    assert response.status_code == 401


def test_a_revoked_token_is_401(bob) -> None:
    new = services.create_token(by=bob, name="Uji")
    services.revoke_token(new.token, by=bob)

    assert ApiClient(Client(), new.secret).get("/me").status_code == 401


def test_an_expired_token_is_401_and_valid_through_its_last_day(bob) -> None:
    today = timezone.localdate()
    new = services.create_token(by=bob, name="Uji", expires_on=today)
    assert ApiClient(Client(), new.secret).get("/me").status_code == 200

    ApiToken.objects.filter(pk=new.token.pk).update(
        expires_on=today - timedelta(days=1)
    )

    assert ApiClient(Client(), new.secret).get("/me").status_code == 401


def test_an_inactive_owner_is_401(bob) -> None:
    secret = services.create_token(by=bob, name="Uji").secret
    bob.is_active = False
    bob.save()

    assert ApiClient(Client(), secret).get("/me").status_code == 401


def test_use_is_noted_on_the_token(bob) -> None:
    new = services.create_token(by=bob, name="Uji")

    ApiClient(Client(), new.secret).get("/me")

    new.token.refresh_from_db()
    assert new.token.last_used_at is not None


def test_failed_attempts_are_limited_per_client(bob) -> None:
    bad = ApiClient(Client(), "sizi_salah")
    statuses = [bad.get("/me").status_code for _ in range(FAILED_ATTEMPTS.count + 1)]

    assert statuses[:-1] == [401] * FAILED_ATTEMPTS.count
    assert statuses[-1] == 429
    last = bad.get("/me")
    assert last.status_code == 429
    assert "Terlalu banyak" in last.json()["detail"]


def test_only_the_digest_and_a_prefix_are_stored(bob) -> None:
    new = services.create_token(by=bob, name="Uji")

    stored = ApiToken.objects.get(pk=new.token.pk)
    assert len(new.secret) >= 5 + 43  # 256 random bits, URL-safe
    assert stored.digest == services.digest_of(new.secret)
    assert new.secret not in {stored.digest, stored.prefix, stored.name}
    assert new.secret.startswith(stored.prefix)


def test_the_document_and_docs_are_public_and_the_root_leads_to_the_docs(
    client,
) -> None:
    assert client.get(f"{BASE}/openapi.json").json()["info"]["title"] == "SIZI API"
    assert client.get(f"{BASE}/docs").status_code == 200
    response = client.get(f"{BASE}/")
    assert (response.status_code, response["Location"]) == (302, f"{BASE}/docs")


def test_an_endpoint_answers_405_to_a_method_it_lacks(client, bob) -> None:
    client.force_login(bob)

    assert (
        client.get(f"{BASE}/units/kpu-tanjabbar/lke/2025/answers/P.1").status_code
        == 405
    )
    assert client.post(f"{BASE}/units").status_code == 405


def test_every_api_error_is_json_with_an_indonesian_detail(client, bob) -> None:
    client.force_login(bob)

    wrong_method = client.delete(f"{BASE}/units")
    assert wrong_method.status_code == 405
    assert wrong_method["Content-Type"].startswith("application/json")
    assert wrong_method.json() == {
        "detail": "Metode ini tidak tersedia untuk alamat ini."
    }
    assert wrong_method["Allow"] == "GET"
    put_only = client.get(f"{BASE}/units/kpu-tanjabbar/lke/2025/answers/P.1")
    assert (put_only.status_code, put_only["Allow"]) == (405, "PUT")
    assert put_only.json()["detail"].startswith("Metode ini tidak tersedia")

    unknown = client.get(f"{BASE}/tidak-ada")
    assert unknown.status_code == 404
    assert unknown.json() == {
        "detail": "Alamat API ini tidak ada. Daftar alamatnya ada di /api/v1/docs."
    }
    no_token = client.get(f"{BASE}/units")
    assert no_token.status_code == 401
    assert no_token.json()["detail"].startswith("Token API tidak ada")
    # Outside the API the 404 stays the HTML page.
    assert client.get("/tidak-ada/")["Content-Type"].startswith("text/html")
