"""Sign-in through the institution's OpenID Connect provider, mocked at HTTP.

The provider's token and userinfo endpoints are answered by `responses`; the ID
token is a real HS256 JWT signed with the client secret, so the library checks
its signature, nonce and our audience as it would in production.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from django.urls import reverse

from sizi.core.models import AuditEvent
from sizi.units import oidc

pytestmark = pytest.mark.django_db

PROVIDER = "https://sso.example.go.id"
CLIENT_ID = "sizi"
SECRET = "rahasia-klien-yang-cukup-panjang-untuk-hs256"  # noqa: S105


@pytest.fixture
def sso(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_ISSUER = PROVIDER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PROVIDER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{PROVIDER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{PROVIDER}/userinfo"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "sizi.units.oidc.SiziOIDCBackend",
    ]
    return settings


def _sign_in(client, claims, *, audience=CLIENT_ID, issuer=PROVIDER, next_url=""):
    """Go to the provider and back; return the callback's response."""
    start = reverse("oidc_authentication_init") + (
        f"?next={next_url}" if next_url else ""
    )
    to_provider = client.get(start)
    assert to_provider.status_code == 302
    query = parse_qs(urlparse(to_provider["Location"]).query)
    assert to_provider["Location"].startswith(f"{PROVIDER}/authorize")
    assert query["client_id"] == [CLIENT_ID]
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": issuer,
            "aud": audience,
            "sub": "pegawai-42",
            "iat": now,
            "exp": now + 300,
            "nonce": query["nonce"][0],
        },
        SECRET,
        algorithm="HS256",
    )
    # A refused token never reaches the userinfo request.
    with responses.RequestsMock(assert_all_requests_are_fired=False) as provider:
        provider.post(
            f"{PROVIDER}/token",
            json={
                "id_token": id_token,
                "access_token": "akses",
                "token_type": "Bearer",
            },
        )
        provider.get(f"{PROVIDER}/userinfo", json=claims)
        return client.get(
            reverse("oidc_authentication_callback"),
            {"code": "kode-sekali-pakai", "state": query["state"][0]},
        )


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_a_known_person_is_signed_in_by_email_and_audited(client, sso, alice):
    alice.email = "Alice@Kpu.go.id"
    alice.save()
    response = _sign_in(client, {"email": "alice@kpu.go.id", "sub": "pegawai-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("units:dashboard")
    assert _signed_in_as(client) == str(alice.pk)
    event = AuditEvent.objects.get(action="user.signed_in_sso")
    assert event.actor == alice


def test_a_person_is_matched_by_user_name_too(client, sso, alice):
    response = _sign_in(
        client, {"preferred_username": "alice"}, next_url="/akun/keamanan/"
    )
    assert response["Location"] == "/akun/keamanan/"
    assert _signed_in_as(client) == str(alice.pk)


def test_an_unknown_person_is_refused_in_indonesian_and_no_account_is_made(
    client, sso, alice, django_user_model
):
    accounts = django_user_model.objects.count()
    response = _sign_in(client, {"email": "orang.lain@instansi.go.id"})
    assert response["Location"] == reverse("login")
    page = client.get(reverse("login"))
    assert oidc.REFUSED in page.content.decode()
    assert _signed_in_as(client) is None
    assert django_user_model.objects.count() == accounts
    refused = AuditEvent.objects.get(action="user.sso_refused")
    assert refused.changes["email"] == "orang.lain@instansi.go.id"


def test_an_inactive_account_is_refused(client, sso, alice):
    alice.is_active = False
    alice.save()
    _sign_in(client, {"preferred_username": "alice"})
    assert _signed_in_as(client) is None


def test_claims_naming_two_accounts_are_refused(client, sso, alice, bob):
    bob.email = "alice@kpu.go.id"
    bob.save()
    _sign_in(client, {"email": "alice@kpu.go.id", "preferred_username": "alice"})
    assert _signed_in_as(client) is None
    assert AuditEvent.objects.filter(action="user.sso_refused").exists()


def test_a_token_for_another_client_is_refused(client, sso, alice):
    response = _sign_in(client, {"preferred_username": "alice"}, audience="lain")
    assert response["Location"] == reverse("login")
    assert _signed_in_as(client) is None
    assert AuditEvent.objects.filter(action="user.sso_refused").exists()


def test_a_token_from_another_issuer_is_refused(client, sso, alice):
    _sign_in(client, {"preferred_username": "alice"}, issuer="https://palsu.example")
    assert _signed_in_as(client) is None


def test_administrators_still_need_their_second_factor(client, sso, admin):
    sso.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    _sign_in(client, {"preferred_username": "admin"})
    assert _signed_in_as(client) == str(admin.pk)
    response = client.get(reverse("units:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_the_login_page_offers_sso_only_when_configured(client, settings):
    settings.OIDC_ENABLED = False
    assert (
        "Masuk dengan SSO instansi" not in client.get(reverse("login")).content.decode()
    )
    for name in ("oidc_authentication_init", "oidc_authentication_callback"):
        response = client.get(reverse(name), follow=True)
        assert response.redirect_chain == [(reverse("login"), 302)]
        assert oidc.NOT_SET_UP in response.content.decode()
    settings.OIDC_ENABLED = True
    assert "Masuk dengan SSO instansi" in client.get(reverse("login")).content.decode()
