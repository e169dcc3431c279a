"""Read the text of a rendered PDF in tests (poppler's pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def pdf_text(pdf: bytes) -> str:
    """Return the text of `pdf`; skip the test when poppler is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(  # noqa: S603 (fixed tool, our own file)
            [tool, "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
    return result.stdout
