"""Sign-in, lockout, password reset and the hashing scheme."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from sizi.core.tests.vocabulary import problems_in_page

LOGIN = "/akun/masuk/"


def _attempt(client: Client, username: str, password: str):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7"
    )


def test_valid_login_lands_on_dashboard(client, alice):
    response = _attempt(client, "alice", "sandi-uji-123")

    assert response.status_code == 302
    assert response["Location"] == reverse("units:dashboard")


def test_wrong_password_shows_indonesian_error(client, alice):
    response = _attempt(client, "alice", "salah")

    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_account_is_locked_after_repeated_failures(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "alice", "salah")

    locked = _attempt(client, "alice", "sandi-uji-123")

    assert locked.status_code == 429
    assert "Akun terkunci sementara" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, "alice", "salah")

    response = _attempt(client, "alice", "sandi-uji-123")

    assert response.status_code == 302


def test_password_reset_sends_link_by_email(client, alice):
    response = client.post(reverse("password_reset"), {"email": alice.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Atur ulang kata sandi SIZI"
    assert "/akun/sandi/atur/" in mail.outbox[0].body


def test_the_account_pages_say_surel_and_read_in_one_vocabulary(client, alice):
    reset = client.get(reverse("password_reset")).text
    client.force_login(alice)
    members = client.get(reverse("units:unit_members", args=["kpu-tanjabbar"])).text

    assert re.search(r"<label[^>]*>Surel:</label>", reset)
    assert "Email" not in reset
    assert problems_in_page(reset) == [] and problems_in_page(members) == []


def test_outside_tests_passwords_are_hashed_with_argon2():
    env = {**os.environ, "SIZI_TESTING": "0", "DJANGO_SETTINGS_MODULE": "sizi.settings"}
    code = "from django.conf import settings as s; print(s.PASSWORD_HASHERS[0])"

    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert out == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_logout_requires_post_and_ends_session(client, alice):
    client.force_login(alice)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
