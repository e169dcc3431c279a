"""Deployment checks (`manage.py check --deploy`) for SIZI on one or several machines.

- ``sizi.E001``: S3-compatible storage is configured but boto3 cannot be imported
  (settings refuse to start in that case; this reports a storage set otherwise).
- ``sizi.W002``: the deployment looks like several app servers (``REDIS_URL`` or
  the RQ task backend) while uploaded files stay on this machine's disk, where
  the other servers cannot read them. Silenced by ``PRIVATE_MEDIA_SHARED=1``
  when ``PRIVATE_MEDIA_ROOT`` is a folder shared by every server.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

S3_BACKENDS = ("storages.backends.s3.S3Storage", "storages.backends.s3boto3.S3Storage")
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def _storage_backend() -> str:
    storages: dict[str, dict[str, Any]] = getattr(settings, "STORAGES", {})
    return str(storages["default"]["BACKEND"])


def several_servers() -> bool:
    """Return whether the settings describe a deployment of several app servers."""
    rq: str = settings.RQ_BACKEND
    return bool(settings.REDIS_URL) or rq == settings.TASKS_BACKEND


@register(Tags.files, deploy=True)
def check_s3_library(**kwargs: Any) -> list[CheckMessage]:
    """S3 storage needs boto3."""
    if _storage_backend() in S3_BACKENDS and importlib.util.find_spec("boto3") is None:
        return [
            Error(
                "Penyimpanan S3 dipakai tetapi boto3 tidak terpasang.",
                hint="pip install boto3 (dependensi SIZI), lalu mulai ulang.",
                id="sizi.E001",
            )
        ]
    return []


@register(Tags.files, deploy=True)
def check_shared_storage(**kwargs: Any) -> list[CheckMessage]:
    """Several app servers must share where files are stored."""
    if (
        several_servers()
        and _storage_backend() == LOCAL_BACKEND
        and not settings.PRIVATE_MEDIA_SHARED
    ):
        return [
            Warning(
                "Beberapa server aplikasi (REDIS_URL/RQ) tetapi berkas disimpan di "
                "disk mesin ini: unggahan dan pratinjau dari satu server tidak "
                "terbaca di server lain.",
                hint=(
                    "Set S3_BUCKET (penyimpanan S3-compatible), atau "
                    "PRIVATE_MEDIA_SHARED=1 bila PRIVATE_MEDIA_ROOT adalah folder "
                    "bersama semua server. Lihat docs/scale-out.md."
                ),
                id="sizi.W002",
            )
        ]
    return []
