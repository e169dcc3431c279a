"""Benchmark the pure LKE scoring on a generated national data set (550 units).

Run: .venv/bin/python benchmarks/lke_scoring_bench.py [--units 550] [--seed 1]

Generates one answer set per unit (a mix of complete and partial assessments,
percentage inputs and Hasil values), then times, over all units:
score(), eligibility(), improvement_candidates() and the workbook export/import.
No database is involved; the figures are the cost of the pure functions that
the roll-up, the lke_score command and the readiness page call.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sizi.lke.instrument import InstrumentSpec, load_instrument  # noqa: E402
from sizi.lke.scoring import (  # noqa: E402
    AnswerInput,
    eligibility,
    improvement_candidates,
    score,
)
from sizi.lke.workbook import export_workbook, import_workbook  # noqa: E402

Unit = tuple[dict[str, AnswerInput], dict[str, Any]]


def generate(spec: InstrumentSpec, units: int, seed: int) -> list[Unit]:
    rnd = random.Random(seed)
    data: list[Unit] = []
    for _ in range(units):
        skill = rnd.random()  # how good the unit is
        completeness = 1.0 if rnd.random() < 0.6 else rnd.uniform(0.3, 1.0)
        answers: dict[str, AnswerInput] = {}
        for q in spec.questions:
            if rnd.random() > completeness:
                continue
            if q.formula is not None:
                total = rnd.randint(0, 40)
                done = min(total, round(total * rnd.uniform(skill * 0.6, 1.0)))
                values = {i.code: Decimal(rnd.randint(0, 5)) for i in q.inputs}
                for ref in q.formula.denominator:
                    values[ref] = Decimal(total)
                for ref in q.formula.numerator:
                    values[ref] = Decimal(done)
                if q.formula.kind == "decrease":
                    values[q.formula.previous or ""] = Decimal(total)
                    values[q.formula.current or ""] = Decimal(total - done)
                answers[q.code] = AnswerInput(inputs=values)
            else:
                index = min(
                    len(q.options) - 1,
                    int(abs(rnd.gauss(0, 1.5 * (1 - skill) + 0.1))),
                )
                answers[q.code] = AnswerInput(q.options[index].letter)
        hasil = {
            "ipak": Decimal(str(round(rnd.uniform(2.8, 4.0), 2))),
            "ipkp": Decimal(str(round(rnd.uniform(2.8, 4.0), 2))),
            "capaian_kinerja": rnd.choice("abcde"),
        }
        data.append((answers, hasil))
    return data


def timed(label: str, count: int, fn: Callable[[], object]) -> tuple[str, float, float]:
    start = time.perf_counter()
    fn()
    total = time.perf_counter() - start
    return label, total, total / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=550)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workbook-units", type=int, default=20)
    args = parser.parse_args()
    spec = load_instrument()
    units = generate(spec, args.units, args.seed)
    scores = [score(spec, a, h) for a, h in units[:5]]  # warm-up
    rows = [
        timed("score()", len(units), lambda: [score(spec, a, h) for a, h in units]),
    ]
    scores = [score(spec, a, h) for a, h in units]
    rows.append(
        timed(
            "eligibility()", len(units), lambda: [eligibility(s, spec) for s in scores]
        )
    )
    rows.append(
        timed(
            "score() + eligibility()",
            len(units),
            lambda: [eligibility(score(spec, a, h), spec) for a, h in units],
        )
    )
    rows.append(
        timed(
            "improvement_candidates()",
            len(units),
            lambda: [improvement_candidates(spec, a, h) for a, h in units],
        )
    )
    few = units[: args.workbook_units]
    files: list[bytes] = []
    rows.append(
        timed(
            "export_workbook()",
            len(few),
            lambda: files.extend(export_workbook(spec, a, h) for a, h in few),
        )
    )
    rows.append(
        timed(
            "import_workbook()",
            len(few),
            lambda: [import_workbook(f, spec) for f in files],
        )
    )
    wbk = sum(1 for s in scores if eligibility(s, spec).wbk)
    wbbm = sum(1 for s in scores if eligibility(s, spec).wbbm)
    mean = sum(s.total for s in scores) / len(scores)
    print(f"LKE scoring benchmark: {len(units)} units, instrument {spec.code}")
    print(f"{'operation':<28} {'total s':>9} {'ms/unit':>9}")
    for label, total, per_unit in rows:
        print(f"{label:<28} {total:>9.3f} {per_unit:>9.3f}")
    print(
        f"mean total {mean:.2f}; eligible Menuju WBK {wbk}, Menuju WBBM {wbbm} "
        f"(prerequisite not checked); workbook rows timed on {len(few)} units"
    )


if __name__ == "__main__":
    main()
