"""Purging abandoned previews works on S3-compatible storage as on a folder."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sizi.core.storage_cleanup import delete_older_than
from sizi.core.tests import shared_storage


def test_old_previews_are_deleted_from_s3_and_new_ones_kept(settings):
    with shared_storage.s3_bucket():
        shared_storage.become_server(settings, shared_storage.s3())
        old = default_storage.save("lke-imports/a.xlsx", ContentFile(b"a"))
        nested = default_storage.save("plans/imports/u/b.docx", ContentFile(b"b"))
        assert delete_older_than("lke-imports", timedelta(hours=1)) == (0, 1)
        assert delete_older_than("plans/imports", timedelta(0)) == (1, 0)
        assert delete_older_than("lke-imports", timedelta(0)) == (1, 0)
        assert not default_storage.exists(old)
        assert not default_storage.exists(nested)
        assert delete_older_than("nothing-here", timedelta(0)) == (0, 0)
