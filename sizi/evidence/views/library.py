"""Evidence items: list, completeness per step, detail, uploads and review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.numbers import NumberError, parse_count
from sizi.evidence import permissions, queries, services
from sizi.evidence.forms import (
    EditForm,
    FilterForm,
    LinkForm,
    ReturnForm,
    RevisionForm,
    StepsForm,
    UploadForm,
    VerifyForm,
    unit_steps,
)
from sizi.evidence.models import Evidence, EvidenceQuerySet, EvidenceStatusChange
from sizi.evidence.uploads import capped_uploads
from sizi.evidence.views.context import page_context
from sizi.plans.models import ActionPlan, ActionStep
from sizi.units import permissions as unit_permissions
from sizi.units.models import User
from sizi.units.permissions import UnitAccess

PAGE_SIZE = 25
MAX_ID = 2**63 - 1  # the largest primary key a database holds


def _filtered(access: UnitAccess, form: FilterForm) -> EvidenceQuerySet:
    items = Evidence.objects.for_unit(access.unit)
    if not form.is_valid():
        return items.none()
    data = form.cleaned_data
    if data["q"]:
        items = items.filter(
            Q(title__icontains=data["q"])
            | Q(description__icontains=data["q"])
            | Q(current_revision__original_name__icontains=data["q"])
        )
    if data["area"]:
        items = items.filter(action_steps__indicator__component__area=data["area"])
    if data["step"]:
        items = items.filter(action_steps=data["step"])
    if data["status"]:
        items = items.filter(status=data["status"])
    if data["uploader"]:
        items = items.filter(created_by=data["uploader"])
    if data["date_from"]:
        items = items.filter(document_date__gte=data["date_from"])
    if data["date_to"]:
        items = items.filter(document_date__lte=data["date_to"])
    if data["area"] or data["step"]:
        items = items.distinct()
    return items


@login_required
def evidence_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """List a unit's evidence with filters, search and pages (htmx refreshes the rows)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    form = FilterForm(request.GET, unit=access.unit)
    items = _filtered(access, form).with_list_data()
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "evidence/evidence_list.html"
    if request.htmx:
        template += "#rows"
    return TemplateResponse(
        request, template, page_context(access, form=form, page=page)
    )


