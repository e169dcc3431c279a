"""Two-factor sign-in: set-up, the code after the password, recovery, admins."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sizi.core.models import AuditEvent

PASSWORD = "sandi-uji-panjang-2025"


_used: dict[int, int] = {}


@pytest.fixture(autouse=True)
def _fresh_codes():
    _used.clear()


def _unthrottle(user) -> None:
    """Skip django-otp's growing wait after a wrong code (tested by the library)."""
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _code(user) -> str:
    """Return the next unused code: a used one is refused (replay protection)."""
    device = TOTPDevice.objects.get(user=user)
    # Let the test use a few successive time steps within one real step.
    TOTPDevice.objects.filter(pk=device.pk).update(tolerance=5)
    step = _used.get(device.pk, -1) + 1
    _used[device.pk] = step
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + step * device.step
    return f"{totp.token():06d}"


def _sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )


def _enable(client, user) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("two_factor_setup"))
    assert "<svg" in page.content.decode()
    response = client.post(reverse("two_factor_setup"), {"code": _code(user)})
    codes = response.context["codes"]
    client.logout()
    return codes


def test_setting_up_shows_ten_recovery_codes_once_and_is_audited(client, alice):
    codes = _enable(client, alice)
    assert len(codes) == len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=alice).confirmed is True
    assert AuditEvent.objects.filter(action="user.two_factor_enabled").count() == 1


def test_a_wrong_first_code_does_not_turn_it_on(client, alice):
    client.force_login(alice)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "Kode tidak cocok" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()


def test_after_the_password_the_code_is_asked_before_any_page(client, alice):
    _enable(client, alice)
    response = _sign_in(client, alice)
    dashboard = reverse("units:dashboard")
    blocked = client.get(dashboard)
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("two_factor_verify"))

    wrong = client.post(reverse("two_factor_verify"), {"code": "123456"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert client.get(dashboard).status_code == 302

    _unthrottle(alice)
    response = client.post(
        reverse("two_factor_verify"), {"code": _code(alice), "next": dashboard}
    )
    assert response["Location"] == dashboard
    assert client.get(dashboard).status_code == 200


def test_a_recovery_code_works_once(client, alice):
    codes = _enable(client, alice)
    _sign_in(client, alice)
    ok = client.post(reverse("two_factor_verify"), {"code": codes[0].upper()})
    assert ok.status_code == 302
    assert AuditEvent.objects.get(action="user.recovery_code_used").changes == {
        "remaining": 9
    }
    client.logout()
    _sign_in(client, alice)
    again = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert client.get(reverse("units:dashboard")).status_code == 302


def test_an_external_next_is_not_followed(client, alice):
    _enable(client, alice)
    _sign_in(client, alice)
    response = client.post(
        reverse("two_factor_verify"),
        {"code": _code(alice), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_administrators_must_set_it_up_and_cannot_turn_it_off(client, admin, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    client.post(reverse("two_factor_setup"), {"code": "000000"})
    client.get(reverse("two_factor_setup"))
    _unthrottle(admin)
    client.post(reverse("two_factor_setup"), {"code": _code(admin)})
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("two_factor_disable"), {"code": _code(admin)})
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_a_used_code_cannot_be_replayed(client, alice):
    _enable(client, alice)
    _sign_in(client, alice)
    code = _code(alice)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.logout()
    _sign_in(client, alice)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 200


def test_a_user_can_turn_it_off_with_a_code(client, alice):
    _enable(client, alice)
    _sign_in(client, alice)
    client.post(reverse("two_factor_verify"), {"code": _code(alice)})
    client.post(reverse("two_factor_disable"), {"code": _code(alice)})
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert AuditEvent.objects.filter(action="user.two_factor_disabled").count() == 1


@pytest.mark.parametrize("name", ["two_factor_recovery_codes", "two_factor_disable"])
def test_state_changes_need_post(client, alice, name):
    client.force_login(alice)
    assert client.get(reverse(name)).status_code == 405
