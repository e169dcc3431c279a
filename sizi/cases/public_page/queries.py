"""Typed reads for the unit's public page: aggregates only, nothing personal."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from sizi.cases.ppid import queries as ppid_queries
from sizi.cases.ppid.queries import PublicInformationRow
from sizi.plans.models import ActionPlan, Area, LkeArea
from sizi.surveys.public_links import public_links as surveys_public_links
from sizi.units.models import Unit


@dataclass(frozen=True)
class EntryPoint:
    """A public channel the citizen can use (a link with a short explanation)."""

    title: str
    text: str
    url: str


@dataclass(frozen=True)
class AreaProgress:
    label: str
    step_count: int
    done_count: int
    progress: int


@dataclass(frozen=True)
class PlanProgress:
    year: int
    areas: tuple[AreaProgress, ...]


@dataclass(frozen=True)
class PublicLink:
    """A link another app offers for the public page (open surveys, results)."""

    title: str
    url: str


# (URL name, title, explanation); a name not (yet) routed is left out.
ENTRY_POINTS = (
    (
        "cases:complaint_new",
        "Sampaikan pengaduan",
        "Keluhan atau saran atas layanan kami; boleh anonim atau rahasia.",
    ),
    (
        "cases:complaint_track",
        "Lacak pengaduan",
        "Ikuti tindak lanjut pengaduan Anda dengan kode pelacakan.",
    ),
    (
        "cases:info_request_new",
        "Ajukan permohonan informasi",
        "Permohonan informasi publik menurut UU 14/2008.",
    ),
    (
        "cases:info_request_track",
        "Lacak permohonan informasi",
        "Ikuti jawaban permohonan Anda dengan kode pelacakan.",
    ),
    (
        "cases:dip_public",
        "Daftar Informasi Publik",
        "Informasi yang wajib kami sediakan dan umumkan (UU 14/2008).",
    ),
    (
        "cases:wbs_submit",
        "Laporkan pelanggaran (WBS)",
        "Saluran rahasia untuk melaporkan korupsi, gratifikasi atau pelanggaran "
        "kode etik. Tanpa nama, tanpa alamat IP yang disimpan.",
    ),
    (
        "cases:wbs_login",
        "Buka laporan WBS saya",
        "Baca balasan penangan dan jawab pertanyaannya dengan kode tanda terima.",
    ),
)


def entry_points(unit: Unit) -> list[EntryPoint]:
    """Return the channels' public entry points."""
    return [
        EntryPoint(title, text, reverse(name, kwargs={"code": unit.code}))
        for name, title, text in ENTRY_POINTS
    ]


def plan_progress(unit: Unit) -> PlanProgress | None:
    """Return the latest Rencana Aksi's progress per area (counts and percentages)."""
    plan = ActionPlan.objects.filter(unit=unit).order_by("-year").first()
    if plan is None:
        return None
    labels = dict(LkeArea.choices)
    areas = Area.objects.filter(plan=plan).with_progress().order_by("order")
    return PlanProgress(
        plan.year,
        tuple(
            AreaProgress(
                f"{area.numeral}. {labels.get(area.lke_area, area.lke_area)}",
                area.step_count,  # type: ignore[attr-defined]
                area.done_count,  # type: ignore[attr-defined]
                round(area.progress_avg),  # type: ignore[attr-defined]
            )
            for area in areas
        ),
    )


def survey_links(unit: Unit) -> list[PublicLink]:
    """Return the unit's open survey forms and published survey results."""
    return [PublicLink(link.title, link.url) for link in surveys_public_links(unit)]


def public_information(unit: Unit) -> list[PublicInformationRow]:
    """Return the unit's Daftar Informasi Publik rows (the PPID part of cases)."""
    return ppid_queries.public_information(unit)
