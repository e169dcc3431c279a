"""Benchmark of importing an official LKE workbook with 1,000 evidence links.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/lke_workbook_bench.py [--links 1000] [--repeat 3] [--keep]

Builds a throw-away SQLite database with one unit and its coordinator, writes a
one-layer official (Lampiran III) workbook with every question answered and
--links distinct Google-Drive-like links spread over the questions' link
columns, then measures:

1. reading the workbook (`sizi.lke.workbook.import_workbook`, pure);
2. the preview (`import_into(..., dry_run=True)`: the year's assessment created,
   every answer and link written, then rolled back);
3. the import itself into a year with no assessment (creates it, 110 answers,
   --links link evidence items attached to their answers), with the SQL query count;
4. importing the same file again (every link found by URL, nothing new);
5. exporting the assessment in the official layout, one layer and multi-layer.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from national_tree import setup_django  # noqa: E402  (benchmarks/ sibling)


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def workbook(links: int) -> bytes:
    from sizi.lke.instrument import load_instrument
    from sizi.lke.tests import official_books as books
    from sizi.lke.workbook import EvidenceRef, LayerBook, export_official

    spec = load_instrument()
    answers = books.full_answers(spec, seed=1)
    codes = [q.code for q in spec.questions]
    evidence: dict[str, list[EvidenceRef]] = {c: [] for c in codes}
    for i in range(links):
        url = f"https://drive.google.com/file/d/bench{i:05d}/view"
        evidence[codes[i % len(codes)]].append(EvidenceRef(f"Bukti {i}", url))
    return export_official(
        spec,
        [LayerBook("self", answers, dict(books.HASIL), evidence=evidence)],
        unit_name="KPU Kabupaten Bench",
        year=2025,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-lke-wb-"))
    try:
        setup_django(work)
        run(args.links, args.repeat)
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work)


def run(links: int, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sizi.evidence.models import Evidence
    from sizi.lke.instrument import default_instrument_path, load_instrument
    from sizi.lke.models import Answer, Assessment
    from sizi.lke.services.instrument import load_instrument_file
    from sizi.lke.services.workbook import export_assessment, import_into
    from sizi.lke.workbook import import_workbook
    from sizi.units.models import Membership, Unit, UnitLevel, User

    load_instrument_file(default_instrument_path())
    level = UnitLevel.objects.create(code="kabkota", name="KPU Kabupaten/Kota", rank=2)
    unit = Unit.objects.create(
        code="kpu-bench", name="KPU Kabupaten Bench", level=level, path="kpu-bench/"
    )
    user = User.objects.create_user("alice", password="x")  # noqa: S106
    Membership.objects.create(user=user, unit=unit, role="coordinator")
    data = workbook(links)
    print(f"workbook: {len(data) / 1024:.0f} KiB, {links} links")

    spec = load_instrument()
    t, parsed = timed(lambda: import_workbook(data, spec), repeat)
    count = sum(len(v) for v in parsed.links.values())  # type: ignore[attr-defined]
    print(f"read (pure): median {t * 1000:.0f} ms, {count} links found")

    def preview() -> object:
        return import_into(unit, 2025, data, layer="self", by=user, dry_run=True)

    t, report = timed(preview, repeat)
    print(f"preview (rolled back): median {t:.2f} s, {report.links_new} links new")  # type: ignore[attr-defined]
    assert not Assessment.objects.exists()

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        report = import_into(unit, 2025, data, layer="self", by=user)
        took = time.perf_counter() - start
    assert report.ok, report.errors
    print(
        f"import into a new year: {took:.2f} s, {len(queries)} queries, "
        f"{Answer.objects.count()} answers, {Evidence.objects.count()} link evidence items"
    )
    start = time.perf_counter()
    again = import_into(unit, 2025, data, layer="self", by=user)
    print(
        f"import again: {time.perf_counter() - start:.2f} s, "
        f"{again.links_new} new, {again.links_reused} reused"
    )
    assessment = Assessment.objects.get(unit=unit, year=2025)
    t, out = timed(lambda: export_assessment(assessment, layout="official"), repeat)
    print(
        f"export official one layer: median {t * 1000:.0f} ms, {len(out) / 1024:.0f} KiB"
    )  # type: ignore[arg-type]
    t, out = timed(
        lambda: export_assessment(
            assessment, layout="official", layers=["self", "preliminary", "internal"]
        ),
        repeat,
    )
    print(
        f"export official three layers: median {t * 1000:.0f} ms, {len(out) / 1024:.0f} KiB"
    )  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
