"""Project middleware: a Content-Security-Policy header on every response, and the
Indonesian page for a request with the wrong method."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class ContentSecurityPolicyMiddleware:
    """Set the site-wide CSP unless the view set a stricter one (file downloads)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", settings.CONTENT_SECURITY_POLICY
        )
        return response


class MethodNotAllowedPageMiddleware:
    """Give an empty 405 (Django's `require_POST` and friends) SIZI's page.

    The `Allow` header of the original response is kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or getattr(response, "streaming", False):
            return response
        if response.content:
            return response
        allowed = response.headers.get("Allow", "")
        page = TemplateResponse(
            request,
            "405.html",
            {"allowed": allowed.replace(", ", " atau ")},
            status=405,
        )
        page.render()
        if allowed:
            page["Allow"] = allowed
        return page
