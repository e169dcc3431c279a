"""In a real browser: a respondent answers on a 375 px phone; the coordinator
sees the result, downloads the report and creates a follow-up action."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.core.models import Job
from sizi.surveys.models import FollowUp, Response
from sizi.surveys.tests.conftest import make_period
from sizi.surveys.tests.plans import survey_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    ("Persyaratan", "Sangat sesuai"),
    ("Sistem, Mekanisme, dan Prosedur", "Mudah"),
    ("Waktu Penyelesaian", "Sangat cepat"),
    ("Biaya/Tarif", "Gratis"),
    ("Produk Spesifikasi Jenis Pelayanan", "Sesuai"),
    ("Kompetensi Pelaksana", "Sangat kompeten"),
    ("Perilaku Pelaksana", "Sangat sopan dan ramah"),
    ("Sarana dan Prasarana", "Baik"),
    ("Penanganan Pengaduan, Saran dan Masukan", "Ada tetapi tidak berfungsi"),
]
ABOUT = [
    ("Jenis layanan yang Anda terima", "Layanan informasi publik"),
    ("Jenis kelamin", "Perempuan"),
    ("Usia", "30–39 tahun"),
    ("Pendidikan terakhir", "D4/S1"),
    ("Pekerjaan utama", "Wirausaha"),
]


def _group(page, name: str):
    return page.get_by_role("group", name=name)


def test_respondent_answers_on_a_phone_and_the_coordinator_follows_up(
    page, login, live_server, tree, instruments, layanan, alice, bob
):
    unit = tree["tanjabbar"]
    year = timezone.localdate().year
    period = make_period(
        unit, instruments["skm"], alice, service_types=layanan, year=year
    )
    survey_plan(unit)

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/s/{period.public_token}/")
    expect(
        page.get_by_role("heading", name="Survei Kepuasan Masyarakat (SKM)")
    ).to_be_visible()
    for group, label in ABOUT:
        _group(page, group).get_by_label(label, exact=True).check()
    for group, label in ANSWERS[:4]:
        _group(page, group).get_by_label(label, exact=True).check()
    # A half-filled form survives a reload (sessionStorage, no server round trip).
    page.reload()
    expect(
        _group(page, "Biaya/Tarif").get_by_label("Gratis", exact=True)
    ).to_be_checked()
    for group, label in ANSWERS[4:]:
        _group(page, group).get_by_label(label, exact=True).check()
    page.get_by_label("Saran dan masukan untuk perbaikan pelayanan").fill(
        "Tambah kursi"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    stored = Response.objects.get(period=period)
    assert {a.question: a.value for a in stored.answers.all()}["U9"] == 2

    login(page, "alice")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/u/{unit.code}/survei/{period.pk}/hasil/")
    # (4+3+4+4+3+4+4+3+2)/9 = 3,44 → 86,11 ×25 → mutu B.
    expect(page.locator(".big-number")).to_contain_text("86,11")
    expect(page.locator(".badge-danger", has_text="terendah")).to_be_visible()
    page.get_by_role("button", name="Unduh PDF").click()
    # The report is a background job: its page, then "Unduhan saya".
    job = Job.objects.get(kind="surveys.report")
    expect(page).to_have_url(f"{live_server.url}{job.get_absolute_url()}")
    assert job.params["format"] == "pdf"
    page.goto(f"{live_server.url}/u/{unit.code}/survei/{period.pk}/hasil/")

    form = page.locator("form[action$='/tindak-lanjut/']")
    expect(form.get_by_label("Unsur yang ditindaklanjuti")).to_have_value("U9")
    form.get_by_label("Rencana tindak lanjut").fill("Aktifkan kotak pengaduan")
    form.get_by_label("Bob PIC").check()
    form.get_by_role("button", name="Buat tindak lanjut").click()
    expect(
        page.get_by_text("Tindak lanjut dibuat sebagai langkah Rencana Aksi")
    ).to_be_visible()
    follow_up = FollowUp.objects.get(period=period)
    assert follow_up.question == "U9"
    assert list(follow_up.step.owners.all()) == [bob]


def test_paper_rows_are_typed_with_the_keyboard_only(
    page, login, live_server, tree, instruments, layanan, alice
):
    unit = tree["tanjabbar"]
    year = timezone.localdate().year
    period = make_period(
        unit, instruments["skm"], alice, service_types=layanan, year=year
    )
    login(page, "alice")
    page.goto(f"{live_server.url}/u/{unit.code}/survei/{period.pk}/kertas/")
    for _row in range(2):
        expect(page.get_by_label("Layanan:", exact=True)).to_be_focused()
        page.keyboard.press("ArrowDown")  # the first layanan
        for _field in range(4):  # jenis kelamin, usia, pendidikan, pekerjaan
            page.keyboard.press("Tab")
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.type("343344332")
        page.keyboard.press("Enter")
        expect(page.get_by_text("tersimpan. Lanjut baris berikutnya.")).to_be_visible()
    assert (
        Response.objects.filter(period=period, channel=Response.Channel.PAPER).count()
        == 2
    )
    expect(page.locator("code", has_text="343344332")).to_have_count(2)


def test_survey_pages_fit_a_phone_screen(
    page, login, live_server, tree, instruments, layanan, alice, bob, respond
):
    unit = tree["tanjabbar"]
    year = timezone.localdate().year
    period = make_period(
        unit, instruments["skm"], alice, service_types=layanan, year=year
    )
    for value in (2, 3, 4, 3, 3):
        respond(period, value)
    login(page, "bob")
    page.set_viewport_size({"width": 375, "height": 740})
    base = f"{live_server.url}/u/{unit.code}/survei/"
    for path in (
        "",
        f"{period.pk}/",
        f"{period.pk}/hasil/",
        f"{period.pk}/kertas/",
        f"{period.pk}/jawaban/",
    ):
        page.goto(base + path)
        expect(page.locator("h2").first).to_be_visible()
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 376).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, (
            path,
            wide,
        )
