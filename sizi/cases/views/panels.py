"""The public channels' panels: "Pekerjaan saya" on the home page, the unit dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from sizi.cases import permissions
from sizi.cases.complaints import queries
from sizi.cases.complaints.models import ChannelOfficer, Complaint
from sizi.cases.ppid.models import InformationRequest, Objection
from sizi.cases.wbs.queries import my_wbs_work
from sizi.cases.wbs.services import has_handler as wbs_has_handler
from sizi.core.http import AuthenticatedHttpRequest
from sizi.units.permissions import visible_units

LIMIT = 10


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Complaints assigned to the user (late first); new complaints to verify and
    late items of the units where the user is a pengelola pengaduan or PPID; a
    fixed number of queries."""
    user = request.user
    today = timezone.localdate()
    unit_ids = [a.unit.pk for a in visible_units(user)]
    mine = (
        Complaint.objects.filter(
            Q(handler=user) | Q(pic=user),
            unit_id__in=unit_ids,
            status__in=Complaint.OPEN_STATUSES,
        )
        .select_related("unit")
        .order_by("due_on", "pk")
    )
    shown = list(mine[:LIMIT])
    roles = ChannelOfficer.objects.filter(user=user, unit_id__in=unit_ids)
    handled = list(
        roles.filter(role=ChannelOfficer.Role.COMPLAINT_HANDLER).values_list(
            "unit_id", flat=True
        )
    )
    ppid = list(
        roles.filter(role=ChannelOfficer.Role.PPID).values_list("unit_id", flat=True)
    )
    # One query per handled unit: late complaints, and new ones to verify
    # (the pengelola's first task, due within three working days).
    late = queries.late_filter(today)
    new = Q(status=Complaint.Status.RECEIVED)
    handled_rows = list(
        Complaint.objects.filter(late | new, unit_id__in=handled)
        .values("unit__code", "unit__name")
        .annotate(n=Count("pk", filter=late), new=Count("pk", filter=new))
        .order_by("unit__name")
    )
    late_units = [row for row in handled_rows if row["n"]]
    new_units = [row for row in handled_rows if row["new"]]
    requests_due = list(
        InformationRequest.objects.filter(
            unit_id__in=ppid,
            status__in=[
                InformationRequest.Status.RECEIVED,
                InformationRequest.Status.EXTENDED,
            ],
        )
        .values("unit__code", "unit__name")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("unit__name")
    )
    superior = roles.filter(role=ChannelOfficer.Role.PPID_SUPERIOR)
    objections_due = list(
        Objection.objects.filter(
            request__unit_id__in=superior.values("unit_id"), outcome=""
        )
        .values("request__unit__code", "request__unit__name")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("request__unit__name")
    )
    wbs_work = my_wbs_work(user)  # handlers often hold no role in the unit
    return TemplateResponse(
        request,
        "cases/_my_work_panel.html",
        {
            "mine": shown,
            "today": today,
            "late_units": late_units,
            "new_units": new_units,
            "requests_due": requests_due,
            "objections_due": objections_due,
            "wbs_work": wbs_work,
            "empty": not (
                shown
                or late_units
                or new_units
                or requests_due
                or objections_due
                or wbs_work
            ),
        },
    )


@login_required
def dashboard_panel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The unit dashboard's panel: open and late complaints and requests (counts)."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    unit = channel.access.unit
    today = timezone.localdate()
    complaints = Complaint.objects.filter(unit=unit).aggregate(
        open=Count("pk", filter=Q(status__in=Complaint.OPEN_STATUSES)),
        late=Count("pk", filter=queries.late_filter(today)),
    )
    requests = InformationRequest.objects.filter(unit=unit).aggregate(
        open=Count(
            "pk",
            filter=Q(
                status__in=[
                    InformationRequest.Status.RECEIVED,
                    InformationRequest.Status.EXTENDED,
                ]
            ),
        ),
        late=Count(
            "pk",
            filter=Q(
                status__in=[
                    InformationRequest.Status.RECEIVED,
                    InformationRequest.Status.EXTENDED,
                ],
                due_on__lt=today,
            ),
        ),
    )
    return TemplateResponse(
        request,
        "cases/_dashboard_panel.html",
        {
            "unit": unit,
            "rights": rights,
            "complaints": complaints,
            "requests": requests,
            # A WBS with no handler would take reports into nowhere: warn here too.
            "wbs_without_handler": rights.can_manage and not wbs_has_handler(unit),
        },
    )
