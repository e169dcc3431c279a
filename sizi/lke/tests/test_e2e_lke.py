"""Browser journey: the coordinator answers an area, attaches evidence and submits;
the provincial reviewer returns one question with a note; the unit fixes it and
resubmits."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sizi.evidence.models import Evidence
from sizi.lke.models import Answer, Assessment, Question, Submission
from sizi.lke.services import closing
from sizi.lke.tests.arrange import answer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def card(page, code: str):
    return page.locator(f'[id="q-{code}"]')


def logout(page) -> None:
    page.get_by_role("button", name=re.compile("^Keluar")).click()
    page.wait_for_load_state()


def test_answer_submit_return_fix_resubmit(
    page, login, live_server, assessment, alice, rina, lena
):
    for question in Question.objects.exclude(sub_area__area__code="MP"):
        answer(assessment, question, alice)
    Evidence.objects.create(
        unit=assessment.unit,
        title="SK Tim Kerja ZI 2025",
        kind="link",
        url="https://jdih.kpu.go.id/sk-tim",
        document_date="2025-02-03",
    )
    base = f"{live_server.url}/u/kpu-tanjabbar/lke/2025"
    mp = list(Question.objects.filter(sub_area__area__code="MP").order_by("order"))

    login(page, "alice")
    page.goto(f"{base}/isi/MP/")
    for question in mp:
        box = card(page, question.code)
        if question.options:
            with page.expect_response(
                lambda r, c=question.code: f"/jawab/{c}/" in r.url
            ):
                box.locator("input[type=radio]").first.check()
        else:
            # Each number saves when left; typing on is never interrupted.
            for field in box.locator("input[type=number]").all():
                field.fill("4")
            box.locator("textarea[name=note]").click()
            page.wait_for_load_state("networkidle")
        box.get_by_text("Tersimpan").wait_for()
    box = card(page, "P.1.i.a")
    box.locator("details.lke-evidence summary").click()
    # Only linked items are rendered; the library is searched as you type.
    expect(box.locator("input[name=evidence]")).to_have_count(0)
    box.get_by_label("Cari di pustaka bukti unit").fill("SK Tim")
    found = box.get_by_label(re.compile("SK Tim Kerja ZI 2025"))
    expect(found).to_be_visible()
    with page.expect_response(
        lambda r: r.url.endswith("/bukti/P.1.i.a/") and r.request.method == "POST"
    ):
        found.check()
    box.get_by_text("1 bukti terlampir").wait_for()
    # The pimpinan's sign-off (its own journey is in test_e2e_closing.py).
    closing.approve_assessment(Assessment.objects.get(pk=assessment.pk), by=lena)
    page.goto(f"{base}/")
    page.get_by_role("button", name="Ajukan penilaian mandiri").click()
    page.wait_for_load_state()
    assert "Penilaian mandiri diajukan" in page.content(), page.locator(
        ".messages"
    ).inner_text()
    logout(page)

    login(page, "rina")
    page.goto(f"{base}/isi/MP/")
    box = card(page, "P.1.i.b")
    box.get_by_text("Catatan penilai / kembalikan butir ini").click()
    box.get_by_label("Catatan penilai").fill(
        "Mekanisme pemilihan anggota tim belum dibuktikan."
    )
    with page.expect_response(lambda r: "/catatan/P.1.i.b/" in r.url):
        box.get_by_role("button", name="Tambah catatan").click()
    page.goto(f"{base}/")
    page.get_by_role("button", name="Kembalikan ke unit").click()
    page.wait_for_load_state()
    assert "dikembalikan ke unit" in page.content()
    logout(page)

    login(page, "alice")
    page.goto(f"{base}/isi/MP/")
    box = card(page, "P.1.i.b")
    expect(box).to_contain_text("Mekanisme pemilihan anggota tim belum dibuktikan.")
    with page.expect_response(lambda r: "/jawab/P.1.i.b/" in r.url):
        box.locator("input[type=radio][value=b]").check()
    box.get_by_text("Tersimpan").wait_for()
    # The pimpinan's sign-off (its own journey is in test_e2e_closing.py).
    closing.approve_assessment(Assessment.objects.get(pk=assessment.pk), by=lena)
    page.goto(f"{base}/")
    page.get_by_role("button", name="Ajukan penilaian mandiri").click()
    page.wait_for_load_state()

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    fixed = Answer.objects.get(question__code="P.1.i.b", layer="self")
    assert fixed.value == "b"
    linked = Answer.objects.get(question__code="P.1.i.a", layer="self")
    assert [e.title for e in linked.evidence.all()] == ["SK Tim Kerja ZI 2025"]
    assert list(Submission.objects.values_list("kind", flat=True)) == [
        "self",
        "return",
        "self",
    ]
