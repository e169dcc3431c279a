"""The access matrix as a test: every URL pattern × persona × related unit × method.

The rules are data in each app's ``tests/access_rules.py``; the format is in the
docstring of ``sizi.core.tests.access``. Data is built once for the module and
every request is rolled back, so one run covers thousands of cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from sizi.core.tests import access
from sizi.core.tests.access import (
    ADMIN_LOGIN,
    ADMIN_SERVED,
    LOGIN,
    SERVED,
    Case,
    Rule,
    World,
)

# Every test asks for the database, so that pytest-django sets it up even when
# only one of them is selected.
pytestmark = pytest.mark.django_db

PATTERNS = sorted(
    {key: (name, route, kw) for key, name, route, kw in access.url_patterns()}.items()
)
RULES = access.all_rules()
ADMIN_PERSONAS = {"anonim", "pimpinan@own", "admin sistem"}
SERVED_STATUSES = {"GET": {200, 301, 302}, "POST": {200, 301, 302, 400, 409, 422}}
MINIMUM_CASES = 3000


@pytest.fixture
def _private_media() -> None:
    """The world's files live in the module's folder (see `world`), not per test."""


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[tuple[World, list[Case], dict[str, Client]]]:
    folder: Path = tmp_path_factory.mktemp("private")
    storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": folder, "base_url": None},
    }
    from django.conf import settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            PRIVATE_MEDIA_ROOT=folder,
            STORAGES={**settings.STORAGES, "default": storage},
        ),
    ):
        block = transaction.atomic()
        block.__enter__()
        try:
            built = World()
            case_source = None
            for module in access.rule_modules():
                if hasattr(module, "build"):
                    module.build(built)
                if hasattr(module, "cases"):
                    case_source = module.cases
            assert case_source is not None
            cases = case_source(built)
            clients = {}
            for case in cases:
                client = Client()
                if case.user is not None:
                    client.force_login(case.user)
                clients[case.label] = client
            yield built, cases, clients
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def _tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model.__module__.startswith("sizi.")
        and model._meta.managed
        and not model._meta.proxy
    )


def _fingerprint(tables: list[str]) -> tuple[int, ...]:
    """Count the rows of every table of SIZI's apps, in one query."""
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})"  # noqa: S608
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # noqa: S608 (table names from the models)
        return tuple(cursor.fetchone())


def _url(name: str, route: str, keywords: list[str], rule: Rule, case: Case) -> str:
    if not name:
        # An unnamed pattern (the admin's redirects): its route, arguments as "1".
        return re.sub(r"<[^>]+>", "1", route.replace("(?P<url>.*)$", ""))
    given = rule.kwargs(case)
    filled: dict[str, Any] = {}
    for keyword in keywords:
        if keyword in given:
            filled[keyword] = given[keyword]
        elif keyword == "code":
            filled[keyword] = case.unit.code
        elif keyword == "app_label":
            filled[keyword] = "units"
        else:
            filled[keyword] = "1"
    return reverse(name, kwargs=filled)


def _outcome_matches(outcome: Any, method: str, response: Any) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if outcome == SERVED:
        return status in SERVED_STATUSES[method]
    if outcome == LOGIN:
        return status == 302 and location.startswith(access.login_url())
    if outcome == ADMIN_SERVED:
        return status < 500
    if outcome == ADMIN_LOGIN:
        # The admin's logout page sends outsiders to its index, which signs in.
        return status == 302 and (
            location.startswith(reverse("admin:login"))
            or location == reverse("admin:index")
        )
    return bool(status == outcome)


def planned_cases(rule: Rule, cases: list[Case]) -> Iterator[tuple[Case, str, Any]]:
    for case in cases:
        if rule.kind == "admin" and case.label not in ADMIN_PERSONAS:
            continue
        for method in ("GET", "POST"):
            outcome = access.expected(rule, method, case)
            if outcome is not None:
                yield case, method, outcome


def _run(
    client: Client, method: str, url: str, outcome: Any, tables: list[str]
) -> str | None:
    """Ask once, rolled back; return a description of what went wrong, if anything."""
    cookies = deepcopy(client.cookies)
    with transaction.atomic():
        before = _fingerprint(tables)
        try:
            response = client.get(url) if method == "GET" else client.post(url)
        except Exception as error:  # noqa: BLE001 (reported as a failed case)
            transaction.set_rollback(True)
            client.cookies = cookies
            return f"raised {type(error).__name__}: {error}"
        changed = outcome != SERVED and _fingerprint(tables) != before
        transaction.set_rollback(True)
    client.cookies = cookies
    if not _outcome_matches(outcome, method, response):
        return f"expected {outcome}, got {response.status_code} {response.get('Location', '')}"
    if changed:
        return "refused, but data changed"
    return None


@pytest.mark.parametrize(("key", "pattern"), PATTERNS, ids=[k for k, _ in PATTERNS])
def test_access_matrix(
    key: str, pattern: tuple[str, str, list[str]], world: Any
) -> None:
    built, cases, clients = world
    name, route, keywords = pattern
    rule = access.rule_for(RULES, key)
    if rule is None:
        pytest.fail(f"{key} ({route}) has no access rule")
    tables = _tables()
    failures = []
    for case, method, outcome in planned_cases(rule, cases):
        url = _url(name, route, keywords, rule, case)
        problem = _run(clients[case.label], method, url, outcome, tables)
        if problem:
            failures.append(f"{case.label} {method} {url}: {problem}")
    assert failures == []


def test_every_url_pattern_has_a_rule_and_every_rule_a_pattern() -> None:
    keys = {key for key, _ in PATTERNS}
    missing = sorted(key for key in keys if access.rule_for(RULES, key) is None)
    namespaces = {key.split(":")[0] + ":*" for key in keys if ":" in key}
    stale = sorted(
        name for name in RULES if name not in keys and name not in namespaces
    )

    assert (missing, stale) == ([], [])


def test_the_matrix_covers_enough_cases(
    world: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cases, _ = world
    total = sum(
        1
        for key, _ in PATTERNS
        if (rule := access.rule_for(RULES, key)) is not None
        for _ in planned_cases(rule, cases)
    )
    with capsys.disabled():
        print(
            f"\naccess matrix: {total} cases over {len(PATTERNS)} URL patterns "
            f"and {len(cases)} personas"
        )
    assert total > MINIMUM_CASES
