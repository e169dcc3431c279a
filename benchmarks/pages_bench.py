"""Benchmark of the list and tree pages at 1x and 10x data: time, bytes, queries.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/pages_bench.py [--repeat 5] [--keep]

Builds a throw-away SQLite database with the national tree (KPU RI, 34
provinces, 550 units below the root) and two kabupaten side by side:

- 1x: kpu-k000 with the seed decree's plan (74 steps), 100 evidence items and a
  2025 LKE;
- 10x: kpu-k001 with the seed plan ten times over (740 steps), 1,000 evidence
  items and a 2025 LKE;
- the unit lists: "rina", reviewer of three provinces (51 units), against
  "tia", reviewer at the root (551 units).

Each page is requested --repeat times after a warm-up as the unit's
coordinator (or the reviewer) through Django's test client; the table gives
the median time, the response size and the SQL queries at 1x and 10x, and the
10x/1x ratios (the goal: at most 2x for time and bytes, equal queries).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_0aa9eb4df12157a3.txt"
sys.path.insert(0, str(ROOT))

from national_tree import (  # noqa: E402  (benchmarks/ sibling)
    build_national_tree,
    setup_django,
)

SMALL, LARGE = "kpu-k000", "kpu-k001"


def scaled(parsed: Any, factor: int) -> Any:
    """Return the parsed decree with every komponen repeated `factor` times."""
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


def build() -> None:
    from sizi.evidence.models import Evidence
    from sizi.lke.instrument import default_instrument_path
    from sizi.lke.models import Assessment
    from sizi.lke.services.instrument import load_instrument_file
    from sizi.plans import services
    from sizi.plans.importing import parse_decree
    from sizi.units.models import Membership, Unit, User

    instrument, _ = load_instrument_file(default_instrument_path())
    root, provinces, _ = build_national_tree(550)
    coordinator = User.objects.create_user("koor", full_name="Koordinator")
    tia = User.objects.create_user("tia", full_name="Tia TPI")
    rina = User.objects.create_user("rina", full_name="Rina Provinsi")
    Membership.objects.create(user=tia, unit=root, role="reviewer")
    for province in provinces[:3]:
        Membership.objects.create(user=rina, unit=province, role="reviewer")
    data = SEED.read_bytes()
    parsed = parse_decree(data, SEED.name, year=2025)
    sha = hashlib.sha256(data).hexdigest()
    for code, factor in ((SMALL, 1), (LARGE, 10)):
        unit = Unit.objects.get(code=code)
        Membership.objects.create(user=coordinator, unit=unit, role="coordinator")
        services.import_plan(
            scaled(parsed, factor),
            unit=unit,
            year=2025,
            by=None,
            filename=SEED.name,
            sha256=sha,
        )
        Evidence.objects.bulk_create(
            Evidence(
                unit=unit,
                title=f"Bukti kegiatan {n:05d}",
                kind="link",
                url="https://example.go.id/",
                document_date=date(2025, 1 + n % 12, 1),
                status="diverifikasi",
            )
            for n in range(100 * factor)
        )
        Assessment.objects.create(unit=unit, year=2025, instrument=instrument)


def measure(path: str, username: str, repeat: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sizi.units.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(path)  # warm-up
    times, queries, size = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        queries, size = len(ctx.captured_queries), len(response.content)
    return statistics.median(times), queries, size


def pages() -> list[tuple[str, str, str, str]]:
    """Return (label, 1x path, 10x path, user) for every list and tree page."""
    unit_pages = [
        ("Rencana aksi: pohon", "/u/{c}/rencana-aksi/2025/"),
        ("Rencana aksi: jadwal", "/u/{c}/rencana-aksi/2025/jadwal/"),
        ("Rencana aksi: linimasa", "/u/{c}/rencana-aksi/2025/linimasa/"),
        ("Rencana aksi: monev", "/u/{c}/rencana-aksi/2025/monev/"),
        ("Bukti fisik: daftar", "/u/{c}/bukti/"),
        ("Bukti fisik: unggah (pemilih langkah)", "/u/{c}/bukti/unggah/"),
        (
            "Bukti fisik: permintaan (formulir, pemilih langkah)",
            "/u/{c}/bukti/permintaan/",
        ),
        ("Bukti fisik: paket", "/u/{c}/bukti/paket/"),
        ("LKE: isi area MP (pemilih bukti)", "/u/{c}/lke/2025/isi/MP/"),
    ]
    rows = [
        (label, path.format(c=SMALL), path.format(c=LARGE), "koor")
        for label, path in unit_pages
    ]
    rows.append(("Beranda: daftar unit (51 / 551 unit)", "/", "/", "rina|tia"))
    rows.append(
        (
            "LKE: rekap (16 / 550 unit)",
            "/u/kpu-p00/lke/rekap/",
            "/u/kpu-ri/lke/rekap/",
            "rina|tia",
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-pages-bench-"))
    try:
        setup_django(work)
        started = time.perf_counter()
        build()
        print(
            f"Data built in {time.perf_counter() - started:.1f} s; median of {args.repeat}."
        )
        print(
            "| Page | 1×: ms · KiB · queries | 10×: ms · KiB · queries "
            "| time 10×/1× | bytes 10×/1× |"
        )
        print("|---|---:|---:|---:|---:|")
        for label, small, large, users in pages():
            small_user, _, large_user = users.partition("|")
            one = measure(small, small_user, args.repeat)
            ten = measure(large, large_user or small_user, args.repeat)
            print(
                f"| {label} | {one[0] * 1000:.0f} · {one[2] / 1024:.0f} · {one[1]} "
                f"| {ten[0] * 1000:.0f} · {ten[2] / 1024:.0f} · {ten[1]} "
                f"| {ten[0] / one[0]:.1f} | {ten[2] / one[2]:.1f} |"
            )
    finally:
        if args.keep:
            print(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
