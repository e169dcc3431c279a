"""The whistleblower's pages: file a report, get the receipt, return with it.

No view here reads the client's address, browser or referrer, and none keys a
rate limit on the client (limits are per unit). The reporter's return is a
short session holding only the report's internal reference; it is not tied
to anything about the device. Responses are never cached.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sizi.cases.wbs import keyring, services
from sizi.cases.wbs.forms import ReceiptForm, ReporterReplyForm, ReportForm, uploads
from sizi.cases.wbs.models import WhistleblowReport
from sizi.cases.wbs.sealing import Box, Identity, ReportContent
from sizi.cases.wbs.services import MAX_FILES
from sizi.core.http import HtmxHttpRequest
from sizi.units.models import Unit

SESSION_KEY = "wbs_reporter"
SESSION_SECONDS = 30 * 60
BUSY_MESSAGE = (
    "Saluran WBS unit ini sedang menerima terlalu banyak permintaan. "
    "Coba lagi beberapa menit lagi."
)


def _public_unit(code: str) -> Unit:
    return get_object_or_404(Unit, code=code, is_active=True)


def _page(
    request: HtmxHttpRequest, template: str, status: int = 200, **context: object
) -> TemplateResponse:
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _closed(request: HtmxHttpRequest, unit: Unit) -> TemplateResponse | None:
    """Return the kind refusal when the channel cannot take reports, else None.

    Reading the explanation is a normal page (200); a report sent anyway is
    refused with 503 and stored nowhere.
    """
    status = 503 if request.method == "POST" else 200
    if not keyring.is_available():
        return _page(
            request, "cases/wbs_public_closed.html", status, unit=unit, no_key=True
        )
    if not services.has_handler(unit):
        return _page(request, "cases/wbs_public_closed.html", status, unit=unit)
    return None


def _content(data: dict[str, str]) -> ReportContent:
    return ReportContent(
        summary=data["ringkasan"].strip(),
        body=data["uraian"].strip(),
        when=data.get("waktu", "").strip(),
        where=data.get("tempat", "").strip(),
        involved=data.get("terlibat", "").strip(),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def wbs_submit(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The report form; on success the receipt is shown once, in this response."""
    unit = _public_unit(code)
    closed = _closed(request, unit)
    if closed is not None:
        return closed
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identity = (
            Identity(data["nama"].strip(), data["kontak"].strip())
            if data["sertakan_identitas"]
            else None
        )
        try:
            files = uploads(data["lampiran"], limit=MAX_FILES)
            report, receipt = services.submit_report(
                unit,
                category=data["kategori"],
                content=_content(data),
                identity=identity,
                files=files,
            )
        except services.ChannelClosed:
            return _page(request, "cases/wbs_public_closed.html", 503, unit=unit)
        except services.RateLimited:
            form.add_error(None, BUSY_MESSAGE)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _page(
                request,
                "cases/wbs_public_receipt.html",
                unit=unit,
                receipt=receipt,
                report=report,
            )
    status = 422 if request.method == "POST" else 200
    return _page(request, "cases/wbs_public_form.html", status, unit=unit, form=form)


@never_cache
@require_http_methods(["GET", "POST"])
def wbs_login(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The reporter types the receipt to return to the report."""
    unit = _public_unit(code)
    if not keyring.is_available():
        return _page(
            request, "cases/wbs_public_closed.html", 503, unit=unit, no_key=True
        )
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.find_report(unit, form.cleaned_data["kode"])
        except services.RateLimited:
            form.add_error(None, BUSY_MESSAGE)
        else:
            if report is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "unit": unit.code,
                    "ref": str(report.ref),
                }
                request.session.set_expiry(SESSION_SECONDS)
                return redirect("cases:wbs_reporter", code=unit.code)
            form.add_error(
                "kode",
                "Kode tanda terima tidak dikenal di unit ini. Periksa kembali "
                "penulisannya (huruf besar/kecil dan tanda hubung tidak berpengaruh).",
            )
    status = 422 if request.method == "POST" else 200
    return _page(request, "cases/wbs_public_login.html", status, unit=unit, form=form)


def _reporter_report(request: HtmxHttpRequest, unit: Unit) -> WhistleblowReport | None:
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict) or held.get("unit") != unit.code:
        return None
    ref = str(held.get("ref", ""))
    return WhistleblowReport.objects.filter(unit=unit, ref=ref).first()


@never_cache
@require_http_methods(["GET", "POST"])
def wbs_reporter(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The reporter's view of the report: status, conversation, reply form."""
    unit = _public_unit(code)
    if not keyring.is_available():
        return _page(
            request, "cases/wbs_public_closed.html", 503, unit=unit, no_key=True
        )
    report = _reporter_report(request, unit)
    if report is None:
        return redirect("cases:wbs_login", code=unit.code)
    form = ReporterReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files = uploads(form.cleaned_data["lampiran"], limit=1)
            services.reporter_reply(
                report, text=form.cleaned_data["pesan"].strip(), files=files
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("cases:wbs_reporter", code=unit.code)
    services.mark_read_by_reporter(report)
    box = Box.of(report)
    status = 422 if request.method == "POST" else 200
    return _page(
        request,
        "cases/wbs_public_report.html",
        status,
        unit=unit,
        report=report,
        content=box.open_content(),
        conversation=services.open_messages(report, box, for_reporter=True),
        form=form,
    )


@require_POST
def wbs_logout(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Forget the report in this browser."""
    unit = _public_unit(code)
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("cases:wbs_login", code=unit.code)
