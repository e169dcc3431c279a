"""The submission pack: a ZIP of a unit's verified evidence for one plan year.

Folders follow the plan: area / component / indicator. An item supporting
several steps is stored once, in the folder of its first step in plan order;
the index lists every item it supports. Verified items linked to no step of
any plan, dated in the pack's year, go under "Lainnya". Links have no file and
appear in the index only.

The ZIP is written to a file object entry by entry, each file copied from
storage in 1 MB chunks (and its SHA-256 recomputed on the way), so memory stays
flat however large the pack is. `index.html` and `index.xlsx` are added last.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook

from sizi.core.spreadsheets import text_value
from sizi.evidence.models import Evidence
from sizi.plans.codes import coded_label, component_code
from sizi.plans.models import ActionPlan, ActionStep, Indicator
from sizi.units.models import Unit

CHUNK_SIZE = 1024 * 1024
OTHER_FOLDER = "Lainnya"
FOLDER_LIMIT = 60
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


def safe_segment(text: str, limit: int = FOLDER_LIMIT) -> str:
    """Return `text` as one portable path segment (no separators, no control chars)."""
    cleaned = _UNSAFE.sub("_", " ".join(text.split()))[:limit].strip(" .")
    return cleaned or "_"


def folder_segment(code: str, text: str, limit: int = FOLDER_LIMIT) -> str:
    """Return a folder name: the code, then the text cut after a whole word
    ("I.1 Penyusunan rencana kerja …"), portable and at most `limit` long."""
    return safe_segment(coded_label(code, _UNSAFE.sub("_", text), limit), limit)


@dataclass
class PackItem:
    """One evidence item in the pack: where its file goes and what it supports."""

    evidence: Evidence
    path: str
    supports: list[str]
    sha256_ok: bool | None = None


@dataclass
class PackResult:
    """What was written: the items, and any stored file missing or changed."""

    items: list[PackItem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    total_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched


def _step_key(step: ActionStep) -> tuple[int, int, int, int, int]:
    indicator = step.indicator
    component = indicator.component
    return (component.area.order, component.order, indicator.order, step.order, step.pk)


def indicator_positions(plan: ActionPlan) -> dict[int, int]:
    """Return each indicator's position (from 1) within its komponen, in one query."""
    positions: dict[int, int] = {}
    counts: dict[int, int] = {}
    rows = (
        Indicator.objects.filter(component__area__plan=plan)
        .order_by("component_id", "order", "pk")
        .values_list("pk", "component_id")
    )
    for pk, component_id in rows:
        counts[component_id] = counts.get(component_id, 0) + 1
        positions[pk] = counts[component_id]
    return positions


def _folder(step: ActionStep, positions: dict[int, int]) -> str:
    indicator = step.indicator
    component = indicator.component
    area = component.area
    code = component_code(component)
    number = positions.get(indicator.pk, indicator.order + 1)
    return "/".join(
        [
            folder_segment(f"{area.numeral}.", area.title),
            folder_segment(code, component.name),
            folder_segment(f"{code}.{number}", indicator.text),
        ]
    )


def _describe(step: ActionStep) -> str:
    area = step.indicator.component.area
    return f"{area.numeral} › {step.indicator.text[:80]} › {step.text[:120]}"


def collect_items(unit: Unit, year: int) -> list[PackItem]:
    """Return the verified evidence of `unit` that belongs in the pack of `year`."""
    plan = ActionPlan.objects.filter(unit=unit, year=year).first()
    positions = indicator_positions(plan) if plan else {}
    steps = ActionStep.objects.select_related("indicator__component__area__plan")
    evidence = (
        Evidence.objects.for_unit(unit)
        .verified()
        .select_related("current_revision", "unit")
        .prefetch_related(Prefetch("action_steps", queryset=steps))
        .order_by("pk")
    )
    items: list[PackItem] = []
    for item in evidence:
        linked = list(item.action_steps.all())
        in_plan = sorted(
            (
                s
                for s in linked
                if plan and s.indicator.component.area.plan_id == plan.pk
            ),
            key=_step_key,
        )
        if in_plan:
            folder = _folder(in_plan[0], positions)
        elif not linked and item.document_date.year == year:
            folder = OTHER_FOLDER
        else:
            continue
        path = ""
        if item.is_file and item.current_revision is not None:
            name = safe_segment(item.current_revision.original_name, 120)
            path = f"{folder}/E{item.pk:05d} {name}"
        items.append(PackItem(item, path, [_describe(s) for s in in_plan]))
    return items


