"""Codes of a plan's parts as the decree numbers them, and labels cut at words.

An area is numbered by its numeral ("I"), a komponen by area and number
("I.1"); indicators carry no printed number, so where one is needed it is the
indicator's position within its komponen ("I.1.2"), counted from 1.
"""

from __future__ import annotations

from sizi.plans.models import Component

ELLIPSIS = "…"


def component_code(component: Component) -> str:
    """Return "I.1" for komponen 1 of area I (the area's numeral alone if unnumbered)."""
    numeral = component.area.numeral.strip().rstrip(".")
    number = component.number.strip().rstrip(".")
    return f"{numeral}.{number}" if number else numeral


def cut_words(text: str, limit: int) -> str:
    """Return `text` (spaces collapsed) in at most `limit` characters, cut after a
    whole word and ended with "…" when it is longer; a single word longer than
    the limit is cut inside it (there is no other way)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    room = limit - len(ELLIPSIS)
    head = text[: room + 1]
    cut = head.rfind(" ")
    kept = head[:cut] if cut > 0 else text[:room]
    return kept.rstrip(" ,;:.-–—") + ELLIPSIS


def coded_label(code: str, text: str, limit: int) -> str:
    """Return "<code> <text>" in at most `limit` characters, the text cut at a word."""
    code = " ".join(code.split())
    if not code:
        return cut_words(text, limit)
    if len(code) >= limit:
        return code[:limit]
    text = " ".join(text.split())
    if not text:
        return code
    return f"{code} {cut_words(text, limit - len(code) - 1)}".rstrip()
