"""Fixtures of the API tests: tokens, a client that sends them, and seeded data.

The plan, the evidence helpers and the LKE assessment are the other apps' own
fixtures (the API is the rightmost app and may read their tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sizi.api import services
from sizi.evidence.tests.conftest import plan, steps  # noqa: F401 (fixtures)
from sizi.lke.tests.conftest import assessment, instrument  # noqa: F401 (fixtures)
from sizi.surveys.tests.conftest import (  # noqa: F401 (fixtures)
    instruments,
    layanan,
    period,
    respond,
)
from sizi.units.models import User

BASE = "/api/v1"


class ApiClient:
    """Django's test client with a bearer token on every request."""

    def __init__(self, client: Client, secret: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            BASE + path,
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(
            BASE + path,
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def upload(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, data, headers=self.headers)


@pytest.fixture
def secret_for() -> Callable[[User], str]:
    def make(user: User) -> str:
        return services.create_token(by=user, name="Uji").secret

    return make


@pytest.fixture
def api_as(secret_for: Callable[[User], str]) -> Callable[[User | None], ApiClient]:
    """Return a client acting with a fresh token of the user (None: no token)."""

    def make(user: User | None) -> ApiClient:
        return ApiClient(Client(), secret_for(user) if user is not None else None)

    return make
