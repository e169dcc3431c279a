"""How the instrument's answers are shown: the workbook's spelling of an option."""

from __future__ import annotations


def answer_text(letter: str | None) -> str | None:
    """Return an option as the workbook shows it ("Ya", "B"); None when empty."""
    if not letter:
        return None
    return letter.capitalize() if len(letter) > 1 else letter.upper()


def display_value(value: str) -> str:
    """Return a stored answer as the pages show it; "" when unanswered."""
    return answer_text(value) or ""
