"""Shared steps of plan writes: validated saves and parsed target fields."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from django.db import models

DECREE_FIELDS = [
    "number",
    "title",
    "signed_on",
    "place",
    "signatory",
    "signatory_title",
    "legal_basis",
]
TARGET_FIELDS = [
    "target_raw",
    "target_kind",
    "target_start",
    "target_end",
    "target_recurrence",
    "target_periods",
    "target_needs_review",
    "target_note",
    "retroactive",
]


def plain(value: Any) -> Any:
    """Return a parsed value as JSON-ready data (enums, dates, dataclasses)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {
            name: plain(getattr(value, name)) for name in value.__dataclass_fields__
        }
    return value


def target_fields(target: Any, signed_on: date | None) -> dict[str, Any]:
    """Return Indicator target_* fields from a parsed TargetTime."""
    if target is None:
        return {"target_raw": "", "target_needs_review": True}
    retro = bool(signed_on and target.end and target.is_retroactive(signed_on))
    return {
        "target_raw": (target.raw or "")[:300],
        "target_kind": str(plain(target.kind) or "")[:30],
        "target_start": target.start,
        "target_end": target.end,
        "target_recurrence": str(plain(target.recurrence) or "")[:30],
        "target_periods": plain(list(target.periods or [])),
        "target_needs_review": bool(target.needs_review),
        "target_note": (target.note or "")[:300],
        "retroactive": retro,
    }


def clean_value(value: Any) -> Any:
    """Drop NUL characters, which PostgreSQL refuses in text and JSON."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value


def apply_values(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set `values` on `obj`; save and return True only if something changed."""
    values = {name: clean_value(value) for name, value in values.items()}
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save(update_fields=changed)
    return True


def create_valid(model: type[models.Model], values: dict[str, Any]) -> Any:
    """Create a row of `model` after full validation."""
    obj = model(**{name: clean_value(value) for name, value in values.items()})
    obj.full_clean()
    obj.save()
    return obj
