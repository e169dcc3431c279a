"""Two-factor sign-in: an authenticator app (TOTP) plus one-time recovery codes.

Built on django-otp. A user turns it on by scanning a QR code and typing one
code; SIZI then shows ten recovery codes once. From then on the password alone
does not open SIZI: ``TwoFactorMiddleware`` asks for a code after sign-in.
Administrators must use it (``TWO_FACTOR_REQUIRED_FOR_ADMINS``). Every change
is an audit event on the user.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sizi.core import audit
from sizi.units.models import User

#: Session key: does this signed-in session need a second factor? Set at
#: sign-in, so the middleware asks the database nothing on later requests.
SESSION_KEY = "sizi_two_factor_enabled"
RECOVERY_CODES = 10
APP_DEVICE = "Aplikasi autentikator"
RECOVERY_DEVICE = "Kode pemulihan"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i look-alikes


@dataclass(frozen=True)
class Enrolment:
    """What the set-up page shows: the QR code and the key to type by hand."""

    qr_svg: str
    secret: str


def is_enabled(user: User) -> bool:
    """Return True when the user has a confirmed authenticator."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def remember_on_sign_in(
    sender: object, request: HttpRequest, user: User, **kwargs: object
) -> None:
    """Note in the new session whether the user has a second factor (a signal receiver)."""
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = is_enabled(user)


def needs_code(request: HttpRequest, user: User) -> bool:
    """Return True when this session must still give a second factor."""
    enabled = request.session.get(SESSION_KEY)
    if enabled is None:  # a session from before this flag existed
        enabled = request.session[SESSION_KEY] = is_enabled(user)
    return bool(enabled)


def is_required(user: User) -> bool:
    """Return True when the user may not work without a second factor."""
    return bool(
        settings.TWO_FACTOR_REQUIRED_FOR_ADMINS and (user.is_superuser or user.is_staff)
    )


def _recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _normalise(code: str) -> str:
    return "".join(code.split()).lower()


@transaction.atomic
def start_enrolment(user: User) -> Enrolment:
    """Create (or reuse) the user's unconfirmed authenticator and return its QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    qr = segno.make(device.config_url, error="m")
    secret = _base32(device.bin_key)
    return Enrolment(qr_svg=qr.svg_inline(scale=4, title="Kode QR SIZI"), secret=secret)


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def confirm_enrolment(request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm the authenticator with a code; return fresh recovery codes."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .first()
    )
    if device is None:
        raise ValidationError("Mulai lagi dari halaman keamanan akun.")
    if not device.verify_token(_normalise(code)):
        raise ValidationError("Kode tidak cocok. Periksa jam ponsel lalu coba lagi.")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    audit.record(user, "user.two_factor_enabled", user)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code.replace("-", "")) for code in codes
    )
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: User) -> list[str]:
    """Replace the recovery codes (the old ones stop working)."""
    if not is_enabled(user):
        raise ValidationError("Verifikasi dua langkah belum aktif.")
    codes = _replace_recovery_codes(user)
    audit.record(user, "user.recovery_codes_regenerated", user)
    return codes


@transaction.atomic
def verify_sign_in(request: HttpRequest, user: User, code: str) -> bool:
    """Accept an authenticator code or an unused recovery code for this session."""
    code = _normalise(code).replace("-", "")
    if code.isdigit():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        used_recovery = False
    else:
        device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE).first()
        used_recovery = True
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(code):
        return False
    otp_login(request, device)
    if used_recovery:
        left = StaticToken.objects.filter(device=device).count()
        audit.record(user, "user.recovery_code_used", user, remaining=left)
    return True


@transaction.atomic
def disable(user: User, code: str) -> None:
    """Turn two-factor sign-in off after a valid code (not for administrators)."""
    if is_required(user):
        raise ValidationError("Administrator wajib memakai verifikasi dua langkah.")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError("Verifikasi dua langkah belum aktif.")
    if not device.verify_token(_normalise(code)):
        raise ValidationError("Kode tidak cocok.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(user, "user.two_factor_disabled", user)
