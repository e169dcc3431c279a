"""The citizen's complaint pages: file a complaint, follow it with the code (no sign-in)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.cases.attachments import IncomingFile
from sizi.cases.complaints import services
from sizi.cases.complaints.forms import PublicComplaintForm, RespondForm, TrackForm
from sizi.cases.complaints.models import Complaint
from sizi.cases.complaints.queries import public_events
from sizi.core.http import HtmxHttpRequest
from sizi.core.ratelimit import Limit, client_key, hit
from sizi.evidence.uploads import capped_uploads
from sizi.units.models import Unit

SUBMIT_LIMIT = Limit(count=5, seconds=3600)
UNIT_SUBMIT_LIMIT = Limit(count=300, seconds=3600)
TRACK_LIMIT = Limit(count=10, seconds=600)
INCOMPLETE = (
    "Tanggapan belum lengkap: tulis tanggapan Anda (paling banyak 5.000 karakter) "
    "di halaman status pengaduan."
)
RECEIPT_KEY = "cases_complaint_receipt"
TOO_MANY = "Terlalu banyak percobaan dari perangkat Anda. Tunggu beberapa menit lalu coba lagi."


def public_unit(code: str) -> Unit:
    """The active unit behind a public address; 404 otherwise."""
    return get_object_or_404(Unit, code=code, is_active=True)


def _form_page(
    request: HtmxHttpRequest, unit: Unit, form: PublicComplaintForm, status: int = 200
) -> HttpResponse:
    return TemplateResponse(
        request,
        "cases/complaint_public_form.html",
        {"unit": unit, "form": form},
        status=status,
    )


@capped_uploads
def complaint_new(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The public complaint form; rahasia by default, anonim on request."""
    unit = public_unit(code)
    if request.method != "POST":
        return _form_page(request, unit, PublicComplaintForm())
    form = PublicComplaintForm(request.POST, request.FILES)
    if not hit("pengaduan", client_key(request), SUBMIT_LIMIT) or not hit(
        "pengaduan-unit", unit.code, UNIT_SUBMIT_LIMIT
    ):
        form.is_valid()
        form.add_error(None, TOO_MANY)
        return _form_page(request, unit, form, status=429)
    if not form.is_valid():
        return _form_page(request, unit, form, status=422)
    data = form.cleaned_data
    anonymous = data["privacy"] == Complaint.Privacy.ANONYMOUS
    reporter = (
        None
        if anonymous
        else services.ReporterData(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            wants_updates=data["wants_updates"],
        )
    )
    try:
        complaint, tracking = services.file_complaint(
            unit,
            services.ComplaintData(
                subject=data["subject"],
                body=data["body"],
                privacy=data["privacy"],
                location=data["location"],
                incident_date=data["incident_date"],
            ),
            reporter=reporter,
            files=[IncomingFile(f.name, f) for f in data["attachments"]],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, unit, form, status=422)
    request.session[RECEIPT_KEY] = {"number": complaint.number, "code": tracking}
    return redirect("cases:complaint_receipt", code=unit.code)


def complaint_receipt(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Show the tracking code once, right after filing."""
    unit = public_unit(code)
    receipt = request.session.pop(RECEIPT_KEY, None)
    if receipt is None:
        return redirect("cases:complaint_track", code=unit.code)
    return TemplateResponse(
        request, "cases/complaint_public_receipt.html", {"unit": unit, **receipt}
    )


def _status_page(
    request: HtmxHttpRequest,
    unit: Unit,
    complaint: Complaint,
    tracking: str,
    respond_form: RespondForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "cases/complaint_public_status.html",
        {
            "unit": unit,
            "complaint": complaint,
            "events": public_events(complaint),
            "respond_form": respond_form or RespondForm(initial={"code": tracking}),
        },
        status=status,
    )


def complaint_track(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Follow a complaint: the code is posted (never in an address), look-ups limited."""
    unit = public_unit(code)
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if not hit("pengaduan-lacak", client_key(request), TRACK_LIMIT):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            complaint = services.find_by_code(unit, form.cleaned_data["code"])
            if complaint is not None:
                return _status_page(request, unit, complaint, form.cleaned_data["code"])
            form.add_error("code", "Kode pelacakan tidak dikenal di unit ini.")
            status = 404
        else:
            status = 422
    else:
        status = 200
    return TemplateResponse(
        request,
        "cases/complaint_public_track.html",
        {"unit": unit, "form": form},
        status=status,
    )


@require_POST
def complaint_respond(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The reporter answers a tindak lanjut or adds information."""
    unit = public_unit(code)
    form = RespondForm(request.POST)
    if not hit("pengaduan-lacak", client_key(request), TRACK_LIMIT):
        return TemplateResponse(
            request,
            "cases/complaint_public_track.html",
            {"unit": unit, "form": TrackForm(), "error": TOO_MANY},
            status=429,
        )
    if not form.is_valid():
        # An empty or overlong answer says so; it tells nothing about any code.
        return TemplateResponse(
            request,
            "cases/complaint_public_track.html",
            {"unit": unit, "form": TrackForm(), "error": INCOMPLETE},
            status=422,
        )
    complaint = services.find_by_code(unit, form.cleaned_data["code"])
    if complaint is None:
        return TemplateResponse(
            request,
            "cases/complaint_public_track.html",
            {
                "unit": unit,
                "form": TrackForm(),
                "error": "Kode pelacakan tidak dikenal.",
            },
            status=404,
        )
    tracking = form.cleaned_data["code"]
    try:
        services.reporter_responds(complaint, text=form.cleaned_data["text"])
    except ValidationError as error:
        form.add_error(None, error)
        return _status_page(request, unit, complaint, tracking, form, status=422)
    complaint.refresh_from_db()
    return _status_page(request, unit, complaint, tracking)
