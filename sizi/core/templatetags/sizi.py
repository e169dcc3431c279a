"""Project template filters."""

from __future__ import annotations

from typing import Any

from django import template

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
    return _show(value)
