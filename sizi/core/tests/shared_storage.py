"""Storage as several app servers see it, for tests of requests that span two.

Each "server" gets its own storage instance (Django builds a new one when the
STORAGES setting changes), configured like a deployment: a folder every server
mounts, S3-compatible object storage (moto, in process) or, for the failure
being guarded against, a folder of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
from django.core.files.storage import default_storage
from moto import mock_aws

BUCKET = "sizi-scaleout-test"


def folder(path: Path) -> dict[str, Any]:
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": path, "base_url": None},
    }


def s3() -> dict[str, Any]:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",  # noqa: S105 - moto's fake account
            "default_acl": "private",
            "file_overwrite": False,
        },
    }


@contextmanager
def s3_bucket() -> Iterator[None]:
    """An empty S3 bucket in moto's in-process mock for the block."""
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        yield


def become_server(settings: Any, storage: dict[str, Any]) -> object:
    """Switch to a new storage instance (the next request's server); return it."""
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    default_storage._setup()  # noqa: SLF001
    return default_storage._wrapped  # noqa: SLF001
