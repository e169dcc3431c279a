"""One archive holds a whole SIZI instance: its database rows and its stored files.

``write_backup`` serialises every model's rows (Django's JSON serializer, so an
archive made on SQLite restores on PostgreSQL and back) and every file a
``FileField`` points to, with a manifest of SHA-256s. ``restore_backup`` checks
the whole archive first (manifest, hashes, the migration state of the target),
refuses a target that already holds data, then loads everything in one
transaction and writes the files; a failure leaves the target as it was.

Content types, permissions and sessions are not copied: a migrated instance
has its own, and rows refer to them by natural key. The audit log keeps its
plain ids (its actor and unit may name deleted rows on purpose).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "sizi-backup/1"
MANIFEST = "manifest.json"
SKIPPED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
#: Rows that prove an instance is not empty.
OCCUPANT_MODELS = ("units.unit", "units.user")


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class BackupSummary:
    """What an archive holds: rows per model and files with their sizes."""

    created_at: str
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _models_in_order() -> list[type[models.Model]]:
    configs = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(configs, allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in SKIPPED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]


def _natural_foreign(model: type[models.Model]) -> bool:
    # A reference without a database constraint may name a deleted row (the
    # audit log's actor): such rows keep plain ids, which need no lookup.
    return all(
        getattr(f, "db_constraint", True)
        for f in model._meta.fields
        if isinstance(f, models.ForeignKey)
    )


def _migration_state() -> dict[str, str]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    leaves: dict[str, str] = {}
    for app_label, name in loader.applied_migrations:
        leaves[app_label] = max(leaves.get(app_label, ""), name)
    return dict(sorted(leaves.items()))


def _stored_file_names() -> Iterator[str]:
    seen: set[str] = set()
    for model in _models_in_order():
        for f in model._meta.fields:
            if not isinstance(f, models.FileField):
                continue
            names = model._base_manager.exclude(**{f.name: ""}).values_list(
                f.name, flat=True
            )
            for name in names.iterator():
                if name and name not in seen:
                    seen.add(name)
                    yield name


def write_backup(target: IO[bytes]) -> BackupSummary:
    """Write the instance into ``target`` as one ZIP archive; return its summary."""
    summary = BackupSummary(created_at=timezone.now().isoformat())
    entries: dict[str, str] = {}
    order: list[str] = []
    with (
        transaction.atomic(),
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
    ):
        if connection.vendor == "postgresql":
            # One snapshot for every table (SQLite's transaction already is one).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in _models_in_order():
            label = model._meta.label_lower
            rows = model._base_manager.order_by("pk")
            buffer = io.StringIO()
            serializers.serialize(
                "json",
                rows.iterator(),
                use_natural_foreign_keys=_natural_foreign(model),
                stream=buffer,
            )
            data = buffer.getvalue().encode()
            member = f"database/{label}.json"
            archive.writestr(member, data)
            entries[member] = _sha256(data)
            order.append(label)
            summary.rows[label] = rows.count()
        for name in _stored_file_names():
            if not default_storage.exists(name):
                raise BackupError(f"Berkas tersimpan «{name}» tidak ditemukan.")
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
            member = f"files/{name}"
            archive.writestr(member, data)
            entries[member] = _sha256(data)
            summary.files += 1
            summary.file_bytes += len(data)
        manifest = {
            "format": FORMAT,
            "created_at": summary.created_at,
            "database_vendor": connection.vendor,
            "migrations": _migration_state(),
            "models": order,
            "rows": summary.rows,
            "sha256": entries,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return summary


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError("Arsip tidak memuat manifest.json yang sah.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Arsip bukan cadangan SIZI ({FORMAT}).")
    return manifest


def _check_archive(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    expected: dict[str, str] = manifest.get("sha256", {})
    members = set(archive.namelist()) - {MANIFEST}
    extra = sorted(members - set(expected))
    missing = sorted(set(expected) - members)
    if extra or missing:
        raise BackupError(
            "Isi arsip tidak sesuai manifest: "
            + "; ".join(
                [f"tidak tercatat: {', '.join(extra)}"] * bool(extra)
                + [f"hilang: {', '.join(missing)}"] * bool(missing)
            )
        )
    for member, digest in expected.items():
        if member.startswith("/") or ".." in Path(member).parts:
            raise BackupError(f"Nama anggota arsip tidak aman: «{member}».")
        if _sha256(archive.read(member)) != digest:
            raise BackupError(f"SHA-256 «{member}» tidak cocok dengan manifest.")
    here = _migration_state()
    if manifest.get("migrations") != here:
        differ = sorted(
            label
            for label in set(here) | set(manifest.get("migrations", {}))
            if here.get(label) != manifest.get("migrations", {}).get(label)
        )
        raise BackupError(
            "Versi skema basis data berbeda dengan arsip (aplikasi: "
            f"{', '.join(differ)}). Pasang versi SIZI yang sama, jalankan migrate, "
            "lalu pulihkan."
        )


def _require_empty() -> None:
    for label in OCCUPANT_MODELS:
        if apps.get_model(label)._base_manager.exists():
            raise BackupError(
                "Instans tujuan tidak kosong (sudah ada unit atau akun). Pemulihan "
                "hanya dilakukan ke instans baru yang sudah dimigrasi."
            )


def _load_rows(archive: zipfile.ZipFile, labels: list[str]) -> dict[str, int]:
    loaded: dict[str, int] = {}
    touched: set[type[models.Model]] = set()
    with connection.constraint_checks_disabled():
        for label in labels:
            data = archive.read(f"database/{label}.json").decode()
            count = 0
            for obj in serializers.deserialize(
                "json", data, using=DEFAULT_DB_ALIAS, handle_forward_references=True
            ):
                obj.save(using=DEFAULT_DB_ALIAS)
                touched.add(type(obj.object))
                count += 1
            loaded[label] = count
    connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    statements = connection.ops.sequence_reset_sql(no_style(), list(touched))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return loaded


def restore_backup(source: IO[bytes]) -> BackupSummary:
    """Rebuild an empty, migrated instance from an archive; all or nothing."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise BackupError("Berkas bukan arsip ZIP yang sah.") from exc
    with archive:
        manifest = _read_manifest(archive)
        _check_archive(archive, manifest)
        _require_empty()
        summary = BackupSummary(created_at=str(manifest.get("created_at", "")))
        written: list[str] = []
        try:
            with transaction.atomic():
                summary.rows = _load_rows(archive, list(manifest["models"]))
                for member in manifest["sha256"]:
                    if not member.startswith("files/"):
                        continue
                    name = member.removeprefix("files/")
                    if default_storage.exists(name):
                        raise BackupError(f"Berkas «{name}» sudah ada di penyimpanan.")
                    data = archive.read(member)
                    saved = default_storage.save(name, ContentFile(data))
                    written.append(saved)
                    if saved != name:
                        raise BackupError(f"Penyimpanan menamai ulang «{name}».")
                    summary.files += 1
                    summary.file_bytes += len(data)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return summary
