"""Browser journey: the coordinator imports last year's official workbook into a new year."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.evidence.models import Evidence
from sizi.lke.instrument import load_instrument
from sizi.lke.models import Answer, Assessment
from sizi.lke.tests import official_books as books

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SPEC = load_instrument()


def test_coordinator_starts_a_year_from_last_years_official_workbook(
    page: Any,
    login: Any,
    live_server: Any,
    instrument: Any,
    alice: Any,
    tmp_path: Path,
) -> None:
    year = timezone.localdate().year
    data = books.one_layer(SPEC, books.full_answers(SPEC, seed=2), year=year - 1)
    path = tmp_path / "LKE ZI tahun lalu.xlsx"
    path.write_bytes(books.changed(data, books.as_filled, SPEC))
    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/lke/")
    page.get_by_role("link", name=re.compile("mengimpor lembar kerja LKE")).click()

    page.get_by_label("Tahun penilaian").select_option(str(year))
    page.get_by_label("Lembar kerja LKE (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    expect(page.get_by_text(f"Tahun di lembar kerja {year - 1}")).to_be_visible()
    expect(page.get_by_text("→ lapisan")).to_be_visible()
    expect(page.get_by_text("2 baru akan didaftarkan")).to_be_visible()
    assert not Assessment.objects.exists()
    page.get_by_label(re.compile("^Saya yakin")).check()
    page.get_by_role("button", name="Terapkan perubahan ini").click()

    expect(
        page.get_by_text("Penilaian dibuat dan lembar kerja diimpor")
    ).to_be_visible()
    assessment = Assessment.objects.get(unit__code="kpu-tanjabbar", year=year)
    assert Answer.objects.filter(assessment=assessment).count() == len(SPEC.questions)
    assert Evidence.objects.filter(unit=assessment.unit).count() == 2
