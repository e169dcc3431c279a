"""The one way to write the audit log: `record()`, called by services."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from sizi.core.models import AuditEvent

if TYPE_CHECKING:
    from sizi.units.models import Unit, User


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [old, new]} for the fields whose value changed."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """Return the current values of `fields` of `obj`, for a later `diff()`."""
    return {name: getattr(obj, name) for name in fields}


def record(
    by: User | None,
    action: str,
    target: models.Model | None = None,
    *,
    unit: Unit | None = None,
    changes: dict[str, Any] | None = None,
    **extra: Any,
) -> AuditEvent:
    """Append one entry to the audit log; call inside the service's transaction."""
    data = dict(changes or {})
    data.update(extra)
    actor = by if by is not None and by.is_authenticated else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username())
        if actor
        else "sistem",
        unit=unit,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=_jsonable(data),
    )
