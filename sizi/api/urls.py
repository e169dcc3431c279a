"""The REST API, version 1, under /api/v1/ (OpenAPI at /api/v1/openapi.json).

Every error is JSON with an Indonesian ``detail``: the endpoints' own through
the exception handlers of ``api.py``, a method an endpoint lacks (405) through
:func:`json_not_allowed` around each endpoint, an address outside every
endpoint (404) and a server error (500) through the project's error views.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from sizi.api.api import api, not_allowed


def json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer ninja's plain-text 405 as JSON, keeping its Allow header."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            return not_allowed(request, response["Allow"])
        return response

    return wrapped


def _with_json_errors(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_not_allowed(pattern.callback)
    return patterns


_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    # The bare version root leads people to the browsable documentation.
    path(
        "v1/",
        RedirectView.as_view(pattern_name="api:openapi-view"),
        name="api_root",
    ),
    path("v1/", (_with_json_errors(_patterns), _app_name, _namespace)),
]
