"""Browser journey: closing an evaluation.

The pimpinan approves the self-assessment, the coordinator submits, the TPI
concludes with a predicate (adopting the lower layer's answers), downloads the
LHE and turns a note into a follow-up step that the PIC then sees in
"Pekerjaan saya" on a phone-sized screen.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from sizi.core.models import Job
from sizi.core.tests.jobs import run_task
from sizi.lke import services
from sizi.lke.models import Assessment, FindingAction
from sizi.lke.tests.arrange import answer_all, q
from sizi.plans.tests.factories import build_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def logout(page) -> None:
    page.get_by_role("button", name=re.compile("^Keluar")).click()
    page.wait_for_load_state()


def _ready_for_sign_off(assessment, alice, tree) -> None:
    answer_all(assessment, alice)
    services.save_result_inputs(
        assessment,
        "self",
        ipak=Decimal("3.8"),
        ipkp=Decimal("3.7"),
        performance="A",
        expected_version=0,
        by=alice,
    )
    build_plan(tree["tanjabbar"], steps=2)


def test_sign_off_conclusion_lhe_and_a_follow_up(
    page, login, live_server, assessment, tree, alice, bob, lena, rina, tia
):
    _ready_for_sign_off(assessment, alice, tree)
    score = f"{live_server.url}/u/kpu-tanjabbar/lke/2025/"

    login(page, "lena")
    page.goto(score)
    page.get_by_role("button", name="Setujui penilaian mandiri").click()
    expect(page.locator("#lke-approval")).to_contain_text("Disetujui pimpinan")
    logout(page)

    login(page, "alice")
    page.goto(score)
    page.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(page.get_by_text(re.compile("Penilaian mandiri diajukan"))).to_be_visible()
    logout(page)

    # The penilaian pendahuluan and the TPI's note happen on their own pages.
    current = Assessment.objects.get(pk=assessment.pk)
    services.forward_assessment(current, by=rina)
    services.add_review_note(
        Assessment.objects.get(pk=assessment.pk),
        q(assessment, "P.1.i.a"),
        text="SK tim kerja belum ditandatangani pimpinan.",
        returned=False,
        by=tia,
    )

    login(page, "tia")
    page.goto(score)
    page.get_by_role("radio", name="Menuju WBK", exact=True).check()
    page.get_by_label(re.compile("Adopsi jawaban lapisan di bawah")).check()
    page.get_by_role("button", name="Simpan simpulan TPI").click()
    expect(page.get_by_text("Simpulan TPI tersimpan.")).to_be_visible()
    expect(page.get_by_text("Rekomendasi TPI:")).to_be_visible()

    page.get_by_role("button", name="Buat LHE").click()
    expect(
        page.get_by_text(re.compile("LHE-kpu-tanjabbar-2025-1 dibuat"))
    ).to_be_visible()
    # The DOCX is a background job: its page, run as the worker would, then the file.
    page.get_by_role("button", name="LHE-kpu-tanjabbar-2025-1 (DOCX)").click()
    job = Job.objects.get(kind="lke.lhe_docx")
    expect(page).to_have_url(f"{live_server.url}{job.get_absolute_url()}")
    run_task(job)
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Unduh .*\.docx$")).click()
    document = Document(Path(download.value.path()))
    texts = [p.text for p in document.paragraphs]
    assert "Unit kerja: KPU Kabupaten Tanjung Jabung Barat" in texts
    assert "Rekomendasi TPI: Menuju WBK." in texts

    page.goto(score)
    page.get_by_role("link", name="Temuan & tindak lanjut").click()
    page.get_by_role("link", name="Jadikan langkah tindak lanjut").click()
    page.get_by_role("textbox", name="Langkah tindak lanjut").fill(
        "Tandatangani SK tim kerja ZI"
    )
    page.get_by_label("PIC").select_option(label="Bob PIC")
    page.get_by_label("Target selesai").fill("2026-03-31")
    page.get_by_role("button", name="Tambahkan ke rencana aksi").click()
    expect(page.get_by_text("Langkah tindak lanjut ditambahkan")).to_be_visible()
    assert FindingAction.objects.get().step.owners.get() == bob
    logout(page)

    page.set_viewport_size({"width": 375, "height": 800})
    login(page, "bob")
    page.goto(f"{live_server.url}/")
    panel = page.locator("#my-work-lke")
    expect(panel).to_contain_text("Tindak lanjut temuan LKE")
    expect(
        panel.get_by_role("link", name=re.compile("Tandatangani SK tim kerja ZI"))
    ).to_be_visible()
    expect(panel).to_contain_text("31 Maret 2026")
