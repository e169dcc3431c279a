"""Benchmark of the Rencana Aksi import and exports on the seed decree.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/plans_bench.py [--repeat 5] [--scale 10]

Uses a throw-away SQLite database in a temporary folder. Measures, as the median
of --repeat runs: reading the seed decree (parse only), the first import into an
empty plan, a re-import of the same file (nothing changes), and the export to
DOCX, PDF and XLSX. With --scale N it also imports and exports a plan N times the
seed (every komponen repeated N times with numbered texts), to show how the
costs grow with the plan's size.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_0aa9eb4df12157a3.txt"
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def scaled(parsed: Any, factor: int) -> Any:
    big = copy.deepcopy(parsed)
    for area in big.areas:
        comps = []
        for n in range(factor):
            for comp in area.components:
                c = copy.deepcopy(comp)
                c.name = f"{c.name} ({n + 1})"
                for ind in c.indicators:
                    ind.text = f"{ind.text} ({n + 1})"
                comps.append(c)
        area.components = comps
    return big


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-plans-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sizi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sizi.plans import services
    from sizi.plans.export import export_plan
    from sizi.plans.importing import parse_decree
    from sizi.plans.models import ActionPlan, ActionStep
    from sizi.units.models import Unit, UnitLevel

    level = UnitLevel.objects.create(code="kab", name="KPU Kab", rank=0)
    unit = Unit.objects.create(
        code="kpu-bench", name="KPU Bench", level=level, path="kpu-bench/"
    )
    data = SEED.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    rows: list[tuple[str, float]] = []

    t, parsed = timed(lambda: parse_decree(data, SEED.name, year=2025), args.repeat)
    rows.append(("baca keputusan (parse, tanpa basis data)", t))

    def first_import(p: Any = parsed, year: int = 2025) -> Any:
        ActionPlan.objects.filter(unit=unit, year=year).delete()
        return services.import_plan(
            p, unit=unit, year=year, by=None, filename="s.txt", sha256=sha
        )

    t, result = timed(first_import, args.repeat)
    rows.append(("impor pertama (rencana kosong)", t))
    t, _ = timed(
        lambda: services.import_plan(
            parsed, unit=unit, year=2025, by=None, filename="s.txt", sha256=sha
        ),
        args.repeat,
    )
    rows.append(("impor ulang berkas yang sama (tidak berubah)", t))
    plan = result.plan
    for fmt in ("docx", "xlsx", "pdf"):
        t, out = timed(lambda fmt=fmt: export_plan(plan, fmt), args.repeat)
        rows.append((f"ekspor {fmt.upper()} ({len(out.data) // 1024} KB)", t))
    steps = ActionStep.objects.for_plan(plan).count()

    big = scaled(parsed, args.scale)
    t, big_result = timed(lambda: first_import(big, 2026), max(1, args.repeat // 2))
    big_steps = ActionStep.objects.for_plan(big_result.plan).count()
    rows.append((f"impor pertama ×{args.scale} ({big_steps} langkah)", t))
    for fmt in ("docx", "xlsx", "pdf"):
        t, out = timed(lambda fmt=fmt: export_plan(big_result.plan, fmt), 1)
        rows.append(
            (f"ekspor {fmt.upper()} ×{args.scale} ({len(out.data) // 1024} KB)", t)
        )

    print(
        f"Benih: {steps} langkah aksi; median dari {args.repeat} putaran; SQLite di {work}"
    )
    print("| Langkah | Waktu |")
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds * 1000:.0f} ms |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
