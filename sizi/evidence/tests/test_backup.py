"""backup and restore: an archive rebuilds an empty instance exactly, or nothing."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from sizi.core.backup import BackupError, restore_backup, write_backup
from sizi.core.models import AuditEvent
from sizi.evidence import services
from sizi.evidence.tests.conftest import incoming, pdf
from sizi.units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _database_members(archive_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("database/")
        }


def _backup() -> bytes:
    target = io.BytesIO()
    write_backup(target)
    return target.getvalue()


def _empty_instance() -> None:
    for name in list(_stored_names()):
        default_storage.delete(name)
    call_command("flush", interactive=False, verbosity=0)


def _stored_names() -> list[str]:
    from sizi.evidence.models import EvidenceRevision

    return [r.file.name for r in EvidenceRevision.objects.all()]


@pytest.fixture
def filled(tree, alice, bob):
    [evidence] = services.upload_evidence(
        tree["tanjabbar"],
        [incoming("sk-tim.pdf", pdf("SK Tim ZI"))],
        services.EvidenceData("SK Tim ZI", date(2025, 1, 6)),
        by=bob,
        submit=True,
    )
    services.add_revision(evidence, incoming("sk-tim-2.pdf", pdf("SK v2")), by=bob)
    return evidence


def test_a_backup_restores_every_row_and_file_exactly(filled):
    archive = _backup()
    files_before = {n: default_storage.open(n).read() for n in _stored_names()}
    events_before = AuditEvent.objects.count()
    _empty_instance()
    assert Unit.objects.count() == 0

    summary = restore_backup(io.BytesIO(archive))

    assert summary.files == 2
    assert AuditEvent.objects.count() == events_before
    assert {n: default_storage.open(n).read() for n in _stored_names()} == files_before
    assert _database_members(_backup()) == _database_members(archive)


def test_restore_refuses_an_instance_that_holds_data(filled):
    archive = _backup()
    with pytest.raises(BackupError, match="tidak kosong"):
        restore_backup(io.BytesIO(archive))


def test_a_tampered_archive_is_refused_before_anything_is_written(filled):
    archive = _backup()
    _empty_instance()
    forged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(forged, "w") as target,
    ):
        for name in source.namelist():
            data = source.read(name)
            if name == "database/units.unit.json":
                data = data.replace(b"Tanjung Jabung Barat", b"Tanjung Jabung Palsu")
            target.writestr(name, data)
    with pytest.raises(BackupError, match="SHA-256 «database/units.unit.json»"):
        restore_backup(io.BytesIO(forged.getvalue()))
    assert Unit.objects.count() == 0
    assert _stored_names() == []


def test_an_archive_of_another_schema_is_refused(filled):
    archive = _backup()
    _empty_instance()
    changed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(changed, "w") as target,
    ):
        for name in source.namelist():
            data = source.read(name)
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["evidence"] = "9999_future"
                data = json.dumps(manifest).encode()
            target.writestr(name, data)
    with pytest.raises(BackupError, match="skema basis data berbeda"):
        restore_backup(io.BytesIO(changed.getvalue()))
    assert Unit.objects.count() == 0


def test_the_commands_round_trip_and_refuse_bad_paths(filled, tmp_path):
    path = tmp_path / "sizi.zip"
    out = io.StringIO()
    call_command("backup", "-o", str(path), stdout=out)
    assert "Cadangan ditulis ke" in out.getvalue()
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("backup", "-o", str(path))
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("backup", "-o", str(tmp_path / "nope" / "x.zip"))
    _empty_instance()
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    assert "Dipulihkan dari cadangan" in out.getvalue()
    assert Unit.objects.filter(code="kpu-tanjabbar").exists()
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore", str(path))
