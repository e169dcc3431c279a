"""The purge_lke_imports command: previews never applied leave private storage."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command


def _file(name: str, hours_old: float) -> str:
    saved = default_storage.save(f"lke-imports/{name}", ContentFile(b"PK"))
    stamp = time.time() - hours_old * 3600
    os.utime(default_storage.path(saved), (stamp, stamp))
    return saved


def test_purge_deletes_only_files_older_than_the_limit() -> None:
    old = _file("old.xlsx", 30)
    new = _file("new.xlsx", 2)
    out = io.StringIO()

    call_command("purge_lke_imports", stdout=out)

    assert not default_storage.exists(old)
    assert default_storage.exists(new)
    assert (
        "1 berkas pratinjau LKE dihapus; 1 berkas lebih baru disimpan."
        in out.getvalue()
    )


def test_purge_honours_older_than() -> None:
    new = _file("new.xlsx", 2)

    call_command("purge_lke_imports", "--older-than", "1", stdout=io.StringIO())

    assert not default_storage.exists(new)


def test_purge_without_the_folder_does_nothing() -> None:
    out = io.StringIO()

    call_command("purge_lke_imports", stdout=out)

    assert "0 berkas pratinjau LKE dihapus" in out.getvalue()


def test_purge_refuses_a_negative_age() -> None:
    with pytest.raises(CommandError):
        call_command("purge_lke_imports", "--older-than", "-1", stdout=io.StringIO())
