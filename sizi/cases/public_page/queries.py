"""Typed reads for the unit's public page: aggregates only, nothing personal."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from sizi.plans.models import ActionPlan, Area, LkeArea
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
    """Return the channels' public entry points that exist in this installation."""
    points = []
    for name, title, text in ENTRY_POINTS:
        try:
            url = reverse(name, kwargs={"code": unit.code})
        except NoReverseMatch:
            continue
        points.append(EntryPoint(title, text, url))
    return points


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


def _other_app_links(module: str, function: str, unit: Unit) -> list[PublicLink]:
    """Return links an app offers through ``module.function(unit)``, if it exists.

    The surveys app lives on another branch; this light check keeps the page
    working without it. The integrator connects it by giving surveys a
    ``sizi/surveys/public_links.py`` with ``public_links(unit)`` returning
    items with ``title`` and ``url``.
    """
    if not apps.is_installed(module.rsplit(".", 1)[0]):
        return []
    try:
        provider: Any = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        return []
    items: Iterable[Any] = provider(unit)
    return [PublicLink(str(item.title), str(item.url)) for item in items]


def survey_links(unit: Unit) -> list[PublicLink]:
    return _other_app_links("sizi.surveys.public_links", "public_links", unit)


def public_information(unit: Unit) -> list[Any]:
    """Return the unit's Daftar Informasi Publik rows (the PPID part of cases)."""
    try:
        module = importlib.import_module("sizi.cases.ppid.queries")
    except ImportError:
        return []
    rows: list[Any] = list(module.public_information(unit))
    return rows
