"""Shared rate limits and the public forms' honeypot."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from sizi.core.public_forms import PublicForm
from sizi.core.ratelimit import Limit, client_key, hit


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_hits_are_allowed_up_to_the_limit_per_key_and_scope():
    limit = Limit(count=3, seconds=60)
    assert [hit("pengaduan", "a", limit) for _ in range(4)] == [True, True, True, False]
    assert hit("pengaduan", "b", limit) is True
    assert hit("survei", "a", limit) is True


def test_client_key_hides_the_address_and_ignores_a_forged_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    key = client_key(request)
    assert "203.0.113.7" not in key
    other = RequestFactory().get("/", REMOTE_ADDR="203.0.113.8")
    assert key == client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.7"))
    assert key != client_key(other)


def test_client_key_behind_one_proxy_uses_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    seen = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7"
    )
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    expected = client_key(direct)
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_key(seen) == expected


class _Form(PublicForm):
    pass


def test_the_honeypot_refuses_a_filled_form_and_passes_an_empty_one():
    assert _Form({}).is_valid()
    form = _Form({"situs_web": "http://spam.example"})
    assert not form.is_valid()
    assert form.is_bot
    assert form.non_field_errors() == [
        "Formulir tidak dapat dikirim. Muat ulang halaman lalu coba lagi."
    ]
