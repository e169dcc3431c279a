"""Pages of the units app. Each view checks the user's unit scope first."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core import audit, audit_display
from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.models import AuditEvent
from sizi.core.numbers import parse_count
from sizi.units import permissions, services
from sizi.units.forms import AuditFilterForm, InviteMemberForm
from sizi.units.invitations import send_invitation
from sizi.units.models import Membership, Unit, User

Role = Membership.Role


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the units the user may see, with their role in each, a page at a time."""
    sort = request.GET.get("urut", "pohon")
    if sort not in permissions.UNIT_SORTS:
        sort = "pohon"
    try:
        number = parse_count(
            request.GET.get("page", ""), where="halaman", max_value=10**6
        )
    except ValidationError:
        number = None
    page = permissions.visible_units_page(
        request.user, number=number or 1, size=DASHBOARD_PAGE_SIZE, sort=sort
    )
    return TemplateResponse(
        request,
        "units/dashboard.html",
        {"rows": page.rows, "unit_page": page, "sort": sort, "sorts": UNIT_SORT_LABELS},
    )


DASHBOARD_PAGE_SIZE = 50
UNIT_SORT_LABELS = [("pohon", "Pohon unit"), ("nama", "Nama"), ("tingkat", "Tingkat")]


@login_required
def unit_dashboard(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    unit = access.unit
    members = (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    # Only the unit's own children, not the user's whole visible tree (a TPI
    # member at the root would otherwise load every unit to show 34 provinces).
    children = [
        child
        for child in (
            permissions.access_for(request.user, c)
            for c in unit.children.order_by("path")
        )
        if child.can_view
    ]
    return TemplateResponse(
        request,
        "units/unit_dashboard.html",
        {
            "access": access,
            "unit": unit,
            "members": members,
            "children": children,
            "rights": permissions.rights_for(access),
        },
    )


@login_required
def audit_log(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Show a unit's audit log with filters (actor, action, date range)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_view_audit_log(access))
    unit = access.unit
    events = AuditEvent.objects.filter(unit=unit)
    actor_ids = events.exclude(actor=None).values("actor").distinct()
    actions = list(
        events.order_by("action").values_list("action", flat=True).distinct()
    )
    form = AuditFilterForm(
        request.GET or None,
        actors=User.objects.filter(pk__in=actor_ids),
        actions=actions,
    )
    if form.is_valid():
        data = form.cleaned_data
        if data.get("actor"):
            events = events.filter(actor=data["actor"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            events = events.filter(
                at__gte=datetime.combine(data["date_from"], time.min, tz)
            )
        if data.get("date_to"):
            end = datetime.combine(data["date_to"] + timedelta(days=1), time.min, tz)
            events = events.filter(at__lt=end)
    page = Paginator(events.order_by("-at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "access": access,
        "unit": unit,
        "form": form,
        "page": page,
        "entries": audit_display.describe(page.object_list),
        "chain": audit.last_verification(),
    }
    template = "units/audit_log.html"
    if request.htmx:
        template += "#results"
    return TemplateResponse(request, template, context)


def _assignable_roles(access: permissions.UnitAccess) -> list[str]:
    """Coordinators add PICs and viewers; the unit's leader may add coordinators too."""
    roles = [Role.TEAM, Role.VIEWER]
    if access.has(Role.LEADER, direct_only=True) or access.is_admin:
        roles = [Role.COORDINATOR, Role.TEAM, Role.VIEWER]
    return [str(r) for r in roles]


@login_required
def unit_members(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Manage the people of a unit (coordinator or leader)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.rights_for(access).can_manage_members)
    roles = _assignable_roles(access)
    form = InviteMemberForm(request.POST or None, allowed_roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, created = services.invite_user(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                position=data["position"],
                unit=access.unit,
                role=data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return _members_page(request, access, form, roles)
        if created:
            transaction.on_commit(lambda: send_invitation(user, request=request))
            messages.success(
                request,
                f"Akun {user} dibuat; tautan untuk mengatur sandi dikirim ke {user.email}.",
            )
        else:
            messages.success(
                request, f"{user} ditambahkan sebagai {Role(data['role']).label}."
            )
        return redirect("units:unit_members", code=access.unit.code)
    return _members_page(request, access, form, roles)


def _members_page(
    request: AuthenticatedHttpRequest,
    access: permissions.UnitAccess,
    form: InviteMemberForm,
    roles: list[str],
) -> HttpResponse:
    members = (
        Membership.objects.filter(unit=access.unit)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    context = {
        "access": access,
        "unit": access.unit,
        "members": members,
        "form": form,
        "assignable": roles,
    }
    return TemplateResponse(request, "units/unit_members.html", context)


@login_required
@require_POST
def membership_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.rights_for(access).can_manage_members)
    membership = get_object_or_404(Membership, pk=pk, unit=access.unit)
    permissions.require(membership.role in _assignable_roles(access))
    services.remove_membership(membership, by=request.user)
    messages.success(
        request, f"Peran {membership.get_role_display()} {membership.user} dicabut."
    )
    return redirect("units:unit_members", code=access.unit.code)


@login_required
def system_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The whole unit tree with member counts, for system administrators."""
    permissions.require(permissions.can_administer_system(request.user))
    units = (
        Unit.objects.select_related("level")
        .annotate(member_count=Count("memberships"))
        .order_by("path")
    )
    return TemplateResponse(request, "units/system_overview.html", {"units": units})
