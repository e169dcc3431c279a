"""Browser check at 375 px: every page a PIC or a respondent uses fits the
screen without sideways scrolling (wide tables scroll inside their own box)."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.cases.complaints import services as complaint_services
from sizi.evidence import services as evidence_services
from sizi.evidence.minipdf import minimal_pdf
from sizi.lke import services as lke_services
from sizi.lke.models import Answer, Question
from sizi.plans import services as plan_services
from sizi.plans.importing import parse_decree
from sizi.plans.models import ActionStep
from sizi.surveys import services as survey_services
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import SurveyInstrument
from sizi.surveys.tests.conftest import make_period

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 375
# Names as offices write them: no spaces to break a line at.
LONG_NAME = "SK_Tim_Kerja_Pembangunan_Zona_Integritas_KPU_Tanjabbar_Nomor_42_Tahun_2025"
LONG_URL = "https://jdih.kpu.go.id/data/data_kepkpu/2025kpt042_rencana_aksi_zona_integritas.pdf"
UNIT = "kpu-tanjabbar"


def _width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _widths(page, base: str, paths: list[str]) -> dict[str, int]:
    widths = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        widths[path] = _width(page)
    return widths


@pytest.fixture
def phone_world(tree, alice, bob, assessment, seed_decree_path):
    """The seed plan with a step of Bob's, an item of his, a long answer, a
    survey period and a complaint: what a PIC and a respondent see."""
    unit = tree["tanjabbar"]
    data = seed_decree_path.read_bytes()
    plan = plan_services.import_plan(
        parse_decree(data, seed_decree_path.name, year=2025),
        unit=unit,
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    ).plan
    step = ActionStep.objects.for_plan(plan).order_by("pk").first()
    assert step is not None
    plan_services.assign_owners(step, [bob], by=alice)
    [evidence] = evidence_services.upload_evidence(
        unit,
        [
            evidence_services.IncomingFile(
                f"{LONG_NAME}.pdf",
                _pdf_file(),
            )
        ],
        evidence_services.EvidenceData("", date(2025, 3, 1)),
        by=bob,
        steps=[step],
        submit=True,
    )
    question = Question.objects.get(instrument=assessment.instrument, code="R.4.i.-")
    lke_services.answer_question(
        assessment,
        question,
        "self",
        value="",
        inputs={"jumlah_sasaran": 12345678, "sasaran_tercapai": 1234567},
        note=f"Lihat {LONG_URL} " + "Penjelasan " * 40,
        expected_version=0,
        by=alice,
    )
    lke_services.set_answer_evidence(
        assessment, question, "self", [evidence.pk], by=alice
    )
    ensure_instruments()
    period = make_period(
        unit,
        SurveyInstrument.objects.get(code="skm"),
        alice,
        service_types=[
            survey_services.add_service_type(
                unit, name="Layanan informasi publik", by=alice
            )
        ],
        year=timezone.localdate().year,
    )
    _complaint, tracking = complaint_services.file_complaint(
        unit,
        complaint_services.ComplaintData(
            subject="Antrean layanan informasi terlalu lama",
            body=f"Lihat {LONG_URL}. " + "Saya menunggu dua jam tanpa kepastian. " * 10,
            privacy="anonim",
        ),
        reporter=None,
        files=[],
    )
    return {
        "plan": plan,
        "step": step,
        "evidence": evidence,
        "area": question.sub_area.area.code,
        "period": period,
        "tracking": tracking,
    }


def _pdf_file() -> io.BytesIO:
    return io.BytesIO(minimal_pdf(["SK Tim Kerja"]))


def test_pic_and_respondent_pages_fit_375_px(page, login, live_server, phone_world):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    site = live_server.url
    world = phone_world
    plan = f"/u/{UNIT}/rencana-aksi/2025/"

    login(page, "bob")
    pic = _widths(
        page,
        site,
        [
            "/",
            plan,
            f"{plan}langkah/{world['step'].pk}/",
            f"/u/{UNIT}/bukti/{world['evidence'].pk}/",
            f"/u/{UNIT}/bukti/unggah/?langkah={world['step'].pk}",
        ],
    )
    page.locator("input.step-picker-search").fill("tim kerja")
    expect(page.locator(".step-picker-matches .step-group").first).to_be_visible()
    pic["unggah, langkah dicari"] = _width(page)
    page.goto(site + "/")
    expect(page.get_by_role("heading", name="Pekerjaan saya")).to_be_visible()

    page.context.clear_cookies()
    login(page, "alice")
    lke = _widths(page, site, [f"/u/{UNIT}/lke/2025/isi/{world['area']}/"])
    page.locator("details.lke-evidence summary").first.click()
    expect(page.locator(".lke-evidence-upload").first).to_be_visible()
    lke["LKE, bukti dibuka"] = _width(page)

    page.context.clear_cookies()
    public = _widths(
        page,
        site,
        [
            f"/s/{world['period'].public_token}/",
            f"/publik/{UNIT}/pengaduan/",
            f"/publik/{UNIT}/pengaduan/lacak/",
        ],
    )
    page.get_by_label("Kode pelacakan").fill(world["tracking"])
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_load_state("networkidle")
    public["status pengaduan"] = _width(page)
    assert "Antrean layanan informasi" in page.content()

    widths = {**pic, **lke, **public}
    assert all(w <= WIDTH for w in widths.values()), widths


def test_the_percentage_follows_the_typed_inputs(page, login, live_server, assessment):
    question = Question.objects.get(instrument=assessment.instrument, code="R.4.i.-")
    login(page, "alice")
    page.goto(f"{live_server.url}/u/{UNIT}/lke/2025/isi/{question.sub_area.area.code}/")
    card = page.locator("#q-R\\.4\\.i\\.-")
    shown = card.locator("output")
    expect(shown).to_contain_text("isi semua angka")
    card.get_by_label("Jumlah sasaran kinerja", exact=True).fill("8")
    card.get_by_label("Jumlah sasaran kinerja yang tercapai", exact=False).fill("6")
    expect(shown).to_have_text("75,00%")
    card.get_by_label("Jumlah sasaran kinerja", exact=True).fill("12")
    expect(shown).to_have_text("50,00%")


def test_a_file_uploaded_from_a_question_appears_ticked(
    page, login, live_server, assessment, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "notulen-rapat-tim-kerja.pdf"
    path.write_bytes(minimal_pdf(["Notulen rapat tim kerja"]))
    login(page, "alice")
    page.goto(f"{live_server.url}/u/{UNIT}/lke/2025/isi/MP/")
    card = page.locator("#q-P\\.1\\.i\\.a")
    card.locator("details.lke-evidence summary").click()
    card.get_by_label("Berkas").set_input_files(str(path))
    card.get_by_role("button", name="Unggah dan lampirkan").click()

    ticked = card.get_by_role("checkbox", name="notulen-rapat-tim-kerja")
    expect(ticked).to_be_checked()
    expect(card.get_by_label("Berkas")).to_have_value("")  # a fresh form
    answer = Answer.objects.get(question__code="P.1.i.a", layer="self")
    assert [e.title for e in answer.evidence.all()] == ["notulen-rapat-tim-kerja"]
