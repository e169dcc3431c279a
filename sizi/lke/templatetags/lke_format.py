"""Template filters of the LKE pages: how stored codes are shown to people."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from sizi.lke.scoring.results import to_decimal

register = template.Library()


@register.filter
def qcode(code: object) -> str:
    """Show a question code without the placeholder ".-" of unlettered items (R.5.ii.-)."""
    text = str(code or "")
    return text.removesuffix(".-") if text.endswith(".-") else text


@register.filter
def raw_value(value: object) -> str:
    """Show a Hasil input as given: a number the Indonesian way (3,62), a letter upper-case."""
    if value is None or str(value).strip() == "":
        return "—"
    text = str(value).strip()
    number = to_decimal(text)
    if number is None:
        return text.upper() if len(text) == 1 else text
    return str(floatformat(number, 2))


@register.filter
def text_of(texts: object, code: object) -> str:
    """Return the question text kept for `code` in an import report ("" if none)."""
    if isinstance(texts, dict):
        return str(texts.get(str(code), ""))
    return ""


@register.filter
def change_kind(before: object, after: object) -> str:
    """Name a preview row's change the way people say it: baru, diubah, dikosongkan."""
    empty_before = before in (None, "")
    empty_after = after in (None, "")
    if empty_before and not empty_after:
        return "baru"
    if empty_after and not empty_before:
        return "dikosongkan"
    return "diubah"
