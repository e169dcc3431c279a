"""Browser check at 375 px: every page a PIC or a respondent uses fits the
screen without sideways scrolling (wide tables scroll inside their own box)."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
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
from sizi.units.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 375
# Names as offices write them: no spaces to break a line at.
LONG_NAME = "SK_Tim_Kerja_Pembangunan_Zona_Integritas_KPU_Tanjabbar_Nomor_42_Tahun_2025"
LONG_URL = "https://jdih.kpu.go.id/data/data_kepkpu/2025kpt042_rencana_aksi_zona_integritas.pdf"
UNIT = "kpu-tanjabbar"


def _width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


# The elements that stick out of the screen (for the failure message): the
# innermost ones whose right edge is past the viewport and that are not inside
# a box that scrolls sideways itself.
_OVERFLOWING = """(limit) => {
  const out = [];
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true; } return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > limit + 0.5 && !scrolls(el)
        && ![...el.children].some(c => c.getBoundingClientRect().right > limit + 0.5)) {
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(' ').filter(Boolean).join('.') : '')
        + ' ' + Math.round(r.right));
    }
  }
  return out.slice(0, 8);
}"""


def _fits(page, label: str, found: dict[str, object]) -> None:
    """Note the page under `label` in `found` if it is wider than the phone."""
    width = _width(page)
    if width > WIDTH:
        found[label] = (width, page.evaluate(_OVERFLOWING, WIDTH))


def _no_overflow(found: dict[str, object]) -> None:
    if found:
        pytest.fail(
            "Wider than 375 px:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
        )


def _visit(page, url: str, found: dict[str, object], label: str = "") -> None:
    response = page.goto(url)
    assert response is not None and response.ok, (url, response and response.status)
    page.wait_for_load_state("networkidle")
    _fits(page, label or url, found)


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


# --------------------------------------------------------------------------
# Every other page a PIC or a citizen uses (issue 11), one browser session per
# persona. Each page is opened at 375 px; the ones that stick out are listed
# with the elements that do, so a failure names its culprit.

LONG_TITLE = (
    "Permintaan_bukti_dukung_SK_Penetapan_Agen_Perubahan_dan_Notulensi_Rapat_"
    "Koordinasi_Pembangunan_Zona_Integritas_Triwulan_IV_Tahun_2025"
)
LONG_TEXT = f"Lihat {LONG_URL} dan {LONG_NAME}. " + "Penjelasan panjang. " * 30


@pytest.fixture
def everyday_world(phone_world, tree, alice, bob, lena, rina, assessment):
    """What a PIC meets on a usual day and what a citizen can open, with
    long names, links without spaces and wide tables."""
    from sizi.cases.ppid import services as ppid_services
    from sizi.cases.wbs import services as wbs_services
    from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
    from sizi.cases.wbs.sealing import Identity, ReportContent
    from sizi.core.models import Job
    from sizi.evidence.models import EvidenceRequest
    from sizi.integrity.services import conflict, wealth
    from sizi.integrity.services import gratification as gratification_services
    from sizi.integrity.tests.conftest import report_data
    from sizi.lke.services import workflow
    from sizi.lke.tests.arrange import answer_all, approve_and_submit
    from sizi.plans.services import work
    from sizi.surveys.tests.conftest import filled
    from sizi.units.notifications import notify
    from sizi.units.tests.factories import UserFactory

    unit = tree["tanjabbar"]
    world = dict(phone_world)
    step = world["step"]
    today = timezone.localdate()
    bob.full_name = "Bobby Kurniawan Saputra Wicaksono Hadiningrat, S.Kom., M.Kom."
    bob.save(update_fields=["full_name"])

    notify(
        bob,
        kind="evidence.request",
        title=LONG_TITLE,
        url=f"/u/{UNIT}/bukti/",
        unit=unit,
        body=LONG_TEXT,
    )
    world["job"] = Job.objects.create(
        user=bob,
        unit=unit,
        kind="plans.export",
        title=f"Rencana aksi 2025 — {LONG_NAME}",
        task_path="sizi.plans.tasks.export_plan",
        status=Job.Status.DONE,
        progress=100,
        progress_note="Selesai",
        result_filename=f"{LONG_NAME}.xlsx",
        result_name=f"jobs/{LONG_NAME}.xlsx",
        finished_at=timezone.now(),
    )

    work.add_realisation(
        step, by=bob, description=LONG_TEXT, done_on=today, note=LONG_URL
    )
    meeting = work.record_meeting(
        world["plan"],
        by=alice,
        held_on=today,
        title=f"Rapat monev triwulan IV — {LONG_NAME}",
        attendees="Lena Pimpinan; " + bob.full_name,
        minutes=LONG_TEXT,
        decisions=LONG_TEXT,
    )
    work.add_follow_up(
        meeting, by=alice, text=LONG_TEXT, owner=bob, due_on=today, steps=[step]
    )
    world["meeting"] = meeting
    world["request"] = evidence_services.create_request(
        unit,
        requested_from=bob,
        title=LONG_TITLE[:200],
        due_date=today,
        description=LONG_TEXT,
        step=step,
        by=alice,
    )
    assert EvidenceRequest.objects.filter(pk=world["request"].pk).exists()

    # The self-assessment submitted; the province's reviewer sends a note back.
    answer_all(assessment, alice)
    approve_and_submit(assessment, lena)
    question = Question.objects.get(instrument=assessment.instrument, code="P.1.i.b")
    workflow.add_review_note(assessment, question, text=LONG_TEXT, by=rina)
    world["note_area"] = question.sub_area.area.code

    world["gratification"] = gratification_services.submit_report(
        unit,
        report_data(
            giver_name="PT Maju Jaya Sentosa Abadi Makmur Sejahtera Bersama Tbk.",
            description=LONG_TEXT[:500],
            place=LONG_NAME,
        ),
        by=bob,
    )
    wealth.add_members(unit, 2025, by=alice)
    wealth.add_members(unit, today.year, by=alice)
    campaign = conflict.start_campaign(
        unit,
        kind="coi",
        year=today.year,
        title=f"Pernyataan Bebas Benturan Kepentingan {today.year} — {LONG_NAME}",
        due_date=today,
        body=conflict.default_text("coi") + "\n" + LONG_URL,
        by=alice,
    )
    world["signature"] = campaign.signatures.get(user=bob)

    # Citizens: an information request, a WBS report, published survey results.
    handler = UserFactory(username="hana", full_name="Hana Inspektorat")
    wbs_services.appoint_officer(unit, handler, WbsOfficer.Role.HANDLER, by=lena)
    _report, world["receipt"] = wbs_services.submit_report(
        unit,
        category=WhistleblowReport.Category.GRATIFICATION,
        content=ReportContent(summary=LONG_TITLE[:200], body=LONG_TEXT, where=LONG_URL),
        identity=Identity("Siti Pelapor", "0812-3456-7890"),
    )
    _request, world["ppid_code"] = ppid_services.file_request(
        unit,
        ppid_services.RequestData(information=LONG_TEXT, purpose=LONG_TEXT),
        ppid_services.RequesterData(
            kind="perorangan",
            name="Muhammad Rizky Pratama Kusumawardhana Nugraha Wijayakusuma",
            identity_number="1571020304050607",
            address=LONG_URL,
            email="muhammad.rizky.pratama.kusumawardhana@contoh-surel-panjang.example.id",
        ),
    )
    service = world["period"].service_types.get()
    closed = make_period(
        unit,
        SurveyInstrument.objects.get(code="skm"),
        alice,
        service_types=[service],
        year=2025,
    )
    for value in [3, 4] * 8:
        survey_services.record_response(
            closed, filled(closed, value, service), channel="online", by=None
        )
    survey_services.close_period(closed, by=alice)
    survey_services.publish_results(closed, by=alice, published=True)
    world["closed"] = closed
    return world


def test_a_pic_s_everyday_pages_fit_375_px(page, login, live_server, everyday_world):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    site = live_server.url
    world = everyday_world
    plan = f"{site}/u/{UNIT}/rencana-aksi/2025/"
    found: dict[str, object] = {}
    login(page, "bob")

    _visit(page, f"{site}/", found)
    expect(page.locator("#bell .bell-count")).to_be_visible()
    expect(page.locator("#bell")).to_be_in_viewport()
    _visit(page, f"{site}/notifikasi/", found)
    expect(page.locator(".notification", has_text=LONG_TEXT[:60]).first).to_be_visible()
    for path in [
        "/akun/",
        "/akun/keamanan/",
        "/akun/keamanan/aktifkan/",
        "/akun/sandi/ubah/",
        "/unduhan/",
        f"/unduhan/{world['job'].pk}/",
    ]:
        _visit(page, site + path, found)
    expect(page.get_by_text(f"{LONG_NAME}.xlsx").first).to_be_visible()

    _visit(page, f"{plan}langkah/{world['step'].pk}/", found, "langkah + realisasi")
    page.get_by_label("Yang dilakukan").first.scroll_into_view_if_needed()
    expect(page.get_by_label("Yang dilakukan").first).to_be_in_viewport()
    _visit(page, f"{plan}monev/", found)
    _visit(page, f"{plan}monev/{world['meeting'].pk}/", found)
    expect(page.locator("main")).to_contain_text("Penjelasan panjang.")

    bukti = f"{site}/u/{UNIT}/bukti/"
    _visit(page, f"{bukti}permintaan/", found)
    _visit(page, f"{bukti}permintaan/{world['request'].pk}/penuhi/", found)
    expect(page.get_by_role("button", name="Penuhi").first).to_be_visible()
    _visit(page, bukti, found)
    _visit(page, f"{bukti}?q=SK&status=diajukan", found, "pustaka bukti, disaring")

    lke = f"{site}/u/{UNIT}/lke/2025/"
    _visit(page, lke, found)
    _visit(page, f"{lke}isi/{world['note_area']}/", found, "catatan penilai")
    expect(page.locator("main")).to_contain_text("Penjelasan panjang.")

    integrity = f"{site}/u/{UNIT}/integritas/"
    for path in [
        "",
        "gratifikasi/",
        "gratifikasi/lapor/",
        f"gratifikasi/{world['gratification'].pk}/",
        f"gratifikasi/{world['gratification'].pk}/ubah/",
        "lhkpn/",
        "pernyataan/",
        f"tanda-tangan/{world['signature'].pk}/",
    ]:
        _visit(page, integrity + path, found)
    expect(page.get_by_role("button", name="Tandatangani")).to_be_visible()

    _no_overflow(found)


def test_a_citizen_s_pages_fit_375_px(page, live_server, everyday_world):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    site = live_server.url
    world = everyday_world
    public = f"{site}/publik/{UNIT}/"
    found: dict[str, object] = {}

    for path in ["", "informasi/", "informasi/daftar/", "informasi/lacak/"]:
        _visit(page, public + path, found)
    page.get_by_label("Kode pelacakan").fill(world["ppid_code"])
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("Permohonan PPID-")
    _fits(page, "status permohonan informasi", found)

    _visit(page, f"{public}wbs/", found)
    expect(page.get_by_role("button", name="Kirim laporan")).to_be_visible()
    _visit(page, f"{public}wbs/masuk/", found)
    page.get_by_label("Kode tanda terima").fill(world["receipt"])
    page.get_by_role("button", name="Buka laporan").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text(LONG_TITLE)
    _fits(page, "laporan WBS saya", found)

    _visit(page, f"{public}survei/", found)
    _visit(page, f"{public}survei/{world['closed'].public_token}/", found)
    _visit(page, f"{site}/s/{world['period'].public_token}/terima-kasih/", found)

    _visit(page, f"{site}/akun/masuk/", found)
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    _visit(page, f"{site}/akun/sandi/lupa/", found)
    page.get_by_label("Surel").fill("bob@example.test")
    page.get_by_role("button", name="Kirim tautan").click()
    page.wait_for_load_state("networkidle")
    _fits(page, "sandi lupa, terkirim", found)
    bob = User.objects.get(username="bob")
    uid = urlsafe_base64_encode(force_bytes(bob.pk))
    token = default_token_generator.make_token(bob)
    _visit(page, f"{site}/akun/sandi/atur/{uid}/{token}/", found, "atur sandi baru")
    expect(page.locator("main input[type=password]").first).to_be_visible()

    _no_overflow(found)
