"""Project-wide views: health check and error pages."""

from __future__ import annotations

from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.templatetags.static import static


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 when the database answers (for the reverse proxy and monitors)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Send browsers that ask for /favicon.ico to the SVG icon (resolved per request,
    so that importing the URL map never needs the static files manifest)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(request, "404.html", status=404)
    response.render()
    return response


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(
        request, "403.html", {"reason": str(exception) if exception else ""}, status=403
    )
    response.render()
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    response = TemplateResponse(request, "500.html", status=500)
    response.render()
    return response
