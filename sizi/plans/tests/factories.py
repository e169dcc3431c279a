"""Factories for plans, and a builder of parsed decrees for import tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from sizi.plans.importing.parsed import (
    ParsedArea,
    ParsedComponent,
    ParsedDecree,
    ParsedIndicator,
    ParsedPlan,
)
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    Component,
    ExpectedEvidence,
    Indicator,
)
from sizi.plans.target_time import TargetTime
from sizi.units.tests.factories import UnitFactory


class ActionPlanFactory(factory.django.DjangoModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    unit = factory.SubFactory(UnitFactory)
    year = 2025
    number = "42"
    title = "Rencana Aksi Pembangunan Zona Integritas"
    signed_on = date(2025, 10, 27)
    place = "Kuala Tungkal"
    signatory = "MUHAMMAD RUM"
    signatory_title = "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT"


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area

    plan = factory.SubFactory(ActionPlanFactory)
    numeral = "I"
    title = "Manajemen Perubahan"
    lke_area = "MP"
    order = factory.Sequence(lambda n: n)


class ComponentFactory(factory.django.DjangoModelFactory[Component]):
    class Meta:
        model = Component

    area = factory.SubFactory(AreaFactory)
    number = "1"
    name = factory.Sequence(lambda n: f"Komponen {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory[Indicator]):
    class Meta:
        model = Indicator

    component = factory.SubFactory(ComponentFactory)
    text = factory.Sequence(lambda n: f"Indikator {n}")
    order = factory.Sequence(lambda n: n)
    target_raw = "Oktober 2025"
    target_kind = "month"
    target_start = date(2025, 10, 1)
    target_end = date(2025, 10, 31)
    target_periods = [["2025-10-01", "2025-10-31"]]


class ExpectedEvidenceFactory(factory.django.DjangoModelFactory[ExpectedEvidence]):
    class Meta:
        model = ExpectedEvidence

    indicator = factory.SubFactory(IndicatorFactory)
    text = factory.Sequence(lambda n: f"Bukti {n}")


class ActionStepFactory(factory.django.DjangoModelFactory[ActionStep]):
    class Meta:
        model = ActionStep

    indicator = factory.SubFactory(IndicatorFactory)
    text = factory.Sequence(lambda n: f"Langkah {n}")
    order = factory.Sequence(lambda n: n)


def build_plan(unit: Any, *, steps: int, year: int = 2025) -> ActionPlan:
    """Create a plan of two areas whose indicators hold `steps` steps in total."""
    plan = ActionPlanFactory(unit=unit, year=year)
    areas = [
        AreaFactory(
            plan=plan, numeral="I", title="Manajemen Perubahan", lke_area="MP", order=0
        ),
        AreaFactory(
            plan=plan,
            numeral="II",
            title="Penataan Tata Laksana",
            lke_area="PT",
            order=1,
        ),
    ]
    for n in range(steps):
        area = areas[n % 2]
        comp = ComponentFactory(area=area, order=n)
        month = n % 12 + 1
        ind = IndicatorFactory(
            component=comp,
            order=0,
            target_start=date(year, month, 1),
            target_end=date(year, month, 28),
            target_raw=f"bulan {month} {year}",
        )
        ExpectedEvidenceFactory(indicator=ind)
        ActionStepFactory(indicator=ind, order=0)
    return plan


def target(raw: str, start: date | None, end: date | None, **kw: Any) -> TargetTime:
    periods = ((start, end),) if start and end else ()
    return TargetTime(
        raw=raw,
        kind=kw.pop("kind", "month"),
        start=start,
        end=end,
        periods=periods,
        **kw,
    )


def parsed_plan(**changes: Any) -> ParsedPlan:
    """Return a small parsed decree: 2 areas, 3 components, 4 indicators, 5 steps."""
    oct_ = target("Oktober 2025", date(2025, 10, 1), date(2025, 10, 31))
    jan = target("Januari 2025", date(2025, 1, 1), date(2025, 1, 31))
    areas = [
        ParsedArea(
            "I",
            "Pembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM KPU",
            "MP",
            [
                ParsedComponent(
                    "1",
                    "Tim Kerja",
                    [
                        ParsedIndicator(
                            "Menerbitkan SK Tim Kerja/Kelompok Kerja",
                            ["Mengevaluasi anggota Tim Kerja"],
                            ["SK Tim Kerja ZI tahun 2025"],
                            target(
                                "Oktober minggu ke-2 tahun 2025",
                                date(2025, 10, 8),
                                date(2025, 10, 14),
                                kind="week",
                            ),
                            "baris 204",
                        )
                    ],
                ),
                ParsedComponent(
                    "2",
                    "Dokumen Rencana Aksi",
                    [
                        ParsedIndicator(
                            "Dokumen Rencana Aksi telah disusun",
                            ["Penyusunan dokumen", "Sosialisasi dokumen"],
                            ["Dokumen rencana aksi", "Foto rapat"],
                            oct_,
                            "baris 205",
                        )
                    ],
                ),
            ],
        ),
        ParsedArea(
            "II",
            "PENATAAN TATA LAKSANA",
            "PT",
            [
                ParsedComponent(
                    "1",
                    "Prosedur Operasional Tetap (SOP)",
                    [
                        ParsedIndicator(
                            "SOP telah dievaluasi",
                            ["Evaluasi SOP"],
                            ["E-Banner SOP"],
                            oct_,
                            "baris 222",
                        ),
                        ParsedIndicator(
                            "Laporan kinerja tepat waktu",
                            ["Menyusun LAKIP 2024"],
                            ["LAKIP"],
                            jan,
                            "baris 230",
                        ),
                    ],
                )
            ],
        ),
    ]
    decree = ParsedDecree(
        number="42",
        year=2025,
        title="RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN 2025",
        signed_on=date(2025, 10, 27),
        place="Kuala Tungkal",
        signatory="MUHAMMAD RUM",
        signatory_title="KETUA KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT,",
        legal_basis=["Undang-Undang Nomor 28 Tahun 1999"],
    )
    plan = ParsedPlan(decree=decree, areas=areas, source_format="text")
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan
