"""Access rules of the API's URLs and the Token API page (see ``sizi.core.tests.access``).

The REST API authenticates by Bearer token only, never by the session: every
request the matrix makes (anonymous, or signed in with a cookie) is a 401 on an
endpoint's own method and a 405 on any other (rule kind ``"token"``). Its own
permission cases, with tokens, are in ``test_units``, ``test_plans``,
``test_evidence``, ``test_lke`` and ``test_summaries``.
"""

from __future__ import annotations

from typing import Any

from sizi.api import services
from sizi.api.models import ApiToken
from sizi.core.tests.access import Case, Rule, allow

#: A placeholder for an endpoint that answers this method (the API answers 401).
ANSWERED = allow


def _own_token(case: Case) -> dict[str, Any]:
    """The case's own token (made on first use), so that revoking it is served."""
    if case.user is None:
        return {"pk": 1}
    token = ApiToken.objects.filter(user=case.user).first()
    if token is None:
        token = services.create_token(by=case.user, name="Matriks akses").token
    return {"pk": token.pk}


def _endpoint(get: bool, post: bool) -> Rule:
    return Rule("token", get=ANSWERED if get else None, post=ANSWERED if post else None)


RULES: dict[str, Rule] = {
    # The Token API page: every signed-in person manages their own tokens.
    "api_tokens:list": Rule("login", get=allow, post=allow),
    "api_tokens:revoke": Rule("login", get=None, post=allow, kwargs=_own_token),
    # The document and the docs are public; /api/v1/ leads to the docs.
    "api_root": Rule("public", get=allow, post=allow),
    "api:api-root": Rule("public", get=allow, post=allow),
    "api:openapi-json": Rule("public", get=allow, post=allow),
    "api:openapi-view": Rule("public", get=allow, post=allow),
    # The endpoints: 401 without a token on their methods, 405 on the others.
    "api:me": _endpoint(get=True, post=False),
    "api:unit_list": _endpoint(get=True, post=False),
    "api:unit_detail": _endpoint(get=True, post=False),
    "api:plan_tree": _endpoint(get=True, post=False),
    "api:step_detail": _endpoint(get=True, post=False),
    "api:realisation_add": _endpoint(get=False, post=True),
    "api:evidence_list": _endpoint(get=True, post=True),
    "api:evidence_upload": _endpoint(get=True, post=True),
    "api:evidence_detail": _endpoint(get=True, post=False),
    "api:evidence_file": _endpoint(get=True, post=False),
    "api:survey_year": _endpoint(get=True, post=False),
    "api:survey_results": _endpoint(get=True, post=False),
    "api:complaint_recap": _endpoint(get=True, post=False),
    "api:assessment": _endpoint(get=True, post=False),
    "api:answer_list": _endpoint(get=True, post=False),
    # PUT only: GET and POST are 405.
    "api:answer_save": _endpoint(get=False, post=False),
}
