"""The evidence demo loads once and twice with the same rows."""

from __future__ import annotations

import io

from sizi.evidence import demo
from sizi.evidence.models import Evidence, EvidenceRequest, EvidenceRevision
from sizi.plans import demo as plans_demo
from sizi.units import demo as units_demo


def test_demo_is_idempotent(db) -> None:
    units_demo.load(stdout=io.StringIO())
    plans_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    counts = (
        Evidence.objects.count(),
        EvidenceRevision.objects.count(),
        EvidenceRequest.objects.count(),
    )
    demo.load(stdout=io.StringIO())
    again = (
        Evidence.objects.count(),
        EvidenceRevision.objects.count(),
        EvidenceRequest.objects.count(),
    )
    assert counts == again == (4, 3, 1)
    statuses = dict(Evidence.objects.values_list("title", "status"))
    assert (
        statuses["SK Tim Kerja Pembangunan Zona Integritas"] == Evidence.Status.VERIFIED
    )
    assert Evidence.objects.filter(action_steps__isnull=False).distinct().count() == 4


def test_demo_skips_without_unit(db) -> None:
    out = io.StringIO()
    demo.load(stdout=out)
    assert "dilewati" in out.getvalue()
    assert Evidence.objects.count() == 0