@login_required
def evidence_missing(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Show each step of a plan year with its evidence state (kelengkapan bukti)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    plans = list(ActionPlan.objects.for_unit(access.unit).order_by("-year"))
    year = request.GET.get("tahun", "")
    plan = next((p for p in plans if str(p.year) == year), plans[0] if plans else None)
    show = request.GET.get("tampil", "kurang")
    steps: list[Any] = []
    if plan is not None:
        query = queries.plan_steps(plan)
        if show == "kurang":
            query = query.filter(
                Q(expects_evidence=True, evidence_total=0)
                | Q(done_without_verified=True)
            )
        steps = list(query)
    return TemplateResponse(
        request,
        "evidence/evidence_missing.html",
        page_context(access, plans=plans, plan=plan, steps=steps, show=show),
    )


def _return_change(
    evidence: Evidence, history: list[EvidenceStatusChange]
) -> EvidenceStatusChange | None:
    """Return the change that sent a returned item back (its reason is shown on top)."""
    if evidence.status != Evidence.Status.RETURNED:
        return None
    returns = [c for c in history if c.to_status == Evidence.Status.RETURNED]
    return returns[-1] if returns else None


@login_required
def evidence_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Show an item with its revisions (who, when, size, SHA-256) and status history."""
    access, evidence = permissions.get_evidence_for_user(request.user, code, pk)
    revisions = evidence.revisions.select_related("uploaded_by")
    history = list(evidence.status_changes.select_related("by"))
    steps = evidence.action_steps.select_related("indicator__component__area__plan")
    rights = permissions.rights_for(access, request.user, evidence)
    return TemplateResponse(
        request,
        "evidence/evidence_detail.html",
        page_context(
            access,
            rights,
            evidence=evidence,
            revisions=revisions,
            history=history,
            last_change=history[-1] if history else None,
            return_change=_return_change(evidence, history),
            steps=steps,
            revision_form=RevisionForm(auto_id="revision_%s")
            if rights.can_edit
            else None,
            steps_form=StepsForm(unit=access.unit, initial={"steps": list(steps)})
            if rights.can_edit
            else None,
            edit_form=EditForm(
                initial={
                    "title": evidence.title,
                    "document_date": evidence.document_date,
                    "description": evidence.description,
                    "url": evidence.url,
                },
                is_link=not evidence.is_file,
                auto_id="edit_%s",
            )
            if rights.can_edit
            else None,
            # Several forms on one page: each has its own ids (VerifyForm and
            # ReturnForm set theirs), so every label points at its own field.
            verify_form=VerifyForm() if rights.can_verify_item else None,
            return_form=ReturnForm() if rights.can_verify else None,
        ),
    )


def _incoming(files: list[Any]) -> list[services.IncomingFile]:
    return [services.IncomingFile(name=f.name, fileobj=f) for f in files]


def _data(cleaned: dict[str, Any]) -> services.EvidenceData:
    return services.EvidenceData(
        title=cleaned["title"],
        document_date=cleaned["document_date"],
        description=cleaned["description"],
    )


def _preselected_steps(
    request: AuthenticatedHttpRequest, access: UnitAccess
) -> list[ActionStep]:
    """Return the unit's steps named by ?langkah= (others and junk are ignored)."""
    ids = (_step_id(v) for v in request.GET.getlist("langkah"))
    wanted = [pk for pk in ids if pk is not None][:20]
    if not wanted:
        return []
    return list(unit_steps(access.unit).filter(pk__in=wanted))


def _step_id(raw: str) -> int | None:
    """Return a step id from the query string; None for junk or a huge number."""
    if not raw.isdigit():
        return None
    try:
        return parse_count(raw, where="langkah", max_value=MAX_ID)
    except NumberError:
        return None


def _saved_message(count: int, submitted: bool) -> str:
    what = "1 bukti" if count == 1 else f"{count} bukti"
    if submitted:
        return f"{what} tersimpan dan diajukan untuk diverifikasi."
    return f"{what} tersimpan sebagai draf; ajukan bila sudah siap diverifikasi."


@capped_uploads
@login_required
def evidence_upload(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Upload one or more files as evidence items (all or none)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_contribute(access))
    preselected = _preselected_steps(request, access)
    initial = {"steps": preselected}
    form = UploadForm(
        request.POST or None, request.FILES or None, unit=access.unit, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.upload_evidence(
                access.unit,
                _incoming(form.cleaned_data["uploads"]),
                _data(form.cleaned_data),
                by=request.user,
                steps=form.cleaned_data["steps"],
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _saved_message(len(created), form.cleaned_data["submit"])
            )
            if len(created) == 1:
                return redirect(created[0])
            return redirect("evidence:list", code=access.unit.code)
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "evidence/evidence_upload.html",
        page_context(access, form=form, preselected=preselected),
        status=status,
    )


@login_required
def evidence_link_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Register a link as an evidence item."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_contribute(access))
    preselected = _preselected_steps(request, access)
    form = LinkForm(
        request.POST or None, unit=access.unit, initial={"steps": preselected}
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.register_link(
                access.unit,
                form.cleaned_data["url"],
                _data(form.cleaned_data),
                by=request.user,
                steps=form.cleaned_data["steps"],
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Tautan tersimpan sebagai bukti dan diajukan untuk diverifikasi."
                if form.cleaned_data["submit"]
                else "Tautan tersimpan sebagai bukti (draf).",
            )
            return redirect(evidence)
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "evidence/evidence_link_create.html",
        page_context(access, form=form, preselected=preselected),
        status=status,
    )


ItemCheck = Callable[[UnitAccess, User, Evidence], bool]
ItemAction = Callable[[UnitAccess, Evidence], "str | None"]


def _valid(form: forms.Form) -> dict[str, Any]:
    """Return a bound form's data, or raise its messages as one error."""
    if not form.is_valid():
        raise ValidationError([m for msgs in form.errors.values() for m in msgs])
    return form.cleaned_data


def _may_edit(access: UnitAccess, user: User, evidence: Evidence) -> bool:
    return permissions.can_edit_evidence(access, user, evidence)


def _may_verify(access: UnitAccess, user: User, evidence: Evidence) -> bool:
    return permissions.can_verify(access)


def _item_action(
    request: AuthenticatedHttpRequest,
    code: str,
    pk: int,
    *,
    allowed: ItemCheck,
    act: ItemAction,
) -> HttpResponse:
    """Find the item in the unit (404), check the right (403), run `act` (a form
    and one service call, returning the success message) and go back to the
    item, showing the message or what was refused."""
    access, evidence = permissions.get_evidence_for_user(request.user, code, pk)
    unit_permissions.require(allowed(access, request.user, evidence))
    try:
        done = act(access, evidence)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if done:
            messages.success(request, done)
    return redirect(evidence)


@capped_uploads
@login_required
@require_POST
def evidence_revision_add(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Upload a new version of an item's file."""

    def act(access: UnitAccess, evidence: Evidence) -> str:
        data = _valid(RevisionForm(request.POST, request.FILES))
        upload = data["file"]
        services.add_revision(
            evidence,
            services.IncomingFile(upload.name, upload),
            by=request.user,
            submit=data["submit"],
        )
        return "Versi baru tersimpan."

    return _item_action(request, code, pk, allowed=_may_edit, act=act)


@login_required
@require_POST
def evidence_edit(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Change an item's title, document date, description (and a link's URL)."""

    def act(access: UnitAccess, evidence: Evidence) -> None:
        data = _valid(EditForm(request.POST, is_link=not evidence.is_file))
        services.update_evidence(
            evidence,
            _data(data),
            url=data.get("url", evidence.url),
            by=request.user,
        )

    return _item_action(request, code, pk, allowed=_may_edit, act=act)


@login_required
@require_POST
def evidence_steps(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Replace the action steps an item supports."""

    def act(access: UnitAccess, evidence: Evidence) -> str:
        data = _valid(StepsForm(request.POST, unit=access.unit))
        services.set_evidence_steps(evidence, data["steps"], by=request.user)
        return "Langkah aksi yang didukung diperbarui."

    return _item_action(request, code, pk, allowed=_may_edit, act=act)


@login_required
@require_POST
def evidence_submit(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Send an item for verification."""

    def act(access: UnitAccess, evidence: Evidence) -> str:
        services.submit_evidence(evidence, by=request.user)
        return (
            f"«{evidence.title}» diajukan. Koordinator atau penilai unit induk "
            "akan memeriksanya."
        )

    return _item_action(request, code, pk, allowed=_may_edit, act=act)


@login_required
@require_POST
def evidence_verify(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Mark an item verified (coordinator, or reviewer of an ancestor unit)."""

    def act(access: UnitAccess, evidence: Evidence) -> str:
        form = VerifyForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.verify_evidence(evidence, by=request.user, note=note)
        return "Bukti diverifikasi."

    return _item_action(request, code, pk, allowed=_may_verify, act=act)


@login_required
@require_POST
def evidence_return(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Return an item to its uploader with a note."""

    def act(access: UnitAccess, evidence: Evidence) -> str:
        form = ReturnForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan bukti dikembalikan.")
        services.return_evidence(
            evidence, by=request.user, note=form.cleaned_data["note"]
        )
        return "Bukti dikembalikan dengan catatan."

    return _item_action(request, code, pk, allowed=_may_verify, act=act)
