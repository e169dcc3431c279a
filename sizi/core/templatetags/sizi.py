"""Project template filters."""

from __future__ import annotations

from typing import Any

from django import template

from sizi.core.audit_labels import ACTION_LABELS, FIELD_LABELS

register = template.Library()


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    return str(value)


@register.filter
def audit_change(value: Any) -> str:
    """Render an audit `changes` value: [old, new] as "old → new", else as text."""
    if isinstance(value, list) and len(value) == 2:
        old, new = value
        return _show(new) if old is None else f"{_show(old)} → {_show(new)}"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{audit_field(k)}: {audit_change(v)}" for k, v in value.items()
        )
    return _show(value)


@register.filter
def audit_action(code: str) -> str:
    """Return the Indonesian label of an audit action code (the code if unknown)."""
    return ACTION_LABELS.get(code, code)


@register.filter
def audit_field(key: str) -> str:
    """Return the Indonesian label of a changed field's name."""
    return FIELD_LABELS.get(key, key.replace("_", " "))
