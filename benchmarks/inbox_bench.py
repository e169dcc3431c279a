"""Benchmark of the home page's "Pekerjaan saya" panels over a generated national tree.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/inbox_bench.py [--units 550] [--repeat 5] [--keep]

Builds a throw-away SQLite database: KPU RI, 34 provinces and kabupaten/kota up to
--units units below the root. Every unit has a 2025 plan of 20 steps (all owned by
"pic", who is PIC and coordinator in every unit), two evidence items waiting for
verification, two open evidence requests to "pic" (one overdue) and a 2025 LKE
(kabupaten submitted, provinces forwarded). Then it measures each panel (median
time, SQL queries, size) for:

- "pic" with every unit (units x 20 open steps, units x 2 requests, all units to
  verify) and "tia", reviewer at the root (LKE: every assessment waiting for TPI);
- the same panels restricted to one province: "pic1" in one unit and "rina",
  reviewer of one province — to show the query count does not grow.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from national_tree import (  # noqa: E402  (benchmarks/ sibling)
    build_national_tree,
    setup_django,
)

STEPS = 20


def build(units_below: int) -> str:
    from django.utils import timezone

    from sizi.evidence.models import Evidence, EvidenceRequest
    from sizi.lke.instrument import default_instrument_path
    from sizi.lke.models import Assessment
    from sizi.lke.services.instrument import load_instrument_file
    from sizi.plans.models import ActionPlan, ActionStep, Area, Component, Indicator
    from sizi.units.models import Membership, User

    instrument, _ = load_instrument_file(default_instrument_path())
    root, provinces, regencies = build_national_tree(units_below)
    units = provinces + regencies
    pic = User.objects.create_user("pic", full_name="PIC Nasional")
    pic1 = User.objects.create_user("pic1", full_name="PIC Satu")
    tia = User.objects.create_user("tia", full_name="Tia TPI")
    rina = User.objects.create_user("rina", full_name="Rina Provinsi")
    Membership.objects.bulk_create(
        [Membership(user=tia, unit=root, role="reviewer")]
        + [Membership(user=rina, unit=provinces[0], role="reviewer")]
        + [Membership(user=pic1, unit=regencies[0], role="coordinator")]
        + [
            Membership(user=pic, unit=u, role=r)
            for u in units
            for r in ("coordinator", "team")
        ]
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            unit=u,
            year=2025,
            number="1",
            title="RA",
            signed_on=date(2025, 1, 2),
            place="-",
            signatory="-",
            signatory_title="-",
        )
        for u in units
    )
    areas = Area.objects.bulk_create(
        Area(plan=p, numeral="I", title="MP", lke_area="MP", order=0) for p in plans
    )
    comps = Component.objects.bulk_create(
        Component(area=a, number="1", name="K", order=0) for a in areas
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            component=c,
            text=f"Indikator {n}",
            order=n,
            target_raw="bulan",
            target_kind="month",
            target_start=date(2025, n % 12 + 1, 1),
            target_end=date(2025, n % 12 + 1, 28),
            target_periods=[],
        )
        for c in comps
        for n in range(STEPS)
    )
    steps = ActionStep.objects.bulk_create(
        ActionStep(indicator=i, text=f"Langkah {i.text}", order=0) for i in indicators
    )
    owners = ActionStep.owners.through
    owners.objects.bulk_create(
        owners(actionstep_id=s.pk, user_id=pic.pk) for s in steps
    )
    owners.objects.bulk_create(
        owners(actionstep_id=s.pk, user_id=pic1.pk)
        for s in steps
        if s.indicator.component.area.plan.unit_id == regencies[0].pk
    )
    today = timezone.localdate()
    Evidence.objects.bulk_create(
        Evidence(
            unit=u,
            title=f"Bukti {n}",
            kind="link",
            url="https://example.org/",
            document_date=today,
            status="diajukan",
        )
        for u in units
        for n in range(2)
    )
    EvidenceRequest.objects.bulk_create(
        EvidenceRequest(
            unit=u,
            requested_from=who,
            title=f"Minta {n}",
            due_date=today + timedelta(days=5 * n - 3),
        )
        for u in units
        for who in ([pic, pic1] if u.pk == regencies[0].pk else [pic])
        for n in range(2)
    )
    Assessment.objects.bulk_create(
        Assessment(
            unit=u,
            year=2025,
            instrument=instrument,
            status="submitted" if u.parent_id != root.pk else "forwarded",
        )
        for u in units
    )
    return regencies[0].code


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
        assert response.status_code == 200, response.status_code
        queries, size = len(ctx.captured_queries), len(response.content)
    return statistics.median(times), queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=550)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.units < 35:
        parser.error("--units harus paling sedikit 35 (34 provinsi dan 1 kab/kota).")
    work = Path(tempfile.mkdtemp(prefix="sizi-inbox-bench-"))
    try:
        setup_django(work)
        started = time.perf_counter()
        build(args.units)
        print(
            f"Data: {args.units} units below the root ({time.perf_counter() - started:.1f} s)"
        )
        cases = [
            ("/saya/rencana-aksi/", "pic", "pic1"),
            ("/saya/bukti/", "pic", "pic1"),
            ("/saya/lke/", "tia", "rina"),
        ]
        for path, large, small in cases:
            for who in (large, small):
                median, queries, size = measure(path, who, args.repeat)
                print(
                    f"{path:<20} as {who:<5} median {median * 1000:7.1f} ms, "
                    f"{queries} queries, {size / 1024:.1f} KiB"
                )
    finally:
        if args.keep:
            print(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
