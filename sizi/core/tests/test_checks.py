"""Deployment checks for one or several machines (`manage.py check --deploy`)."""

from __future__ import annotations

import importlib.util

from sizi.core import checks

S3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "b"}}
LOCAL = {"BACKEND": checks.LOCAL_BACKEND, "OPTIONS": {}}


def _ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_s3_storage_without_boto3_is_reported(settings, monkeypatch):
    settings.STORAGES = {**settings.STORAGES, "default": S3}
    assert checks.check_s3_library() == []  # boto3 is a dependency
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "boto3" else real(name, *a),
    )
    assert _ids(checks.check_s3_library()) == ["sizi.E001"]


def test_several_servers_with_local_files_are_warned(settings):
    settings.STORAGES = {**settings.STORAGES, "default": LOCAL}
    settings.REDIS_URL = ""
    settings.TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
    settings.PRIVATE_MEDIA_SHARED = False
    assert checks.check_shared_storage() == []  # the office PC: one machine
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert _ids(checks.check_shared_storage()) == ["sizi.W002"]
    settings.PRIVATE_MEDIA_SHARED = True  # a folder every server mounts
    assert checks.check_shared_storage() == []
    settings.PRIVATE_MEDIA_SHARED = False
    settings.STORAGES = {**settings.STORAGES, "default": S3}
    assert checks.check_shared_storage() == []
    settings.REDIS_URL = ""
    settings.TASKS_BACKEND = settings.RQ_BACKEND
    settings.STORAGES = {**settings.STORAGES, "default": LOCAL}
    assert _ids(checks.check_shared_storage()) == ["sizi.W002"]
