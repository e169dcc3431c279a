"""Writes on a unit's survey set-up: layanan and extra questions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from sizi.core import audit
from sizi.surveys.models import (
    ServiceType,
    UnitQuestion,
)
from sizi.units.models import Unit, User


def _free_code(
    model: type[ServiceType] | type[UnitQuestion], unit: Unit, text: str
) -> str:
    base = slugify(text)[:50] or "item"
    code, n = base, 2
    while model.objects.filter(unit=unit, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def add_service_type(unit: Unit, *, name: str, by: User) -> ServiceType:
    """Add a layanan to the unit's list."""
    order = ServiceType.objects.filter(unit=unit).count()
    service_type = ServiceType(
        unit=unit,
        name=name.strip(),
        code=_free_code(ServiceType, unit, name),
        order=order,
    )
    service_type.full_clean()
    service_type.save()
    audit.record(by, "surveys.service_type_added", service_type, unit=unit, name=name)
    return service_type


@transaction.atomic
def update_service_type(
    service_type: ServiceType, *, name: str, is_active: bool, by: User
) -> None:
    """Rename a layanan or switch it off (kept for the periods that used it)."""
    fields = ["name", "is_active"]
    before = audit.snapshot(service_type, fields)
    service_type.name = name.strip()
    service_type.is_active = is_active
    service_type.full_clean()
    service_type.save()
    changes = audit.diff(before, audit.snapshot(service_type, fields))
    if changes:
        audit.record(
            by,
            "surveys.service_type_updated",
            service_type,
            unit=service_type.unit,
            changes=changes,
        )


def _clean_options(kind: str, options: Iterable[str]) -> list[str]:
    cleaned = [o.strip() for o in options if o.strip()]
    if kind == UnitQuestion.Kind.CHOICE and len(cleaned) < 2:
        raise ValidationError(
            {"options": "Pertanyaan pilihan perlu paling sedikit dua pilihan."}
        )
    return cleaned if kind == UnitQuestion.Kind.CHOICE else []


@transaction.atomic
def add_unit_question(
    unit: Unit,
    *,
    text: str,
    kind: str,
    options: Iterable[str] = (),
    instrument_code: str = "",
    by: User,
) -> UnitQuestion:
    """Add an extra question to the unit's surveys (asked, never part of the index)."""
    question = UnitQuestion(
        unit=unit,
        text=text.strip(),
        kind=kind,
        options=_clean_options(kind, options),
        instrument_code=instrument_code,
        code=_free_code(UnitQuestion, unit, text),
        order=UnitQuestion.objects.filter(unit=unit).count(),
    )
    question.full_clean()
    question.save()
    audit.record(by, "surveys.unit_question_added", question, unit=unit, text=text)
    return question


@transaction.atomic
def update_unit_question(
    question: UnitQuestion,
    *,
    text: str,
    options: Iterable[str],
    is_active: bool,
    by: User,
) -> None:
    """Change an extra question's text, options or switch it off."""
    fields = ["text", "options", "is_active"]
    before = audit.snapshot(question, fields)
    question.text = text.strip()
    question.options = _clean_options(question.kind, options)
    question.is_active = is_active
    question.full_clean()
    question.save()
    changes = audit.diff(before, audit.snapshot(question, fields))
    if changes:
        audit.record(
            by,
            "surveys.unit_question_updated",
            question,
            unit=question.unit,
            changes=changes,
        )
