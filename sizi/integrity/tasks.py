"""Background tasks of the integrity app: its documents for "Unduhan saya".

The periodic UPG report, the LHKPN/LHKASN compliance recap, the SPIP risk
documents (register, RTP, Kartu Kendali), the conflict-of-interest matrix and a
statement campaign's recap, as PDF or XLSX. One task builds them all: the job's
``kind`` names the document, its params the unit, year and format. Filing them
as bukti fisik stays on request (``services``), as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django_tasks import task

from sizi.core import jobs
from sizi.core.models import Job
from sizi.integrity import queries
from sizi.integrity.export import risk_documents, upg_report
from sizi.integrity.export.tables import CONTENT_TYPES, render
from sizi.integrity.models import RiskRegister, StatementCampaign
from sizi.integrity.services import conflict, risk, wealth
from sizi.units.models import Unit, User

#: A built document: (file name, bytes).
Built = tuple[str, bytes]


def _upg(unit: Unit, fmt: str, params: dict[str, Any]) -> Built:
    when = queries.period(int(params["year"]), int(params.get("quarter") or 0))
    recap = queries.gratification_recap(unit, when)
    render_upg = upg_report.render_xlsx if fmt == "xlsx" else upg_report.render_pdf
    return (
        f"laporan-upg-{unit.code}-{when.code}.{fmt}",
        render_upg(recap, unit_name=unit.name),
    )


def _wealth(unit: Unit, fmt: str, params: dict[str, Any]) -> Built:
    year = int(params["year"])
    return (
        f"kepatuhan-lhkpn-lhkasn-{unit.code}-{year}.{fmt}",
        render(wealth.wealth_document(unit, year), fmt),
    )


def _risk(unit: Unit, fmt: str, params: dict[str, Any]) -> Built:
    year, kind = int(params["year"]), params.get("document", "")
    if kind not in risk.DOCUMENTS:
        raise jobs.JobFailed(f"Dokumen «{kind}» tidak dikenal.")
    register = RiskRegister.objects.filter(unit=unit, year=year).first()
    if register is None:
        raise jobs.JobFailed(f"Register risiko tahun {year} belum ada lagi.")
    return (
        f"{risk.DOCUMENTS[kind][1]}-{unit.code}-{year}.{fmt}",
        risk_documents.render_document(register, kind, fmt),
    )


def _conflict_map(unit: Unit, fmt: str, params: dict[str, Any]) -> Built:
    year = int(params["year"])
    return (
        f"matrik-benturan-kepentingan-{unit.code}-{year}.{fmt}",
        render(conflict.map_document(unit, year), fmt),
    )


def _campaign(unit: Unit, fmt: str, params: dict[str, Any]) -> Built:
    campaign = StatementCampaign.objects.filter(
        unit=unit, pk=int(params.get("campaign") or 0)
    ).first()
    if campaign is None:
        raise jobs.JobFailed("Kampanye pernyataan ini tidak ditemukan lagi.")
    return (
        f"pernyataan-{campaign.kind}-{campaign.year}.{fmt}",
        render(conflict.campaign_document(campaign), fmt),
    )


#: Job kind → builder of its document.
BUILDERS: dict[str, Callable[[Unit, str, dict[str, Any]], Built]] = {
    "integrity.upg_report": _upg,
    "integrity.wealth_recap": _wealth,
    "integrity.risk_document": _risk,
    "integrity.conflict_map": _conflict_map,
    "integrity.campaign_recap": _campaign,
}


@task()
def integrity_document_task(job_id: str) -> None:
    """Build the document the job's kind names (params: unit, format, …)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        build = BUILDERS.get(run.job.kind)
        if build is None:
            raise jobs.JobFailed("Jenis dokumen ini tidak dikenal.")
        unit = Unit.objects.filter(pk=int(run.params.get("unit") or 0)).first()
        if unit is None:
            raise jobs.JobFailed("Unit ini tidak ditemukan lagi. Dokumen dibatalkan.")
        fmt = run.params.get("format", "")
        if fmt not in CONTENT_TYPES:
            raise jobs.JobFailed(f"Format «{fmt}» tidak dikenal.")
        run.progress(10, f"Menyusun {fmt.upper()}")
        filename, content = build(unit, fmt, run.params)
        run.progress(90, "Menyimpan berkas")
        run.store(filename, CONTENT_TYPES[fmt], content)


def start_document(user: User, unit: Unit, kind: str, title: str, **params: Any) -> Job:
    """Queue one of the documents above for ``user`` (a view calls this)."""
    if kind not in BUILDERS:
        raise ValueError(kind)
    return jobs.start_job(
        integrity_document_task,
        by=user,
        unit=unit,
        kind=kind,
        title=f"{title} ({str(params.get('format', '')).upper()}) · {unit.name}",
        params={"unit": unit.pk, **params},
    )
