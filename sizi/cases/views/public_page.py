"""The unit's public page (no sign-in) and the coordinator's editor for it.

Only aggregates and what the unit chose to publish appear here: no name of a
reporter or staff member, no contact, no case.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from sizi.cases import permissions as channel_permissions
from sizi.cases.public_page import queries, services
from sizi.cases.public_page.forms import PublicInfoForm
from sizi.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from sizi.units import permissions
from sizi.units.models import Unit

FILE_FIELDS = {"maklumat": "pledge_file", "standar": "standard_file"}


@require_GET
def public_page(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """One public page per unit: pledge, standard, channels, DIP, surveys, progress."""
    unit = get_object_or_404(Unit, code=code, is_active=True)
    context = {
        "unit": unit,
        "info": services.info_for(unit),
        "entry_points": queries.entry_points(unit),
        "public_information": queries.public_information(unit),
        "survey_links": queries.survey_links(unit),
        "progress": queries.plan_progress(unit),
    }
    return TemplateResponse(request, "cases/public_page.html", context)


@require_GET
def public_file(request: HtmxHttpRequest, code: str, kind: str) -> FileResponse:
    """The uploaded maklumat or standar pelayanan PDF."""
    unit = get_object_or_404(Unit, code=code, is_active=True)
    info = services.info_for(unit)
    field = FILE_FIELDS.get(kind)
    if info is None or field is None or not getattr(info, field):
        raise Http404("Berkas tidak ditemukan.")
    try:
        source = default_storage.open(getattr(info, field).name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan.") from exc
    response = FileResponse(
        source, content_type="application/pdf", filename=f"{kind}-{unit.code}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def public_page_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The coordinator (or pimpinan) writes or uploads the pledge and the standard."""
    channel = channel_permissions.channel_access(request.user, code)
    access = channel.access
    rights = channel_permissions.rights_for(channel)
    # The same right that shows the menu item: coordinator, pimpinan, administrator.
    permissions.require(rights.can_manage)
    info = services.info_for(access.unit)
    initial = {
        "pledge_text": info.pledge_text if info else "",
        "standard_text": info.standard_text if info else "",
    }
    form = PublicInfoForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_public_info(
                access.unit,
                by=request.user,
                pledge_text=data["pledge_text"],
                standard_text=data["standard_text"],
                pledge_file=_file(data["pledge_file"]),
                standard_file=_file(data["standard_file"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Halaman publik diperbarui.")
            return redirect("cases:public_page_edit", code=access.unit.code)
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "cases/public_page_edit.html",
        {
            "unit": access.unit,
            "access": access,
            "rights": rights,
            "form": form,
            "info": info,
        },
        status=status,
    )


def _file(upload: UploadedFile | None) -> services.PublicFile | None:
    if not upload:
        return None
    return services.PublicFile(str(upload.name), upload)
