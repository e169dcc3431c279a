"""Project-wide views: health check and error pages."""

from __future__ import annotations

from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.templatetags.static import static

from sizi.core.http import HtmxHttpRequest

#: The REST API's prefix: its errors are JSON with an Indonesian ``detail``,
#: also for an address outside every endpoint and for a server error.
API_PREFIX = "/api/v1/"
API_NOT_FOUND = "Alamat API ini tidak ada. Daftar alamatnya ada di /api/v1/docs."
API_SERVER_ERROR = "Terjadi kesalahan pada server. Silakan ulangi; bila terulang, hubungi admin sistem."


def _is_api(request: HtmxHttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def healthz(request: HtmxHttpRequest) -> HttpResponse:
    """Answer 200 when the database answers (for the reverse proxy and monitors)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HtmxHttpRequest) -> HttpResponse:
    """Send browsers that ask for /favicon.ico to the SVG icon (resolved per request,
    so that importing the URL map never needs the static files manifest)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def bad_request(
    request: HtmxHttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """A bad Host header or a broken upload: a page that reads nothing of the request."""
    response = TemplateResponse(request, "400.html", status=400)
    response.render()
    return response


def csrf_failure(request: HtmxHttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (settings.CSRF_FAILURE_VIEW)."""
    response = TemplateResponse(request, "403_csrf.html", status=403)
    response.render()
    return response


def not_found(
    request: HtmxHttpRequest, exception: Exception | None = None
) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": API_NOT_FOUND}, status=404)
    response = TemplateResponse(request, "404.html", status=404)
    response.render()
    return response


def forbidden(
    request: HtmxHttpRequest, exception: Exception | None = None
) -> HttpResponse:
    response = TemplateResponse(
        request, "403.html", {"reason": str(exception) if exception else ""}, status=403
    )
    response.render()
    return response


def server_error(request: HtmxHttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": API_SERVER_ERROR}, status=500)
    response = TemplateResponse(request, "500.html", status=500)
    response.render()
    return response
