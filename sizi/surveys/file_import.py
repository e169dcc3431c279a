"""Import an export file into a period: check the file, map, preview, then store.

Shared by the import pages and `manage.py survey_import`. The file is checked
by name, size and content (an XLSX must be a safe ZIP with a workbook inside;
anything else must be CSV text), read by the pure `importing` package against
the period's instrument, layanan and extra questions, and stored by
`services.import_responses` in one transaction, all rows or none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.evidence.validation import check_name
from sizi.surveys import services
from sizi.surveys.importing import ImportProblem
from sizi.surveys.importing.columns import (
    SERVICE,
    Layout,
    detect_layout,
    layout_problems,
    target_choices,
)
from sizi.surveys.importing.rows import ReadRows, RowContext, read_rows, service_lookup
from sizi.surveys.importing.table import ZIP_MAGIC, read_table
from sizi.surveys.models import ResponseImport, ServiceType, SurveyPeriod, UnitQuestion
from sizi.units.models import User

MAX_IMPORT_SIZE = 5 * 1024 * 1024
# Uploads wait here between the import steps (purge_survey_imports removes stale ones).
IMPORTS_DIR = "survey-imports"


@dataclass(frozen=True)
class PreparedImport:
    """A file read and mapped against a period; `rows` are ready to store."""

    filename: str
    sha256: str
    layout: Layout
    rows: ReadRows
    choices: tuple[tuple[str, str], ...]
    default_service: int | None

    @property
    def mapping(self) -> dict[str, str]:
        return self.layout.as_mapping()


def check_file(name: str, data: bytes) -> str:
    """Return the safe file name; raise ValidationError for a refused file."""
    name = check_name(name)
    if not data:
        raise ValidationError(f"Berkas «{name}» kosong (0 bita).")
    if len(data) > MAX_IMPORT_SIZE:
        raise ValidationError(
            f"Berkas «{name}» berukuran {filesizeformat(len(data))}, melebihi batas "
            f"{filesizeformat(MAX_IMPORT_SIZE)}."
        )
    if data.startswith(ZIP_MAGIC):
        limits = ArchiveLimits(
            max_entries=settings.EVIDENCE_MAX_ARCHIVE_ENTRIES,
            max_uncompressed=settings.EVIDENCE_MAX_UNCOMPRESSED_SIZE,
            max_ratio=settings.EVIDENCE_MAX_COMPRESSION_RATIO,
        )
        try:
            entries = inspect_zip(data, name=name, size=len(data), limits=limits)
        except UnsafeArchive as error:
            raise ValidationError(str(error)) from error
        if not any(entry.startswith("xl/") for entry in entries):
            raise ValidationError(f"Isi berkas «{name}» bukan lembar kerja XLSX.")
    elif not name.lower().endswith((".csv", ".txt")):
        raise ValidationError(
            f"Berkas «{name}» bukan CSV atau XLSX (unggah ekspor Google Forms atau lembar kerja)."
        )
    return name


def _extra_questions(period: SurveyPeriod) -> list[UnitQuestion]:
    return list(
        UnitQuestion.objects.filter(unit_id=period.unit_id, is_active=True).filter(
            instrument_code__in=["", period.instrument.code]
        )
    )


def _context(
    period: SurveyPeriod, extra: list[UnitQuestion], default_service: int | None
) -> tuple[RowContext, bool]:
    allowed = services.allowed_service_ids(period)
    known = ServiceType.objects.filter(pk__in=allowed).values_list("pk", "code", "name")
    if default_service is None and len(allowed) == 1:
        default_service = next(iter(allowed))
    if default_service is not None and default_service not in allowed:
        raise ValidationError("Layanan bawaan bukan layanan periode ini.")
    context = RowContext(
        services=service_lookup(list(known)),
        default_service=default_service,
        extra_options={q.code: list(q.options) for q in extra},
    )
    return context, bool(allowed) and default_service is None


def prepare_import(
    period: SurveyPeriod,
    *,
    filename: str,
    data: bytes,
    overrides: Mapping[str, str] | None = None,
    default_service: int | None = None,
) -> PreparedImport:
    """Read and check the whole file against the period; raise ImportProblem if refused."""
    name = check_file(filename, data)
    instrument = services.instrument_of(period)
    extra = _extra_questions(period)
    extra_pairs = [(q.code, q.text) for q in extra]
    table = read_table(name, data)
    layout = detect_layout(table, instrument, extra=extra_pairs, overrides=overrides)
    context, needs_service = _context(period, extra, default_service)
    missing = layout_problems(layout, instrument, needs_service=needs_service)
    if missing:
        raise ImportProblem(missing)
    if layout.column_for(SERVICE) is None and needs_service:
        raise ImportProblem(["Tentukan kolom jenis layanan atau layanan bawaan."])
    rows = read_rows(table, layout, instrument, context)
    return PreparedImport(
        filename=name,
        sha256=hashlib.sha256(data).hexdigest(),
        layout=layout,
        rows=rows,
        choices=tuple(target_choices(instrument, extra_pairs)),
        default_service=context.default_service,
    )


def store_import(
    period: SurveyPeriod, prepared: PreparedImport, *, by: User | None
) -> ResponseImport:
    """Store the prepared rows (all or none); raise ValidationError if refused."""
    return services.import_responses(
        period,
        prepared.rows.rows,
        source=services.ImportSource(
            filename=prepared.filename,
            sha256=prepared.sha256,
            mapping=prepared.mapping,
        ),
        by=by,
    )
