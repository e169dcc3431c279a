"""Uploads are hashed while they stream in; big ones go to a temporary file."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from sizi.evidence import validation
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import upload


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
