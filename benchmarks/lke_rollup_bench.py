"""Benchmark of the LKE roll-up over a generated national data set.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/lke_rollup_bench.py [--units 550] [--repeat 5] [--keep]

Builds a throw-away SQLite database: KPU RI, 34 provinces and kabupaten/kota up to
--units units below the root, one 2025 assessment each with generated answers
(60 % complete, the rest 30–100 %; a fifth with a preliminary layer, a tenth
with a TPI layer) and Hasil inputs. Then it measures:

1. scoring every assessment from the database and storing its LayerScore rows
   (`scores.refresh_layer_scores`, what the services do after a write);
2. the roll-up page (`/u/kpu-ri/lke/rekap/`) as the TPI reviewer, for every sort
   order: median time and number of SQL queries; and the same page at one
   province (about 15 units) to show that the query count does not grow.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from national_tree import (  # noqa: E402  (benchmarks/ sibling)
    build_national_tree,
    setup_django,
)


def build(units_below: int, seed: int = 2025) -> dict[str, object]:
    from sizi.lke.instrument import default_instrument_path
    from sizi.lke.models import Answer, Assessment, Question, ResultInput
    from sizi.lke.services.instrument import load_instrument_file
    from sizi.units.models import Membership, Unit, User

    rng = random.Random(seed)
    instrument, _ = load_instrument_file(default_instrument_path())
    root, provinces, regencies = build_national_tree(units_below)
    units = list(Unit.objects.exclude(pk=root.pk))
    tia = User.objects.create_user("tia", password="x")  # noqa: S106
    Membership.objects.create(user=tia, unit=root, role="reviewer")
    rina = User.objects.create_user("rina", password="x")  # noqa: S106
    Membership.objects.create(user=rina, unit=provinces[0], role="reviewer")

    assessments = Assessment.objects.bulk_create(
        Assessment(unit=u, year=2025, instrument=instrument) for u in units
    )
    questions = list(Question.objects.filter(instrument=instrument).order_by("order"))
    answers: list[Answer] = []
    results: list[ResultInput] = []
    for assessment in assessments:
        share = 1.0 if rng.random() < 0.6 else rng.uniform(0.3, 1.0)
        layers = ["self"]
        if rng.random() < 0.2:
            layers.append("preliminary")
        if rng.random() < 0.1:
            layers.append("internal")
        for layer in layers:
            for question in questions:
                if layer == "self" and rng.random() > share:
                    continue
                if layer != "self" and rng.random() > 0.3:
                    continue
                if question.options:
                    value = rng.choice(question.options)["letter"]
                    answers.append(
                        Answer(
                            assessment=assessment,
                            question=question,
                            layer=layer,
                            value=value,
                        )
                    )
                else:
                    inputs = {
                        spec["code"]: rng.randint(0, 40) for spec in question.inputs
                    }
                    answers.append(
                        Answer(
                            assessment=assessment,
                            question=question,
                            layer=layer,
                            value="isi",
                            inputs=inputs,
                        )
                    )
        results.append(
            ResultInput(
                assessment=assessment,
                layer="self",
                ipak=Decimal(rng.randint(300, 400)) / 100,
                ipkp=Decimal(rng.randint(300, 400)) / 100,
                performance=rng.choice("ABCDE"),
            )
        )
    Answer.objects.bulk_create(answers, batch_size=2000)
    ResultInput.objects.bulk_create(results)
    return {
        "assessments": assessments,
        "answers": len(answers),
        "province": provinces[0],
    }


def measure_scoring(assessments: list[object]) -> float:
    from sizi.lke.services import scores

    started = time.perf_counter()
    for assessment in assessments:
        scores.refresh_layer_scores(assessment)  # type: ignore[arg-type]
    return time.perf_counter() - started


def measure_page(path: str, username: str, repeat: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sizi.units.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(path)  # warm-up (template loading)
    times = []
    queries = 0
    size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
        size = len(response.content)
    return statistics.median(times), queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=550)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-lke-bench-"))
    try:
        setup_django(work)
        started = time.perf_counter()
        data = build(args.units)
        built = time.perf_counter() - started
        assessments = data["assessments"]
        print(
            f"Data: {len(assessments)} assessments, {data['answers']} answers "  # type: ignore[arg-type]
            f"(generated in {built:.1f} s)"
        )
        seconds = measure_scoring(assessments)  # type: ignore[arg-type]
        n = len(assessments)  # type: ignore[arg-type]
        print(
            f"Score all units from the database + store LayerScore: {seconds:.2f} s "
            f"({seconds / n * 1000:.1f} ms per unit)"
        )
        print("Roll-up page at kpu-ri (TPI):")
        for sort in ["unit", "-total", "progress", "status"]:
            median, queries, size = measure_page(
                f"/u/kpu-ri/lke/rekap/?year=2025&sort={sort}", "tia", args.repeat
            )
            print(
                f"  sort={sort:<9} median {median * 1000:7.1f} ms, {queries} queries, "
                f"{size / 1024:.0f} KiB"
            )
        province = data["province"]
        median, queries, size = measure_page(
            f"/u/{province.code}/lke/rekap/?year=2025",
            "rina",
            args.repeat,  # type: ignore[attr-defined]
        )
        print(
            f"Roll-up page at one province ({province.code}): median {median * 1000:.1f} ms, "  # type: ignore[attr-defined]
            f"{queries} queries, {size / 1024:.0f} KiB"
        )
    finally:
        if args.keep:
            print(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
