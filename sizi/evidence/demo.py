"""Demo evidence for kpu-tanjabbar: a few small generated PDFs, a link and a request.

Idempotent: items and requests are matched by unit and title, so running the
loader again adds nothing. Steps come from the plans demo (2025) when present.
"""

from __future__ import annotations

import io
from datetime import date
from io import TextIOBase

from django.utils.formats import date_format

from sizi.evidence import services
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.plans.models import ActionStep
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
YEAR = 2025
Status = Evidence.Status
# title, file name (None: a link), document date, index of the step in plan order, final status
ITEMS: list[tuple[str, str | None, date, int, str]] = [
    (
        "SK Tim Kerja Pembangunan Zona Integritas",
        "sk-tim-kerja-zi.pdf",
        date(YEAR, 1, 15),
        0,
        Status.VERIFIED,
    ),
    (
        "Notulen rapat evaluasi pembangunan ZI I",
        "notulen-monev-1.pdf",
        date(YEAR, 11, 3),
        1,
        Status.SUBMITTED,
    ),
    (
        "Daftar hadir sosialisasi Zona Integritas",
        "daftar-hadir-sosialisasi.pdf",
        date(YEAR, 2, 10),
        2,
        Status.DRAFT,
    ),
    ("Berita pencanangan ZI di laman KPU", None, date(YEAR, 3, 1), 3, Status.RETURNED),
]


def _pdf(title: str, when: date) -> bytes:
    return minimal_pdf(
        [
            "KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT",
            "",
            title,
            f"Tanggal: {date_format(when, 'j F Y')}",
            "(dokumen demo SIZI)",
        ]
    )


def load(*, stdout: TextIOBase) -> None:
    """Add the demo evidence of kpu-tanjabbar (idempotent)."""
    unit = Unit.objects.filter(code=UNIT).first()
    pic = User.objects.filter(username="pic.tanjabbar").first()
    coordinator = User.objects.filter(username="koordinator.tanjabbar").first()
    if unit is None or pic is None or coordinator is None:
        stdout.write(
            f"Bukti fisik demo dilewati: unit {UNIT} atau akun demo tidak ada.\n"
        )
        return
    steps = list(
        ActionStep.objects.for_unit(unit)
        .filter(indicator__component__area__plan__year=YEAR)
        .order_by(
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
        )[:4]
    )
    added = 0
    for title, filename, when, step_index, status in ITEMS:
        if Evidence.objects.for_unit(unit).filter(title=title).exists():
            continue
        linked = steps[step_index : step_index + 1]
        data = services.EvidenceData(
            title=title, document_date=when, description="Contoh data demo."
        )
        if filename is None:
            evidence = services.register_link(
                unit,
                "https://example.org/berita/pencanangan-zi",
                data,
                by=pic,
                steps=linked,
                submit=True,
            )
        else:
            incoming = services.IncomingFile(filename, io.BytesIO(_pdf(title, when)))
            [evidence] = services.upload_evidence(
                unit,
                [incoming],
                data,
                by=pic,
                steps=linked,
                submit=status != Status.DRAFT,
            )
        if status == Status.VERIFIED:
            services.verify_evidence(evidence, by=coordinator, note="Sesuai.")
        elif status == Status.RETURNED:
            services.return_evidence(
                evidence, by=coordinator, note="Lampirkan tangkapan layar laman."
            )
        added += 1
    request_title = "Foto kegiatan penandatanganan pakta integritas"
    if not EvidenceRequest.objects.for_unit(unit).filter(title=request_title).exists():
        services.create_request(
            unit,
            requested_from=pic,
            title=request_title,
            description="Minimal tiga foto dengan keterangan tanggal.",
            due_date=date(YEAR, 12, 1),
            step=steps[0] if steps else None,
            by=coordinator,
        )
    stdout.write(f"Bukti fisik demo {UNIT}: {added} bukti baru, 1 permintaan bukti.\n")