def _copy_into(archive: zipfile.ZipFile, item: PackItem, result: PackResult) -> None:
    revision = item.evidence.current_revision
    if revision is None:
        return
    local = timezone.localtime(revision.uploaded_at)
    info = zipfile.ZipInfo(item.path, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.file_size = revision.size
    digest = hashlib.sha256()
    try:
        source = default_storage.open(revision.file.name, "rb")
    except FileNotFoundError:
        result.missing.append(item.path)
        item.path = ""
        return
    with source, archive.open(info, "w", force_zip64=revision.size > 2**31) as target:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            target.write(chunk)
            result.total_bytes += len(chunk)
    item.sha256_ok = digest.hexdigest() == revision.sha256
    if not item.sha256_ok:
        result.mismatched.append(item.path)


INDEX_COLUMNS = [
    "No",
    "Judul",
    "Lokasi dalam paket",
    "Nama berkas asli",
    "Revisi",
    "Ukuran (bita)",
    "SHA-256",
    "Tanggal dokumen",
    "Status",
    "Tautan",
    "Mendukung",
    "Cek integritas",
]


def _index_row(number: int, item: PackItem) -> list[Any]:
    ev = item.evidence
    rev = ev.current_revision
    check = {
        True: "cocok",
        False: "TIDAK COCOK",
        None: "-" if not ev.is_file else "berkas hilang",
    }
    return [
        number,
        ev.title,
        item.path,
        rev.original_name if rev else "",
        rev.number if rev else "",
        rev.size if rev else "",
        rev.sha256 if rev else "",
        ev.document_date,
        ev.get_status_display(),
        ev.url,
        "; ".join(item.supports) or OTHER_FOLDER,
        check[item.sha256_ok],
    ]


def _write_indexes(
    archive: zipfile.ZipFile, unit: Unit, year: int, items: list[PackItem]
) -> None:
    rows = [_index_row(n, item) for n, item in enumerate(items, start=1)]
    html = render_to_string(
        "evidence/pack_index.html",
        {
            "unit": unit,
            "year": year,
            "columns": INDEX_COLUMNS,
            "rows": rows,
            "generated_at": timezone.localtime(),
        },
    )
    archive.writestr("index.html", html, compress_type=zipfile.ZIP_DEFLATED)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Indeks bukti")
    sheet.append([text_value(sheet, f"Paket bukti fisik {unit.name} tahun {year}")])
    sheet.append(INDEX_COLUMNS)
    for row in rows:
        sheet.append([text_value(sheet, value) for value in row])
    with tempfile.TemporaryFile() as xlsx:
        workbook.save(xlsx)
        xlsx.seek(0)
        with archive.open("index.xlsx", "w") as target:
            while chunk := xlsx.read(CHUNK_SIZE):
                target.write(chunk)


def _silent(percent: int, note: str) -> None:
    """Report nothing (the synchronous command)."""


def write_pack(
    unit: Unit,
    year: int,
    out: IO[bytes],
    *,
    progress: Callable[[int, str], None] = _silent,
) -> PackResult:
    """Write the pack ZIP of `unit` for `year` into the binary file `out`.

    `progress(percent, note)` hears of each file copied (a background job).
    """
    result = PackResult(items=collect_items(unit, year))
    files = [item for item in result.items if item.path]
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for number, item in enumerate(files, start=1):
            progress(5 + 85 * (number - 1) // len(files), _file_note(number, files))
            _copy_into(archive, item, result)
        progress(92, "Menyusun indeks")
        _write_indexes(archive, unit, year, result.items)
    return result


def _file_note(number: int, files: list[PackItem]) -> str:
    return f"Berkas {number} dari {len(files)}: {files[number - 1].path[-120:]}"


def pack_filename(unit: Unit, year: int, now: datetime | None = None) -> str:
    """Return the download name of a pack, e.g. bukti-kpu-tanjabbar-2025-20260130.zip."""
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d")
    return f"bukti-{unit.code}-{year}-{stamp}.zip"
