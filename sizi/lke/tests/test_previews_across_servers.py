"""A workbook previewed on one app server is read back on another (shared storage)."""

from __future__ import annotations

from sizi.core.tests import shared_storage
from sizi.lke.services import previews

WORKBOOK = b"PK\x03\x04 stands in for a previewed workbook"


def test_a_preview_kept_in_s3_is_taken_by_another_server(settings):
    with shared_storage.s3_bucket():
        shared_storage.become_server(settings, shared_storage.s3())
        _token, name = previews.keep_preview(WORKBOOK)
        shared_storage.become_server(settings, shared_storage.s3())
        assert previews.take_preview(name) == WORKBOOK
        assert previews.take_preview(name) is None  # spent: the file is gone


def test_a_preview_kept_in_a_shared_folder_is_taken_by_another_server(
    settings, tmp_path
):
    shared_storage.become_server(settings, shared_storage.folder(tmp_path))
    _token, name = previews.keep_preview(WORKBOOK)
    shared_storage.become_server(settings, shared_storage.folder(tmp_path))
    assert previews.take_preview(name) == WORKBOOK
    assert not (tmp_path / name).exists()
