"""Optional sign-in through an institution's OpenID Connect provider ("SSO instansi").

On only when ``settings.OIDC_ENABLED`` (the ``OIDC_*`` variables are set). The
provider vouches for a person; SIZI matches them to an existing, active account
by e-mail or user name and never creates one (nor any role). An unknown or
ambiguous person is refused with an Indonesian message. Every SSO sign-in, and
every refusal, is in the audit log. Two-factor sign-in still applies to
administrators (``TwoFactorMiddleware`` runs on the next request as after a
password sign-in). mozilla-django-oidc does the protocol (state, nonce, token
and userinfo requests, signature check).
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from sizi.core import audit
from sizi.units.models import User

logger = logging.getLogger(__name__)

REFUSED = (
    "Masuk dengan SSO instansi gagal: akun Anda tidak ditemukan di SIZI atau tidak "
    "aktif, atau SSO instansi tidak dapat dihubungi. Minta admin SIZI unit Anda "
    "mendaftarkan akun dengan alamat surel yang sama, atau masuk dengan nama "
    "pengguna dan kata sandi."
)


def claimed_identity(claims: dict[str, Any]) -> tuple[str, str]:
    """Return the (e-mail, user name) a provider's claims name, stripped."""
    email = str(claims.get("email") or "").strip()
    username = str(claims.get("preferred_username") or "").strip()
    return email, username


class SiziOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Match the provider's person to one existing SIZI account, or refuse."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        """Sign in from the provider's answer; a bad token or no answer refuses."""
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            logger.warning("SSO sign-in refused: %s", exc)
            self._refused({}, reason=str(exc)[:200])
            return None
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return any(claimed_identity(claims))

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """Check the signature and nonce (library), then that the token is ours."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer.")
        return payload

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email, username = claimed_identity(claims)
        match = Q()
        if email:
            match |= Q(email__iexact=email)
        if username:
            match |= Q(username=username)
        if not match:
            return User.objects.none()
        return User.objects.filter(match, is_active=True)

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        try:
            user: User | None = super().get_or_create_user(
                access_token, id_token, payload
            )
        except SuspiciousOperation as exc:
            self._refused(payload, reason=str(exc))
            raise
        if user is None:
            self._refused(payload, reason="Akun tidak dikenal.")
            return None
        audit.record(user, "user.signed_in_sso", user, provider=settings.OIDC_OP_NAME)
        return user

    def _refused(self, payload: dict[str, Any], *, reason: str) -> None:
        email, username = claimed_identity(getattr(self, "_claims", payload))
        audit.record(
            None,
            "user.sso_refused",
            email=email,
            username=username,
            reason=reason,
            provider=settings.OIDC_OP_NAME,
        )

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        claims: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        self._claims = claims
        return claims


class SiziCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from the provider: signed in, or back to the login page with why."""

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, REFUSED)
        return redirect("login")


NOT_SET_UP = "Masuk dengan SSO instansi belum dipasang di SIZI ini."


@require_GET
def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the person to the institution's provider to sign in."""
    if not settings.OIDC_ENABLED:
        messages.info(request, NOT_SET_UP)
        return redirect("login")
    response: HttpResponse = OIDCAuthenticationRequestView.as_view()(request)
    return response


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here with a code."""
    if not settings.OIDC_ENABLED:
        messages.info(request, NOT_SET_UP)
        return redirect("login")
    response: HttpResponse = SiziCallbackView.as_view()(request)
    return response
