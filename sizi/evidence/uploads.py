"""Upload handlers that compute each file's SHA-256 while the request streams in.

Django reads a multipart body in chunks (64 KB): small files stay in memory,
larger ones (above FILE_UPLOAD_MAX_MEMORY_SIZE) go chunk by chunk to a
temporary file. These subclasses also feed every chunk to a SHA-256, so the
hash is ready when the upload ends and a 500 MB file is never read again just
to hash it. The result is on the uploaded file as `sha256` (and `hashed_size`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)


class _HashingMixin:
    """Feed each received chunk to a SHA-256 and attach it to the finished file."""

    _digest: Any = None
    _hashed = 0

    def _start_hash(self) -> None:
        self._digest = hashlib.sha256()
        self._hashed = 0

    def _hash(self, raw_data: bytes) -> None:
        self._digest.update(raw_data)
        self._hashed += len(raw_data)

    def _attach(self, file: UploadedFile | None) -> UploadedFile | None:
        if file is not None and self._digest is not None:
            file.sha256 = self._digest.hexdigest()  # type: ignore[attr-defined]
            file.hashed_size = self._hashed  # type: ignore[attr-defined]
        return file


class HashingMemoryFileUploadHandler(_HashingMixin, MemoryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        # Before super(): the memory handler raises StopFutureHandlers there.
        self._start_hash()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.activated:
            self._hash(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return self._attach(super().file_complete(file_size))


class HashingTemporaryFileUploadHandler(_HashingMixin, TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        # Before super(): the memory handler raises StopFutureHandlers there.
        self._start_hash()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._hash(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return self._attach(super().file_complete(file_size))
