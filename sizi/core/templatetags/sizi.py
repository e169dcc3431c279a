"""Project template filters (built in: every template has them without {% load %})."""

from __future__ import annotations

from typing import Any

from django import template

from sizi.core.audit_display import shorten as _shorten

register = template.Library()


@register.filter
def shorten(value: Any, limit: int = 80) -> str:
    """Cut a text at a word boundary to at most `limit` characters, with "…".

    Use it instead of Django's ``truncatechars``, which cuts mid-word
    ("menyusun laporan pelaksa…").
    """
    if value is None:
        return ""
    return _shorten(str(value), int(limit))
