"""The citizen's PPID pages: request information, follow it, file a keberatan, the DIP."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.cases.complaints.forms import TrackForm
from sizi.cases.ppid import services
from sizi.cases.ppid.forms import PublicObjectionForm, PublicRequestForm
from sizi.cases.ppid.models import InformationRequest, Objection
from sizi.cases.ppid.queries import public_information
from sizi.cases.ppid.rules import rules
from sizi.cases.views.complaints_public import (
    SUBMIT_LIMIT,
    TOO_MANY,
    TRACK_LIMIT,
    UNIT_SUBMIT_LIMIT,
    public_unit,
)
from sizi.core.http import HtmxHttpRequest
from sizi.core.ratelimit import client_key, hit
from sizi.units.models import Unit

INCOMPLETE = (
    "Keberatan belum lengkap: pilih alasan keberatan dan isi uraiannya "
    "di halaman status permohonan."
)

RECEIPT_KEY = "cases_request_receipt"


def info_request_new(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The public information request form (identity as Perki 1/2021 requires)."""
    unit = public_unit(code)
    form = PublicRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not hit("ppid", client_key(request), SUBMIT_LIMIT) or not hit(
            "ppid-unit", unit.code, UNIT_SUBMIT_LIMIT
        ):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                item, tracking = services.file_request(
                    unit,
                    services.RequestData(d["information"], d["purpose"], d["delivery"]),
                    services.RequesterData(
                        d["kind"],
                        d["name"],
                        d["identity_number"],
                        d["address"],
                        d["occupation"],
                        d["phone"],
                        d["email"],
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 422
            else:
                request.session[RECEIPT_KEY] = {
                    "number": item.number,
                    "code": tracking,
                    "due_on": item.due_on.isoformat(),
                }
                return redirect("cases:info_request_receipt", code=unit.code)
        else:
            status = 422
    return TemplateResponse(
        request,
        "cases/ppid_public_form.html",
        {"unit": unit, "form": form, "rules": rules()},
        status=status,
    )


def info_request_receipt(request: HtmxHttpRequest, code: str) -> HttpResponse:
    unit = public_unit(code)
    receipt = request.session.pop(RECEIPT_KEY, None)
    if receipt is None:
        return redirect("cases:info_request_track", code=unit.code)
    return TemplateResponse(
        request, "cases/ppid_public_receipt.html", {"unit": unit, **receipt}
    )


def _status_page(
    request: HtmxHttpRequest,
    unit: Unit,
    item: InformationRequest,
    tracking: str,
    form: PublicObjectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    objection = Objection.objects.filter(request=item).first()
    deadline = services.objection_deadline(item) if objection is None else None
    return TemplateResponse(
        request,
        "cases/ppid_public_status.html",
        {
            "unit": unit,
            "item": item,
            "events": list(item.events.filter(public=True)),
            "objection": objection,
            "objection_until": deadline,
            "ground": rules().exception_grounds.get(item.exception_ground, ""),
            "objection_form": (
                form or PublicObjectionForm(initial={"code": tracking})
                if deadline
                else None
            ),
        },
        status=status,
    )


def info_request_track(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Follow a request with its code (posted, rate-limited, constant-time)."""
    unit = public_unit(code)
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not hit("ppid-lacak", client_key(request), TRACK_LIMIT):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            item = services.find_by_code(unit, form.cleaned_data["code"])
            if item is not None:
                return _status_page(request, unit, item, form.cleaned_data["code"])
            form.add_error("code", "Kode pelacakan tidak dikenal di unit ini.")
            status = 404
        else:
            status = 422
    return TemplateResponse(
        request,
        "cases/ppid_public_track.html",
        {"unit": unit, "form": form},
        status=status,
    )


@require_POST
def info_request_object(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """File a keberatan with the tracking code."""
    unit = public_unit(code)
    form = PublicObjectionForm(request.POST)
    item = None
    if hit("ppid-lacak", client_key(request), TRACK_LIMIT):
        if not form.is_valid():
            # An incomplete keberatan says so; it tells nothing about any code.
            return TemplateResponse(
                request,
                "cases/ppid_public_track.html",
                {"unit": unit, "form": TrackForm(), "error": INCOMPLETE},
                status=422,
            )
        item = services.find_by_code(unit, form.cleaned_data["code"])
    if item is None:
        return TemplateResponse(
            request,
            "cases/ppid_public_track.html",
            {
                "unit": unit,
                "form": TrackForm(),
                "error": "Kode pelacakan tidak dikenal atau terlalu banyak percobaan.",
            },
            status=404,
        )
    try:
        services.file_objection(
            item,
            reason=form.cleaned_data["reason"],
            statement=form.cleaned_data["statement"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _status_page(request, unit, item, form.cleaned_data["code"], form, 422)
    item.refresh_from_db()
    return _status_page(request, unit, item, form.cleaned_data["code"])


def dip_public(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The unit's Daftar Informasi Publik (published entries)."""
    unit = public_unit(code)
    return TemplateResponse(
        request,
        "cases/ppid_public_dip.html",
        {"unit": unit, "entries": public_information(unit)},
    )
