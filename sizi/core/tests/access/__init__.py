"""The access matrix: every URL pattern × every role × related units, as data.

Each app states what its URLs expect in ``sizi/<app>/tests/access_rules.py``,
discovered here in the order of ``INSTALLED_APPS``. Such a module holds:

``RULES: dict[str, Rule]``
    URL name (``"plans:step_edit"``; core also names ``"admin:*"`` for the whole
    admin site) → the rule for that URL. A URL pattern of the URLconf without a
    rule fails the matrix, so a new view is covered the day it is added.

``build(world: World) -> None`` (optional)
    Create the app's objects in each unit of the world with the app's factories
    or services and keep them with ``world.put(unit_key, name, obj)``; rules
    read them back in their ``kwargs`` function. ``units`` builds the tree and
    the personas first.

A ``Rule`` says what kind of page it is (``"unit"`` pages live under
``/u/<code>/``; ``"login"`` pages need a signed-in user; ``"public"`` pages do
not; ``"admin"`` is Django's admin; ``"token"`` is the REST API, which reads
only a Bearer token, so every request of the matrix, anonymous or with a
session cookie, is a 401 on the endpoint's own methods), how to fill the URL's keyword arguments for
a target unit, and one predicate each for GET and POST: ``None`` means the
method is not allowed (405), otherwise the predicate takes a ``Case`` and says
whether the user may do it. Write predicates with the named functions of
``sizi.units.permissions`` (and the apps' ``permissions`` modules), never with
view internals.

From a rule and a case the matrix derives one expected outcome: anonymous on a
private page → redirect to sign-in; a unit the user may not see → 404; a
visible unit, predicate false → 403; predicate true → served (2xx/3xx, or a
form error 400/409/422 for a POST without data). A refused request must leave
every table of SIZI's apps unchanged; every request is rolled back afterwards.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

Kind = Literal["unit", "login", "public", "admin", "token"]


@dataclass
class World:
    """The units, personas and objects the matrix runs against."""

    units: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[tuple[str, str], Any] = field(default_factory=dict)

    def put(self, unit_key: str, name: str, obj: Any) -> Any:
        self.objects[(unit_key, name)] = obj
        return obj

    def get(self, unit_key: str, name: str) -> Any:
        return self.objects[(unit_key, name)]


@dataclass(frozen=True)
class Case:
    """One persona asking for one URL about one target unit."""

    label: str  # "koordinator@own", "anonim", ...
    user: Any  # units.User or None for anonymous
    role: str  # Membership.Role value, or "", "admin", "anonymous"
    relation: str  # own, parent, child, sibling, none
    unit_key: str  # the target unit in World.units
    world: World
    access: Any = None  # units.permissions.UnitAccess for the target unit

    @property
    def unit(self) -> Any:
        return self.world.units[self.unit_key]


Predicate = Callable[[Case], bool | int]
"""True: served; False: 403; an int: that status (``HIDDEN`` = 404 for a unit the
user sees but an object that must look missing, such as a WBS report to the
coordinator or a gratification report to anyone but its reporter and the UPG)."""

HIDDEN = 404


def allow(case: Case) -> bool:
    """Anyone who reached the predicate (signed in, unit visible) may."""
    return True


def deny(case: Case) -> bool:
    return False


def no_kwargs(case: Case) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    kind: Kind
    get: Predicate | None = allow
    post: Predicate | None = None
    kwargs: Callable[[Case], dict[str, Any]] = no_kwargs


def url_patterns() -> Iterator[tuple[str, str, str, list[str]]]:
    """Yield (key, URL name, route, keyword names) for every pattern of the URLconf.

    The key is the URL name, or for an unnamed pattern its route, prefixed with
    its namespace if it has one (``"admin:/admin/auth/group/<path:object_id>/"``).
    """

    def walk(
        patterns: list[Any], namespace: str, route: str
    ) -> Iterator[tuple[str, str, str, list[str]]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}".lstrip(":")
                yield from walk(
                    pattern.url_patterns, inner, route + str(pattern.pattern)
                )
            elif isinstance(pattern, URLPattern):
                full_route = route + str(pattern.pattern)
                own = pattern.name or full_route
                key = f"{namespace}:{own}" if namespace else own
                name = key if pattern.name else ""
                keywords = list(pattern.pattern.regex.groupindex)
                yield key, name, full_route, keywords

    yield from walk(get_resolver().url_patterns, "", "/")


def rule_modules() -> Iterator[Any]:
    """Import ``<app>.tests.access_rules`` of every SIZI app that has one."""
    for config in apps.get_app_configs():
        if not config.name.startswith("sizi."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.tests.access_rules")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.access_rules":
                raise


def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module in rule_modules():
        for name, rule in module.RULES.items():
            assert name not in rules, f"{name} has two rules"  # noqa: S101
            rules[name] = rule
    return rules


def rule_for(rules: dict[str, Rule], name: str) -> Rule | None:
    """Return the rule of a URL name (or of the route of an unnamed pattern);
    ``"<namespace>:*"`` covers a whole namespace."""
    if name in rules:
        return rules[name]
    namespace = name.split(":")[0] if ":" in name else ""
    return rules.get(f"{namespace}:*") if namespace else None


LOGIN = "login"  # outcome: redirect to the sign-in page
ADMIN_LOGIN = "admin-login"
ADMIN_SERVED = "admin-served"  # Django's admin decides; anything but a crash
SERVED = "served"
NOT_ALLOWED = 405
UNAUTHENTICATED = 401  # outcome of a "token" rule without a Bearer token


def expected(rule: Rule, method: str, case: Case) -> int | str | None:
    """Return the outcome a case must get: an HTTP status, LOGIN, SERVED or None
    (not a case: the admin's POSTs by the superuser are not refusals)."""
    predicate = rule.get if method == "GET" else rule.post
    anonymous = case.user is None
    if rule.kind == "admin":
        if case.role == "admin":
            return ADMIN_SERVED if method == "GET" else None
        return ADMIN_LOGIN
    if rule.kind == "public":
        return NOT_ALLOWED if predicate is None else SERVED
    if rule.kind == "token":
        # The API never reads the session: no token, 401 (405 on other methods).
        return NOT_ALLOWED if predicate is None else UNAUTHENTICATED
    if anonymous:
        return LOGIN
    if predicate is None:
        return NOT_ALLOWED
    if rule.kind == "unit" and not case.access.can_view:
        return 404
    verdict = predicate(case)
    if verdict is True:
        return SERVED
    if verdict is False:
        return 403
    return int(verdict)


def login_url() -> str:
    from django.urls import reverse

    return reverse(settings.LOGIN_URL)
