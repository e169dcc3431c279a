"""Benchmark of generating the Laporan Hasil Evaluasi (LHE) of an LKE assessment.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/lke_lhe_bench.py [--notes 1000] [--repeat 5] [--keep]

Builds a throw-away SQLite database with the demo (`load_demo`), brings the
demo unit's 2025 assessment to TPI, concludes it adopting the lower layer's
answers (timed once), then measures, for the demo unit as loaded and again
after adding --notes reviewer notes spread over the questions:

1. `lhe.issue_report` (score the TPI layer, render the DOCX, number it, file
   it into the evidence library): median of --repeat runs;
2. the PDF (`report_content` + WeasyPrint `render_pdf`, what the background job
   does): median of --repeat runs, and its size.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from national_tree import setup_django  # noqa: E402  (benchmarks/ sibling)


def concluded_demo() -> tuple[Any, Any, float]:
    """Load the demo, forward its 2025 assessment and conclude it as the TPI."""
    from django.core.management import call_command

    from sizi.lke.models import Assessment
    from sizi.lke.services import closing
    from sizi.units.models import User

    call_command("load_demo", stdout=io.StringIO())
    tpi = User.objects.get(username="tpi.kpu")
    assessment = Assessment.objects.select_related("unit").get(
        unit__code="kpu-tanjabbar", year=2025
    )
    # The benchmark skips the unit's answering: the status is set directly.
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.FORWARDED
    )
    assessment.refresh_from_db()
    started = time.perf_counter()
    closing.conclude_with_predicate(
        assessment, recommendation="none", adopt=True, by=tpi
    )
    return assessment, tpi, time.perf_counter() - started


def add_notes(assessment: Any, author: Any, count: int) -> None:
    from sizi.lke.models import Question, ReviewNote

    questions = list(Question.objects.filter(instrument=assessment.instrument))
    ReviewNote.objects.bulk_create(
        ReviewNote(
            assessment=assessment,
            question=questions[i % len(questions)],
            layer="internal",
            text=f"Catatan penilai nomor {i}: bukti dukung belum lengkap, lengkapi "
            "dengan SK dan laporan pelaksanaan yang ditandatangani.",
            returned=False,
            author=author,
        )
        for i in range(count)
    )


def measure(assessment: Any, tpi: Any, repeat: int) -> tuple[float, float, int]:
    from django.utils import timezone

    from sizi.lke.reports.pdf import render_pdf
    from sizi.lke.services import lhe

    docx_times, pdf_times, size = [], [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        issued = lhe.issue_report(assessment, by=tpi)
        docx_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        content = lhe.report_content(
            assessment,
            reference=issued.report.reference,
            issued_on=timezone.localdate(),
        )
        size = len(render_pdf(content))
        pdf_times.append(time.perf_counter() - started)
    return statistics.median(docx_times), statistics.median(pdf_times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-lhe-bench-"))
    try:
        setup_django(work)
        from sizi.lke.models import ReviewNote

        assessment, tpi, adopt_seconds = concluded_demo()
        print(f"Conclude with adoption (demo unit): {adopt_seconds * 1000:.0f} ms")
        for label in ("demo unit", f"+{args.notes} notes"):
            if label != "demo unit":
                add_notes(assessment, tpi, args.notes)
            notes = ReviewNote.objects.filter(assessment=assessment).count()
            docx, pdf, size = measure(assessment, tpi, args.repeat)
            print(
                f"{label:<12} ({notes} notes): issue LHE (DOCX + filing) median "
                f"{docx * 1000:.0f} ms; PDF median {pdf * 1000:.0f} ms, "
                f"{size / 1024:.0f} KiB"
            )
    finally:
        if args.keep:
            print(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
