"""The REST API, version 1: a NinjaAPI with Bearer tokens and Indonesian errors.

Endpoints live in ``sizi/api/endpoints/`` (one router per app). Each goes
through the same permission getters and services as the pages: another unit's
object is a 404, a visible thing without the right a 403, a refused input a
422 and a stale LKE answer a 409, always as ``{"detail": "…"}`` in Indonesian.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from sizi.api import errors
from sizi.api.auth import TokenAuth, TooManyAttempts
from sizi.api.endpoints import cases, evidence, lke, plans, surveys, units
from sizi.lke.services import StaleVersionError

api = NinjaAPI(
    title="SIZI API",
    version="1",
    description=(
        "API REST SIZI (Sistem Informasi Zona Integritas). Autentikasi: "
        "`Authorization: Bearer <token>` dengan token API yang dibuat di menu "
        "**Token API**. Panduan: docs/api.md."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_extra={"info": {"license": {"name": "Hak cipta instansi pemilik"}}},
)

api.add_router("/", units.router)
api.add_router("/", plans.router)
api.add_router("/", evidence.router)
api.add_router("/", surveys.router)
api.add_router("/", cases.router)
api.add_router("/", lke.router)


def _answer(
    request: HttpRequest, status: int, body: dict[str, Any], **headers: str
) -> HttpResponse:
    response = api.create_response(request, body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def not_allowed(request: HttpRequest, allow: str) -> HttpResponse:
    """The 405 of a method an endpoint lacks, as JSON (see ``urls.py``)."""
    return _answer(request, 405, {"detail": errors.NOT_ALLOWED}, Allow=allow)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _answer(
        request, 401, {"detail": errors.UNAUTHENTICATED}, WWW_Authenticate="Bearer"
    )


@api.exception_handler(TooManyAttempts)
def _too_many(request: HttpRequest, exc: TooManyAttempts) -> HttpResponse:
    return _answer(
        request, 429, {"detail": errors.TOO_MANY}, Retry_After=str(exc.seconds)
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _answer(request, 404, {"detail": errors.message(exc, errors.NOT_FOUND)})


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _answer(request, 403, {"detail": errors.message(exc, errors.FORBIDDEN)})


@api.exception_handler(ValidationError)
def _refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _answer(request, 422, errors.from_django(exc))


@api.exception_handler(SchemaError)
def _malformed(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    return _answer(request, 422, errors.from_schema(exc.errors))


@api.exception_handler(StaleVersionError)
def _stale(request: HttpRequest, exc: StaleVersionError) -> HttpResponse:
    current = exc.current.version if exc.current is not None else None
    return _answer(request, 409, {"detail": exc.message, "current_version": current})


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _answer(request, exc.status_code, {"detail": errors.for_status(exc)})


@api.exception_handler(errors.Refused)
def _form_refused(request: HttpRequest, exc: errors.Refused) -> HttpResponse:
    return _answer(request, 422, exc.body)
