"""One vocabulary and one date/time format in what users read (issue 11).

The deny-list and the helpers are shared: `test_vocabulary.py` scans the source
(templates and the Python strings that reach users), and the apps' tests run
`problems_in_page()` over pages they render.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

#: Terms users must not meet, each with the one the UI uses instead.
DENIED: dict[str, re.Pattern[str]] = {
    # glossary: "lembar kerja (LKE)", the file is a "berkas"
    "workbook → lembar kerja": re.compile(r"\bworkbooks?\b", re.I),
    "snapshot → salinan pengajuan": re.compile(r"\bsnapshots?\b", re.I),
    "e-mail/Email → surel": re.compile(r"\be-?mail\b", re.I),
    "mekanise → mekanisme": re.compile(r"\bmekanise\b", re.I),
    # "Diajukan diajukan": a status shown next to the same word. A word repeated
    # before a user name or path ("penangan penangan.wbs") is not prose.
    "doubled word": re.compile(r"\b([^\W\d_]{2,})\s+\1\b(?![.\w@/-])", re.I),
}

#: A time shown to users is HH.MM ("14.30"); never 14:30.
CLOCK_WITH_COLON = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):[0-5]\d(?![\d:])")
#: Dates are "15 Desember 2025", never abbreviated months ("15 Des 2025").
SHORT_MONTH = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des) \d{4}\b"
)

_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_VISIBLE_ATTRS = re.compile(
    r"""\b(?:title|placeholder|alt|aria-label|data-confirm)\s*=\s*(["'])(.*?)\1""",
    re.S | re.I,
)
# Block elements end a sentence ("Daftar unit" above a column "Unit" is no
# doubled word); inline ones (<span>, <strong>, <a>) do not.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|section|article|header|footer|nav|main|aside|ul|ol|li|dl|dt|dd"
    r"|table|thead|tbody|tfoot|tr|th|td|caption|form|fieldset|legend|label|option"
    r"|select|button|textarea|br|hr|details|summary|figure|figcaption)\b[^>]*>",
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]*>", re.S)


def visible_text(page: str) -> str:
    """Return the text a user reads on an HTML page, visible attributes included."""
    page = _SCRIPT_STYLE.sub(" ", page)
    attrs = " ".join(m.group(2) for m in _VISIBLE_ATTRS.finditer(page))
    text = _TAG.sub(" ", _BLOCK_TAG.sub(" ¶ ", page))
    return html.unescape(f"{text} {attrs}")


def problems_in_text(text: str, allow: Iterable[str] = ()) -> list[str]:
    """Name every denied term in `text` ("workbook → lembar kerja: '…workbook…'").

    `allow` lists matches that are users' data quoted on the page, e.g. a typo
    in a signed decree ("terhadap terhadap"), which SIZI shows as written.
    """
    allowed = {a.lower() for a in allow}
    found = []
    for name, pattern in DENIED.items():
        for match in pattern.finditer(text):
            if " ".join(match.group(0).split()).lower() in allowed:
                continue
            start = max(0, match.start() - 30)
            found.append(f"{name}: {text[start : match.end() + 30]!r}")
    return found


def problems_in_page(page: str, allow: Iterable[str] = ()) -> list[str]:
    """Denied terms, HH:MM times and abbreviated months on a rendered HTML page."""
    text = visible_text(page)
    found = problems_in_text(text, allow)
    found += [
        f"time with a colon: {m.group(0)!r}" for m in CLOCK_WITH_COLON.finditer(text)
    ]
    found += [f"abbreviated month: {m.group(0)!r}" for m in SHORT_MONTH.finditer(text)]
    return found
