"""Benchmark of the decree parsing layer: the seed as text, DOCX and XLSX, and target times.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/plans_parse_bench.py [--repeat 20] [--scale 10]

No database. Prints the median time of --repeat runs of ``parse_decree`` on the
seed decree in its three formats (the DOCX and XLSX are built from the text the
same way the tests build them), the same for a text decree --scale times longer
(every table page repeated), and the throughput of ``parse_target_time`` over the
seed's target phrases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_0aa9eb4df12157a3.txt"
sys.path.insert(0, str(ROOT))


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def scaled(text: str, factor: int) -> str:
    """Repeat the table pages so the decree has ``factor`` times the rows."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    end = max(i for i, line in enumerate(lines) if "\t" in line)
    table = lines[start : end + 1]
    return "\n".join(lines[:start] + table * factor + lines[end + 1 :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sizi.settings")
    import django

    django.setup()
    from sizi.plans.importing import parse_decree
    from sizi.plans.target_time import parse_target_time
    from sizi.plans.tests.decree_files import build_docx, build_xlsx

    text = SEED.read_text(encoding="utf-8")
    files = {
        "text": (text.encode("utf-8"), "seed.txt"),
        "docx": (build_docx(text), "seed.docx"),
        "xlsx": (build_xlsx(text), "seed.xlsx"),
    }
    print(f"parse_decree, median of {args.repeat} runs")
    base = 0.0
    for name, (data, filename) in files.items():
        summary = parse_decree(data, filename).summary()
        ms = median_ms(lambda d=data, f=filename: parse_decree(d, f), args.repeat)
        base = base or ms
        print(
            f"  {name:5} {len(data) / 1024:7.1f} KB  {ms:8.1f} ms  (×{ms / base:.1f} of text)"
            f"  {summary['indicators']} indikator, {summary['steps']} langkah"
        )
    big = scaled(text, args.scale).encode("utf-8")
    summary = parse_decree(big, "big.txt").summary()
    ms = median_ms(lambda: parse_decree(big, "big.txt"), max(3, args.repeat // 4))
    print(
        f"  text ×{args.scale}: {len(big) / 1024:.1f} KB  {ms:.1f} ms  (×{ms / base:.1f} of text)"
        f"  {summary['indicators']} indikator read"
    )
    phrases = [
        i.target.raw for _, _, i in parse_decree(*files["text"]).iter_indicators()
    ]
    ms = median_ms(
        lambda: [parse_target_time(p, year=2025) for p in phrases], args.repeat
    )
    print(
        f"parse_target_time: {len(phrases)} phrases in {ms:.2f} ms ({ms * 1000 / len(phrases):.0f} µs each)"
    )


if __name__ == "__main__":
    main()
