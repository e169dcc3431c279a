"""Writes of the public page: the coordinator's maklumat and standar pelayanan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from sizi.cases.public_page.models import PublicServiceInfo
from sizi.core.audit import diff, record, snapshot
from sizi.evidence.validation import check_upload
from sizi.units.models import Unit, User

TEXT_FIELDS = ["pledge_text", "standard_text"]


@dataclass(frozen=True)
class PublicFile:
    name: str
    fileobj: IO[bytes]


def info_for(unit: Unit) -> PublicServiceInfo | None:
    return PublicServiceInfo.objects.filter(unit=unit).first()


def _check_pdf(upload: PublicFile) -> None:
    checked = check_upload(upload.name, upload.fileobj)
    if checked.extension != "pdf":
        raise ValidationError(f"Berkas «{upload.name}» harus PDF.")


@transaction.atomic
def save_public_info(
    unit: Unit,
    *,
    by: User,
    pledge_text: str,
    standard_text: str,
    pledge_file: PublicFile | None = None,
    standard_file: PublicFile | None = None,
) -> PublicServiceInfo:
    """Write the unit's maklumat and standar pelayanan (text and/or PDF); audited."""
    info, _created = PublicServiceInfo.objects.select_for_update().get_or_create(
        unit=unit
    )
    before = snapshot(info, TEXT_FIELDS)
    info.pledge_text = pledge_text.strip()
    info.standard_text = standard_text.strip()
    info.updated_by = by
    changes = diff(before, snapshot(info, TEXT_FIELDS))
    for field, upload in (
        ("pledge_file", pledge_file),
        ("standard_file", standard_file),
    ):
        if upload is None:
            continue
        _check_pdf(upload)
        getattr(info, field).save(upload.name, File(upload.fileobj), save=False)
        changes[field] = ["", upload.name]
    if not changes and not _created:
        return info  # nothing changed: no write, no audit entry
    info.full_clean()
    info.save()
    record(by, "cases.public_info_saved", info, unit=unit, changes=changes)
    return info
