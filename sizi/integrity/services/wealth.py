"""LHKPN / LHKASN compliance register: every write, atomic, validated and audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.integrity.export.tables import TableDocument, render
from sizi.integrity.models import WealthReportCompliance
from sizi.integrity.queries import wealth_summary
from sizi.units.models import Unit, User

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sizi.plans.models import ActionStep

EDITABLE = ["obligation", "category", "reported_on", "receipt_number", "note"]
QUESTIONS = ("R.5.iii.a", "R.5.iii.b")


@transaction.atomic
def add_members(unit: Unit, year: int, *, by: User) -> int:
    """List every member of the unit not yet in the year's register.

    A person already listed in the previous year keeps last year's obligation
    and group; a new person starts as wajib LHKASN, fungsional dan pelaksana.
    """
    listed = set(
        WealthReportCompliance.objects.filter(unit=unit, year=year).values_list(
            "user_id", flat=True
        )
    )
    last_year = {
        row.user_id: row
        for row in WealthReportCompliance.objects.filter(unit=unit, year=year - 1)
    }
    members = (
        User.objects.filter(memberships__unit=unit, is_active=True)
        .exclude(pk__in=listed)
        .distinct()
    )
    added = []
    for user in members:
        previous = last_year.get(user.pk)
        row = WealthReportCompliance(unit=unit, year=year, user=user)
        if previous is not None:
            row.obligation, row.category = previous.obligation, previous.category
        row.full_clean()
        added.append(row)
    WealthReportCompliance.objects.bulk_create(added)
    if added:
        audit.record(
            by,
            "integrity.wealth_members_added",
            None,
            unit=unit,
            year=year,
            people=sorted(r.user.get_username() for r in added),
        )
    return len(added)


@transaction.atomic
def update_entry(entry: WealthReportCompliance, *, by: User, **values: Any) -> None:
    """Change a person's obligation, group or report (date and receipt number)."""
    before = audit.snapshot(entry, EDITABLE)
    for name in EDITABLE:
        if name in values:
            setattr(entry, name, values[name])
    if entry.reported_on and entry.reported_on > timezone.localdate():
        raise ValidationError(
            {"reported_on": "Tanggal lapor tidak boleh sesudah hari ini."}
        )
    entry.full_clean()
    entry.save()
    changes = audit.diff(before, audit.snapshot(entry, EDITABLE))
    if changes:
        audit.record(
            by,
            "integrity.wealth_entry_updated",
            entry,
            unit=entry.unit,
            changes=changes,
        )


@transaction.atomic
def remove_entry(entry: WealthReportCompliance, *, by: User) -> None:
    """Take a person off the year's register (moved, retired)."""
    audit.record(by, "integrity.wealth_entry_removed", entry, unit=entry.unit)
    entry.delete()


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else "—"


def wealth_document(unit: Unit, year: int) -> TableDocument:
    """The year's register as a table document with the percentages."""
    rows: Sequence[WealthReportCompliance] = list(
        WealthReportCompliance.objects.filter(unit=unit, year=year).select_related(
            "user"
        )
    )
    summary = wealth_summary(unit, year)
    after = [
        f"LHKPN: {summary.lhkpn.reported} dari {summary.lhkpn.required} sudah melapor"
        f" ({summary.lhkpn.percent if summary.lhkpn.percent is not None else '—'} %).",
        f"LHKASN: {summary.lhkasn.reported} dari {summary.lhkasn.required} sudah melapor"
        f" ({summary.lhkasn.percent if summary.lhkasn.percent is not None else '—'} %).",
    ]
    return TableDocument(
        title=f"Rekapitulasi Kepatuhan LHKPN dan LHKASN Tahun {year}",
        lines=[unit.name],
        headers=[
            "No",
            "Nama",
            "Jabatan",
            "Kewajiban",
            "Kelompok",
            "Tanggal lapor",
            "Nomor tanda terima",
        ],  # fmt: skip
        rows=[
            [
                index,
                row.user.get_full_name() or row.user.get_username(),
                row.user.position,
                row.get_obligation_display(),
                row.get_category_display(),
                _day(row.reported_on),
                row.receipt_number or "—",
            ]
            for index, row in enumerate(rows, 1)
        ],
        after=after,
        widths=[5, 28, 24, 16, 30, 16, 22],
        landscape=True,
        sheet_title=f"LHKPN LHKASN {year}",
    )


def file_wealth_recap(
    unit: Unit, *, year: int, fmt: str, by: User, steps: Sequence[ActionStep] = ()
) -> Evidence:
    """File the year's compliance recap as bukti fisik (R.5.iii.a/b)."""
    fmt = "xlsx" if fmt == "xlsx" else "pdf"
    document = GeneratedDocument(
        source=f"integrity.wealth_recap:{year}:{fmt}",
        title=f"Rekapitulasi kepatuhan LHKPN/LHKASN {year}",
        filename=f"kepatuhan-lhkpn-lhkasn-{unit.code}-{year}.{fmt}",
        content=render(wealth_document(unit, year), fmt),
        document_date=timezone.localdate(),
        period=str(year),
        questions=QUESTIONS,
    )
    return file_generated_document(unit, document, by=by, steps=steps)
