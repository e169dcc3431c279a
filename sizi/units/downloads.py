"""Unduhan saya: the person's background jobs, their progress and their files.

A job is visible only to the person who started it, and only while the unit it
belongs to is still in their scope: anything else is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.models import Job
from sizi.units import permissions
from sizi.units.models import User

PAGE_SIZE = 50


def get_job_for_user(user: User, pk: object) -> Job:
    """Return the user's own job in a unit still in scope; 404 otherwise."""
    job = get_object_or_404(Job.objects.select_related("unit"), pk=pk, user=user)
    if job.unit is not None:
        permissions.get_unit_for_user(user, job.unit.code)
    return job


@login_required
@require_GET
def my_downloads(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the person's recent jobs; unfinished ones refresh themselves."""
    user = request.user
    jobs = list(Job.objects.for_user(user).select_related("unit")[:PAGE_SIZE])
    return TemplateResponse(request, "units/downloads.html", {"jobs": jobs})


@login_required
@require_GET
def job_detail(request: AuthenticatedHttpRequest, pk: str) -> HttpResponse:
    """Show one job; htmx polls the row until the job is finished."""
    job = get_job_for_user(request.user, pk)
    template = "units/downloads.html#job" if request.htmx else "units/job_detail.html"
    return TemplateResponse(request, template, {"job": job})


@login_required
@require_GET
def job_download(request: AuthenticatedHttpRequest, pk: str) -> HttpResponseBase:
    """Send a finished job's file, privately, as an attachment."""
    job = get_job_for_user(request.user, pk)
    if not job.can_download or not default_storage.exists(job.result_name):
        raise Http404("Hasil tidak tersedia lagi.")
    response = FileResponse(
        default_storage.open(job.result_name, "rb"),
        as_attachment=True,
        filename=job.result_filename,
        content_type=job.result_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
