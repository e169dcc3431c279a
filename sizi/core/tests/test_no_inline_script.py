"""No template relies on inline script: the CSP (script-src 'self') blocks it.

The demo's complaint receipt offered a "Cetak" button with onclick="…" that did
nothing, and the complaint and PPID lists filtered by status only through an
onchange="…" that the browser refused, with the submit button hidden in
<noscript>.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
# A JSON data block is not run; any other <script> must load a file.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\b(?:src=|type=[\"']application/json))[^>]*>", re.IGNORECASE
)
JS_URL = re.compile(r"href\s*=\s*[\"']javascript:", re.IGNORECASE)


def _templates() -> list[Path]:
    found = [
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("sizi/**/templates/**/*.html"),
    ]
    assert len(found) > 50
    return found


def test_the_csp_forbids_inline_script():
    assert "script-src 'self'" in settings.CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in settings.CONTENT_SECURITY_POLICY


def test_no_template_has_an_inline_handler_or_script():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_HANDLER, INLINE_SCRIPT, JS_URL):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(
                    f"{path.relative_to(ROOT)}:{line}: {match.group(0)[:60]}"
                )
    assert offenders == []
