"""Browser journey: upload the signed decree as a text PDF, watch it being read in the
background, check the preview, save, see the steps."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sizi.core.models import Job
from sizi.core.tests.jobs import run_worker
from sizi.plans.tests.decree_files import SEED, build_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST_STEP = "Mengevaluasi anggota Komisioner"


def test_upload_a_pdf_decree_preview_and_save(
    page, login, live_server, alice, tmp_path
):
    pdf = tmp_path / "SK-42-2025-rencana-aksi.pdf"
    pdf.write_bytes(build_pdf(SEED.read_text(encoding="utf-8")))
    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/rencana-aksi/")
    page.get_by_role("link", name="Impor keputusan rencana aksi").click()

    page.get_by_label("Berkas keputusan").set_input_files(str(pdf))
    page.get_by_role("button", name="Unggah dan tampilkan pratinjau").click()

    # a PDF is read by a background job: its progress first, then the preview
    expect(
        page.get_by_role("heading", name="Membaca SK-42-2025-rencana-aksi.pdf")
    ).to_be_visible()
    expect(page.locator("#progress-read")).to_be_visible()
    job = Job.objects.get(kind="plans.import_read")
    assert job.params["filename"] == "SK-42-2025-rencana-aksi.pdf"
    run_worker()
    expect(
        page.get_by_role("heading", name="Pratinjau: SK-42-2025-rencana-aksi.pdf")
    ).to_be_visible()
    counts = page.locator("#preview-counts td")
    for index, count in enumerate(["6", "23", "70", "74", "70"]):
        expect(counts.nth(index)).to_have_text(count)
    tree = page.locator(".preview-tree")
    expect(tree.get_by_text(FIRST_STEP).first).to_be_visible()
    # a text PDF of this unit's decree: no unit warning, nothing marked for OCR
    expect(page.locator("#import-mismatch")).to_have_count(0)
    expect(page.locator(".ocr-low")).to_have_count(0)
    page.get_by_role("button", name="Simpan rencana aksi").first.click()

    expect(page.get_by_text("Rencana aksi 2025 tersimpan.")).to_be_visible()
    expect(page.get_by_role("link", name=FIRST_STEP).first).to_be_visible()
    page.get_by_role("link", name=FIRST_STEP).first.click()
    expect(page.get_by_text("Oktober minggu ke-2 tahun 2025").first).to_be_visible()
