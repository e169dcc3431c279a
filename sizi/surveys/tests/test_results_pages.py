"""Results page, Laporan SKM (PDF, DOCX), bukti fisik, follow-ups, public results."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from sizi.core.models import Job
from sizi.core.tests.jobs import job_file, run_task, start_and_run
from sizi.evidence.models import Evidence
from sizi.plans.models import ActionPlan, ActionStep
from sizi.plans.tests.factories import (
    ActionPlanFactory,
    AreaFactory,
    ComponentFactory,
    IndicatorFactory,
)
from sizi.surveys import services
from sizi.surveys.models import FollowUp, Response, SurveyPeriod
from sizi.surveys.tests.pdftext import pdf_text
from sizi.surveys.tests.plans import survey_plan
from sizi.units.models import Unit

CODE = "kpu-tanjabbar"
# U1..U9: U9 (pengaduan) is lowest for every respondent.
GOOD = [4, 3, 3, 4, 3, 4, 4, 3, 2]


def _url(name: str, *args: object) -> str:
    return reverse(f"surveys:{name}", args=[CODE, *args])


@pytest.fixture
def plan(tree: dict[str, Unit]) -> ActionPlan:
    return survey_plan(tree["tanjabbar"])


@pytest.fixture
def answered(period: SurveyPeriod, respond: Any, layanan: list[Any]) -> SurveyPeriod:
    for n in range(6):
        respond(period, GOOD, layanan[0], suggestion=f"Saran rahasia nomor {n}")
    respond(period, GOOD, layanan[1], occupation="tni-polri", suggestion="Saran TNI")
    return period


def test_results_page_shows_index_mutu_unsur_and_charts(client, alice, answered):
    client.force_login(alice)
    html = client.get(_url("results", answered.pk)).content.decode()
    # NRR 3,33 on 1–4 → 83,33 ×25 → mutu B (Baik).
    assert "83,33" in html and "3,33" in html
    assert "B · Baik" in html
    assert "terendah" in html and "Penanganan Pengaduan" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') >= 3
    assert "Mencurigakan" in html


def test_legacy_weights_are_marked(client, alice, answered):
    client.force_login(alice)
    html = client.get(_url("results", answered.pk) + "?legacy=1").content.decode()
    assert "Mode lama (bobot 0,111)" in html
    assert "0,111" in html


def test_suspicious_share_is_shown_not_dropped(client, alice, answered, respond):
    Response.objects.filter(period=answered).update(is_suspicious=True)
    client.force_login(alice)
    html = client.get(_url("results", answered.pk)).content.decode()
    assert "7 (100,0%)" in html
    assert "bandingkan tanpa mereka" in html


def test_report_pdf_has_the_sections_the_analysis_and_the_index(
    client, alice, answered
):
    client.force_login(alice)
    job = start_and_run(client, _url("report_pdf", answered.pk))
    assert (job.kind, job.unit, job.result_content_type) == (
        "surveys.report",
        answered.unit,
        "application/pdf",
    )
    text = pdf_text(job_file(client, job))
    for heading in (
        "LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)",
        "BAB I PENDAHULUAN",
        "BAB II METODE",
        "BAB III SAMPEL DAN RESPONDEN",
        "BAB IV HASIL SURVEI",
        "BAB V ANALISIS",
        "BAB VI RENCANA TINDAK LANJUT",
    ):
        assert heading in text
    assert "Unsur dengan nilai terendah adalah U9" in " ".join(text.split())
    assert "83,33" in text


def test_report_docx_paragraphs_and_the_same_charts(client, alice, answered):
    client.force_login(alice)
    job = start_and_run(client, _url("report_docx", answered.pk))
    document = Document(io.BytesIO(job_file(client, job)))
    texts = [p.text for p in document.paragraphs]
    assert "BAB V ANALISIS" in texts
    assert any(t.startswith("Unsur dengan nilai terendah adalah U9") for t in texts)
    assert any("mutu pelayanan B (Baik)" in t for t in texts)
    assert len(document.inline_shapes) >= 3  # unsur, layanan, demographics


def test_archive_files_the_report_as_evidence_linked_to_survey_steps(
    client, alice, answered, plan
):
    client.force_login(alice)
    page = client.get(_url("results", answered.pk)).content.decode()
    steps = ActionStep.objects.for_plan(plan)
    survey_steps = [s for s in steps if "survei" in s.text.lower()]
    for step in survey_steps:
        assert f'value="{step.pk}"' in page
    client.post(
        _url("report_archive", answered.pk), {"steps": [s.pk for s in survey_steps]}
    )
    evidence = Evidence.objects.get(source=f"surveys.report:{answered.pk}")
    assert evidence.unit.code == CODE
    assert evidence.supported_questions == ["P.6.iv.a", "P.6.iv.b", "P.6.iv.c"]
    assert set(evidence.action_steps.all()) == set(survey_steps)
    assert evidence.current_revision.original_name.endswith(".pdf")


def test_follow_up_becomes_a_plan_step_in_the_pics_work(
    client, alice, bob, answered, plan
):
    client.force_login(alice)
    indicator = ActionStep.objects.for_plan(plan).get(text="Hasil survei").indicator
    response = client.post(
        _url("follow_up", answered.pk),
        {
            "question": "U9",
            "text": "Sediakan kotak pengaduan dan balas dalam 5 hari kerja",
            "indicator": str(indicator.pk),
            "owners": [bob.pk],
            "target_on": "2026-03-31",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(period=answered)
    step = follow_up.step
    assert step.indicator == indicator
    assert list(step.owners.all()) == [bob]
    assert "target: 31 Maret 2026" in step.text
    client.force_login(bob)
    panel = client.get(reverse("plans:my_work_panel")).content.decode()
    assert "Sediakan kotak pengaduan" in panel
    client.force_login(alice)
    html = client.get(_url("results", answered.pk)).content.decode()
    assert "Sediakan kotak pengaduan" in html and "Bob PIC" in html


def test_follow_up_form_refuses_another_units_indicator(
    client, alice, answered, plan, tree
):
    foreign = ActionPlanFactory(unit=tree["tanjabtim"], year=2025)
    indicator = IndicatorFactory(
        component=ComponentFactory(area=AreaFactory(plan=foreign))
    )
    client.force_login(alice)
    response = client.post(
        _url("follow_up", answered.pk),
        {"question": "U9", "text": "X", "indicator": str(indicator.pk)},
    )
    assert response.status_code == 400
    assert not FollowUp.objects.exists()


def _public(period: SurveyPeriod) -> str:
    return reverse("surveys:public_results", args=[CODE, period.public_token])


def test_public_results_only_for_closed_published_periods(client, alice, answered):
    assert client.get(_public(answered)).status_code == 404
    services.close_period(answered, by=alice)
    assert client.get(_public(answered)).status_code == 404
    services.publish_results(answered, by=alice, published=True)
    response = client.get(_public(answered))
    assert response.status_code == 200
    assert "83,33" in response.content.decode()
    wrong = reverse(
        "surveys:public_results", args=["kpu-tanjabtim", answered.public_token]
    )
    assert client.get(wrong).status_code == 404


def test_public_results_hold_no_personal_data_and_no_small_cells(
    client, alice, answered
):
    services.close_period(answered, by=alice)
    services.publish_results(answered, by=alice, published=True)
    html = client.get(_public(answered)).content.decode()
    assert "Saran rahasia" not in html and "Saran TNI" not in html
    # One respondent is TNI/Polri and one used the second layanan: both hidden.
    assert "TNI/Polri" not in html and "tni-polri" not in html
    assert "Layanan data pemilih" not in html
    assert "1 layanan tidak ditampilkan" in html
    # Raw demographic codes never appear, only labels of groups of 5 or more.
    for raw in ('"30-39"', ">s1<", ">swasta<", ">P<"):
        assert raw not in html
    assert "Pegawai swasta" in html


def test_public_results_below_five_respondents_show_only_the_count(
    client, alice, period, respond
):
    respond(period, GOOD)
    services.close_period(period, by=alice)
    services.publish_results(period, by=alice, published=True)
    html = client.get(_public(period)).content.decode()
    assert "kurang dari 5" in html
    assert "<svg" not in html


def test_public_index_lists_only_announced_periods(
    client, alice, answered, tree, instruments
):
    index = reverse("surveys:public_index", args=[CODE])
    assert "Belum ada hasil survei" in client.get(index).content.decode()
    services.close_period(answered, by=alice)
    services.publish_results(answered, by=alice, published=True)
    html = client.get(index).content.decode()
    assert answered.title in html and _public(answered) in html
    assert client.get("/publik/tidak-ada/survei/").status_code == 404


def test_report_is_signed_by_the_rencana_aksi_signatory(client, alice, answered, plan):
    client.force_login(alice)
    docx = start_and_run(client, _url("report_docx", answered.pk))
    document = Document(io.BytesIO(job_file(client, docx)))
    texts = [p.text for p in document.paragraphs]
    assert texts[-1] == "MUHAMMAD RUM"
    assert any(
        t == "Ketua Komisi Pemilihan Umum Kabupaten Tanjung Jabung Barat" for t in texts
    )
    assert any(t.startswith("Kuala Tungkal, ") for t in texts)
    pdf = start_and_run(client, _url("report_pdf", answered.pk))
    assert "MUHAMMAD RUM" in pdf_text(job_file(client, pdf))


def test_filing_the_same_report_twice_adds_no_revision(client, alice, answered):
    client.force_login(alice)
    client.post(_url("report_archive", answered.pk), {})
    client.post(_url("report_archive", answered.pk), {})
    evidence = Evidence.objects.get(source=f"surveys.report:{answered.pk}")
    assert evidence.revisions.count() == 1


def test_report_job_of_a_deleted_period_fails_in_indonesian(client, alice, period):
    client.force_login(alice)
    response = client.post(_url("report_docx", period.pk), {"legacy": "1"})
    job = Job.objects.get(kind="surveys.report")
    assert response["Location"] == job.get_absolute_url()
    assert job.params == {"period": period.pk, "format": "docx", "legacy": True}
    SurveyPeriod.objects.filter(pk=period.pk).delete()
    run_task(job)
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "Periode survei ini tidak ditemukan lagi (mungkin sudah dihapus). "
        "Laporan dibatalkan."
    )


def test_report_download_is_a_post_and_another_unit_gets_a_404(
    client, alice, charlie, answered
):
    client.force_login(alice)
    assert client.get(_url("report_pdf", answered.pk)).status_code == 405
    client.force_login(charlie)
    assert client.post(_url("report_pdf", answered.pk)).status_code == 404
    assert not Job.objects.exists()
