"""Shared set-up of the benchmarks: a scratch SQLite database and a generated
national unit tree (KPU RI, 34 provinces, regencies). Not a benchmark itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def setup_django(work: Path) -> None:
    """Set Django up on a fresh SQLite database in `work` and migrate it."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sizi.settings",
            "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "DEBUG": "1",
            "SIZI_TESTING": "1",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_national_tree(units_below: int) -> tuple[Any, list[Any], list[Any]]:
    """Create the levels and `units_below` units under KPU RI; return (root, provinces, regencies)."""
    from sizi.units.models import Unit, UnitLevel

    national = UnitLevel.objects.create(code="nasional", name="KPU RI", rank=0)
    province = UnitLevel.objects.create(code="provinsi", name="KPU Provinsi", rank=1)
    regency = UnitLevel.objects.create(
        code="kabkota", name="KPU Kabupaten/Kota", rank=2, needs_preliminary_review=True
    )
    root = Unit.objects.create(
        code="kpu-ri", name="KPU RI", level=national, path="kpu-ri/"
    )
    provinces = Unit.objects.bulk_create(
        Unit(
            code=f"kpu-p{i:02d}",
            name=f"KPU Provinsi {i:02d}",
            level=province,
            parent=root,
            path=f"kpu-ri/kpu-p{i:02d}/",
        )
        for i in range(34)
    )
    regencies = Unit.objects.bulk_create(
        Unit(
            code=f"kpu-k{i:03d}",
            name=f"KPU Kabupaten {i:03d}",
            level=regency,
            parent=provinces[i % 34],
            path=f"{provinces[i % 34].path}kpu-k{i:03d}/",
        )
        for i in range(max(0, units_below - 34))
    )
    return root, provinces, regencies
