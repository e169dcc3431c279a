"""Deleting abandoned files (upload previews) from the private storage by age.

Works through Django's storage API, so it cleans a local folder and S3-compatible
object storage alike. Used by `purge_plan_imports` and `purge_lke_imports`.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone


def delete_older_than(folder: str, older_than: timedelta) -> tuple[int, int]:
    """Delete files under `folder` (recursively) older than `older_than`.

    Return (deleted, kept). A missing folder, or a file removed meanwhile (its
    preview was just applied), is not an error.
    """
    cutoff = timezone.now() - older_than
    try:
        subfolders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0, 0
    deleted = kept = 0
    for filename in sorted(files):
        name = f"{folder}/{filename}"
        try:
            modified = default_storage.get_modified_time(name)
        except FileNotFoundError:
            continue
        if timezone.is_naive(modified):
            modified = timezone.make_aware(modified)
        if modified < cutoff:
            default_storage.delete(name)
            deleted += 1
        else:
            kept += 1
    for subfolder in sorted(subfolders):
        more_deleted, more_kept = delete_older_than(f"{folder}/{subfolder}", older_than)
        deleted, kept = deleted + more_deleted, kept + more_kept
    return deleted, kept
