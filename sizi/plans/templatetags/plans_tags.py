"""Template helpers for plan pages: status labels and badge classes, SVG geometry."""

from __future__ import annotations

from django import template

from sizi.plans.models import DISPLAY_LABELS

register = template.Library()

BADGES = {
    "not_started": "badge-muted",
    "in_progress": "badge-warn",
    "done": "badge-ok",
    "late": "badge-danger",
}


@register.filter
def state_label(code: str) -> str:
    """Return the Indonesian label of a derived step state."""
    return DISPLAY_LABELS.get(str(code), str(code))


@register.filter
def state_badge(code: str) -> str:
    """Return the badge class of a derived step state."""
    return BADGES.get(str(code), "badge-muted")


@register.filter
def bar_width(value: float, full: int = 300) -> int:
    """Return the width of a progress bar of `full` units for a 0–100 value."""
    try:
        return max(0, min(full, round(float(value) * full / 100)))
    except (TypeError, ValueError):
        return 0


@register.filter
def pct(value: float) -> int:
    """Return a 0–100 figure rounded to an integer."""
    try:
        return round(float(value))
    except (TypeError, ValueError):
        return 0


@register.filter
def index(sequence: list[object], position: int) -> object:
    return sequence[position]
