"""Clean cell texts (HTML remnants, markdown marks, spacing) and split numbered items."""

from __future__ import annotations

import html
import re

_BREAK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li)\s*/?\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?\s*[a-zA-Z][^<>]*>")
_MARKDOWN = re.compile(r"(\*{1,2}|_{2})(?=\S)(.+?)(?<=\S)\1")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# "1) ", "2. ", "a) " at the start of an item; inline only ")" numbers and letters.
_LINE_MARK = re.compile(r"^\s*(?:(\d{1,2})[.)]|([a-z])[.)]|[-•●▪◦·*–])\s+")
_INLINE_MARK = re.compile(r"(?:(?<=\s)|^)(?:(\d{1,2})\)|([a-z])\))\s+")
_INLINE_DOT = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=\S)")


def clean_text(value: str, *, keep_lines: bool = False) -> str:
    """Remove HTML/markdown remnants and collapse spaces (keep line breaks if asked)."""
    text = _BREAK_TAG.sub("\n", value)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _MARKDOWN.sub(r"\2", text)
    text = _CONTROL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if keep_lines:
        return "\n".join(line for line in lines if line)
    return " ".join(line for line in lines if line)


def _tidy(item: str) -> str:
    item = " ".join(item.split())
    return item.rstrip(" ;,")


def _sequence(marks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Keep the marks that count 1, 2, 3... (or a, b, c...) from the start."""
    kept: list[tuple[int, int]] = []
    expected = 1
    for start, end, label in marks:
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        if value == expected and (expected > 1 or start == 0):
            kept.append((start, end))
            expected += 1
    return kept


def _split_inline(text: str) -> list[str]:
    for pattern in (_INLINE_MARK, _INLINE_DOT):
        marks = [
            (
                m.start(),
                m.end(),
                m.group(1) or (m.group(2) if m.lastindex == 2 else "") or "",
            )
            for m in pattern.finditer(text)
        ]
        marks = [m for m in marks if m[2]]
        kept = _sequence(marks)
        if len(kept) >= 2 or (len(kept) == 1 and pattern is _INLINE_MARK):
            items = []
            for index, (_start, end) in enumerate(kept):
                stop = kept[index + 1][0] if index + 1 < len(kept) else len(text)
                items.append(_tidy(text[end:stop]))
            return [i for i in items if i]
    return [_tidy(text)] if _tidy(text) else []


def split_items(value: str) -> list[str]:
    """Split a langkah aksi / bukti fisik cell into its items ("1) ... 2) ...").

    Lines that start with a number or bullet are items; other line breaks are
    joined with a space (converted documents often break lines inside a cell).
    Inside one line, items numbered ``1) 2) 3)`` (or ``a) b)``, or ``1. 2.``
    counting from the start) are split. Anything else stays one item, as printed.
    """
    text = clean_text(value, keep_lines=True)
    if not text:
        return []
    lines = text.split("\n")
    if len(lines) > 1 and sum(1 for line in lines if _LINE_MARK.match(line)) >= 2:
        items: list[str] = []
        for line in lines:
            mark = _LINE_MARK.match(line)
            if mark or not items:
                items.append(line[mark.end() :] if mark else line)
            else:
                items[-1] += " " + line
        return [t for t in (_tidy(i) for i in items) if t]
    return _split_inline(" ".join(lines))
