"""Uploads are hashed while they stream in; big ones go to a temporary file."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from sizi.evidence import validation
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import stored_files, upload


@pytest.mark.parametrize("memory_limit", [10**7, 1000])
def test_upload_hash_comes_from_the_stream(
    client, bob, settings, monkeypatch, memory_limit
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_limit
    calls: list[object] = []
    original = validation.hash_file
    monkeypatch.setattr(
        validation, "hash_file", lambda f: calls.append(f) or original(f)
    )
    data = minimal_pdf(["besar"], padding=200_000)
    client.force_login(bob)
    response = client.post(
        reverse("evidence:upload", args=["kpu-tanjabbar"]),
        {"uploads": [upload("besar.pdf", data)], "document_date": "2026-01-01"},
    )
    assert response.status_code == 302
    revision = Evidence.objects.get().current_revision
    assert revision.sha256 == hashlib.sha256(data).hexdigest()
    assert revision.size == len(data)
    assert calls == []  # no second pass over the file


def test_oversize_upload_stops_being_stored_at_the_cap(
    client, bob, settings, monkeypatch, tmp_path
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    settings.EVIDENCE_MAX_UPLOAD_SIZE = 100_000
    written: list[int] = []
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        written.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    data = minimal_pdf(["besar"], padding=600_000)
    client.force_login(bob)
    response = client.post(
        reverse("evidence:upload", args=["kpu-tanjabbar"]),
        {"uploads": [upload("besar.pdf", data)], "document_date": "2026-01-01"},
    )
    assert response.status_code == 422
    assert "melebihi batas" in response.content.decode()
    assert 0 < sum(written) <= 100_000
    assert Evidence.objects.count() == 0
    assert list((tmp_path / "uploads").iterdir()) == []  # temporary file removed
    assert stored_files(settings) == []


def test_upload_views_still_check_csrf(bob, tree) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    response = client.post(
        reverse("evidence:upload", args=["kpu-tanjabbar"]),
        {
            "uploads": [upload("a.pdf", minimal_pdf(["a"]))],
            "document_date": "2026-01-01",
        },
    )
    assert response.status_code == 403
    assert Evidence.objects.count() == 0
