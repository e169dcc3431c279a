"""Formatting filters of the integrity pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from sizi.integrity.gratification_rules import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    """Return "Rp1.500.000"; empty for no value."""
    return "" if value is None else _rupiah(Decimal(value))


@register.filter
def rupiah_plain(value: Decimal | int | None) -> str:
    """Return "1.500.000" (table cells with the currency in the heading)."""
    return "" if value is None else f"{int(value):,}".replace(",", ".")
