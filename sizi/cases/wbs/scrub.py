"""Strip identifying metadata from WBS attachments before a handler sees them.

A photo's EXIF can hold the camera's serial number and the place it was taken;
a PDF's or an Office file's properties hold the author's name and organisation.
Handlers get a cleaned copy; the original stays sealed beside it, for a
custodian-approved need (for example as evidence in a legal process).

Supported: JPEG and PNG (pixels re-encoded by Pillow, so no EXIF, XMP, ICC or
text chunk survives), PDF (document information and XMP metadata removed with
pypdf) and Office Open XML (docx, xlsx, pptx: ``docProps`` parts replaced with
empty ones). Anything else is refused before it is stored, so nothing reaches a
handler unscrubbed.
"""

from __future__ import annotations

import io
import zipfile

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

SUPPORTED = frozenset({"jpg", "png", "pdf", "docx", "xlsx", "pptx"})

_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"/>'
)
_EMPTY_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'custom-properties"/>'
)
_OFFICE_PARTS = {
    "docProps/core.xml": _EMPTY_CORE,
    "docProps/app.xml": _EMPTY_APP,
    "docProps/custom.xml": _EMPTY_CUSTOM,
}


class ScrubError(ValueError):
    """The file could not be read to strip its metadata."""


def scrub(kind: str, content: bytes) -> bytes:
    """Return a copy of the file of type ``kind`` (an extension) without metadata."""
    try:
        if kind in {"jpg", "png"}:
            return _scrub_image(kind, content)
        if kind == "pdf":
            return _scrub_pdf(content)
        if kind in {"docx", "xlsx", "pptx"}:
            return _scrub_office(content)
    except ScrubError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means "cannot clean"
        raise ScrubError(str(exc)) from exc
    raise ScrubError(f"Jenis berkas {kind} tidak dapat dibersihkan dari metadata.")


def _scrub_image(kind: str, content: bytes) -> bytes:
    with Image.open(io.BytesIO(content)) as image:
        image.load()
        upright = ImageOps.exif_transpose(image) or image
        # A new image from the pixels alone: no info dict, no EXIF, no text.
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
    out = io.BytesIO()
    if kind == "jpg":
        if clean.mode not in {"RGB", "L"}:
            clean = clean.convert("RGB")
        clean.save(out, format="JPEG", quality=92)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _scrub_pdf(content: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(content))
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    root = writer._root_object
    root.pop(NameObject("/Metadata"), None)
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scrub_office(content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = _OFFICE_PARTS.get(info.filename)
            if data is None:
                data = source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
