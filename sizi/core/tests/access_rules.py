"""Access rules of core's URLs and of Django's admin (see ``sizi.core.tests.access``)."""

from __future__ import annotations

from sizi.core.tests.access import Rule, allow

RULES: dict[str, Rule] = {
    "healthz": Rule("public", get=allow, post=allow),
    "/favicon.ico": Rule("public", get=allow, post=allow),
    # Every admin page: staff only; everyone else is sent to the admin sign-in.
    "admin:*": Rule("admin"),
    "admin:login": Rule("public", get=allow, post=allow),
    "admin:logout": Rule("admin"),
}
