"""Upload handlers that compute each file's SHA-256 while the request streams in.

Django reads a multipart body in chunks (64 KB): small files stay in memory,
larger ones (above FILE_UPLOAD_MAX_MEMORY_SIZE) go chunk by chunk to a
temporary file. These subclasses also feed every chunk to a SHA-256, so the
hash is ready when the upload ends and a 500 MB file is never read again just
to hash it. The result is on the uploaded file as `sha256` (and `hashed_size`).

The evidence upload views also cap each file at EVIDENCE_MAX_UPLOAD_SIZE
(`capped_uploads`): past the cap, data is discarded instead of written to disk
and the file is marked `oversize`, so validation refuses it with its real size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class _HashingMixin:
    """Feed each received chunk to a SHA-256 and attach it to the finished file."""

    cap: int | None = None
    _digest: Any = None
    _hashed = 0
    _oversize = False

    def _start_hash(self) -> None:
        self._digest = hashlib.sha256()
        self._hashed = 0
        self._oversize = False

    def _accept(self, raw_data: bytes, start: int) -> bool:
        """Hash a chunk; return False once the file passed the cap (then discard)."""
        if self.cap is not None and start + len(raw_data) > self.cap:
            self._oversize = True
        if self._oversize:
            return False
        self._digest.update(raw_data)
        self._hashed += len(raw_data)
        return True

    def _attach(self, file: UploadedFile | None) -> UploadedFile | None:
        if file is not None and self._digest is not None:
            file.sha256 = self._digest.hexdigest()  # type: ignore[attr-defined]
            file.hashed_size = self._hashed  # type: ignore[attr-defined]
            file.oversize = self._oversize  # type: ignore[attr-defined]
        return file


class HashingMemoryFileUploadHandler(_HashingMixin, MemoryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        # Before super(): the memory handler raises StopFutureHandlers there.
        self._start_hash()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if not self.activated:
            return raw_data
        if self._accept(raw_data, start):
            return super().receive_data_chunk(raw_data, start)
        return None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return self._attach(super().file_complete(file_size))


class HashingTemporaryFileUploadHandler(_HashingMixin, TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self._start_hash()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self._accept(raw_data, start):
            return super().receive_data_chunk(raw_data, start)
        return None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return self._attach(super().file_complete(file_size))


def capped_uploads(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Decorate a view so its files stop being stored past EVIDENCE_MAX_UPLOAD_SIZE.

    The handlers must be set before anything reads the body, and the CSRF
    middleware reads it; so the outer view is exempt and the inner one is
    protected, as Django's documentation shows for custom upload handlers.
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        use_capped_handlers(request)
        return protected(request, *args, **kwargs)

    return wrapper


def use_capped_handlers(request: HttpRequest) -> None:
    """Hash every file of the request and stop storing it past the upload cap.

    Call before anything reads the body (the API's token-authenticated upload
    calls it too; it has no CSRF question since it never reads the session).
    """
    handlers: list[_HashingMixin] = [
        HashingMemoryFileUploadHandler(request),
        HashingTemporaryFileUploadHandler(request),
    ]
    for handler in handlers:
        handler.cap = settings.EVIDENCE_MAX_UPLOAD_SIZE
    request.upload_handlers = handlers  # type: ignore[assignment]
