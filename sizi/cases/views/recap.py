"""The complaint recap page, its PDF/XLSX downloads (jobs) and filing it as bukti fisik."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from sizi.cases import permissions, tasks
from sizi.cases.complaints import recap
from sizi.cases.views.complaints import context
from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.jobs import start_job
from sizi.units.permissions import require


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="Dari", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Sampai", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise ValidationError("Tanggal akhir periode sebelum tanggal awalnya.")
        if start and end and (end - start).days > 366 * 5:
            raise ValidationError("Periode paling panjang lima tahun.")
        return cleaned


def _period(data: Any) -> tuple[PeriodForm, date, date]:
    year = timezone.localdate().year
    default = {"start": date(year, 1, 1), "end": date(year, 12, 31)}
    form = PeriodForm(data if data.get("start") else None, initial=default)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


@login_required
def complaint_recap(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Counts per channel, category and status, time to close, the R.5.ii numbers.

    A POST with ``format`` (pdf, xlsx) prepares the recap as a background job.
    """
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    form, start, end = _period(request.GET)
    numbers = recap.recap_for(channel.access.unit, start, end)
    fmt = request.POST.get("format", "")
    if request.method == "POST" and fmt in tasks.CONTENT_TYPES:
        form, start, end = _period(request.POST)
        unit = channel.access.unit
        with transaction.atomic():
            job = start_job(
                tasks.complaint_recap_task,
                by=request.user,
                unit=unit,
                kind="cases.complaint_recap",
                title=(
                    f"Rekap pengaduan {date_format(start, 'j F Y')}–"
                    f"{date_format(end, 'j F Y')} "
                    f"({fmt.upper()}) · {unit.name}"
                ),
                params={
                    "unit": unit.pk,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "format": fmt,
                },
            )
        return redirect(job)
    return TemplateResponse(
        request,
        "cases/complaint_recap.html",
        context(channel, rights, form=form, recap=numbers, start=start, end=end),
    )


@login_required
@require_POST
def complaint_recap_file(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """File the period's recap into the evidence library."""
    channel = permissions.channel_access(request.user, code)
    require(permissions.rights_for(channel).can_handle_complaint)
    form, start, end = _period(request.POST)
    evidence = recap.file_recap(
        channel.access.unit, start, end, by=request.user, on=timezone.localdate()
    )
    messages.success(
        request, f"Rekap diarsipkan sebagai bukti fisik: {evidence.title}."
    )
    url = reverse("cases:complaint_recap", args=[code])
    return redirect(f"{url}?start={start.isoformat()}&end={end.isoformat()}")
