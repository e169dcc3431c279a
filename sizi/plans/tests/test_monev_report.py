"""The Laporan Monev: periods, the pure report core, its files and its job."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sizi.core.models import Job
from sizi.plans import services
from sizi.plans.export.monev import (
    STEP_HEADERS,
    export_monev_report,
    render_monev_xlsx,
)
from sizi.plans.models import ActionStep
from sizi.plans.monev_report import (
    AreaFacts,
    EvidenceFacts,
    FollowUpFacts,
    MeetingFacts,
    RealisationFacts,
    StepFacts,
    asks_for_monev_report,
    build_report,
    default_period,
    load_report,
    monev_steps,
    month,
    period_from_key,
    periods_of_year,
    quarter,
    status_on,
)
from sizi.plans.tests.factories import build_plan

CODE = "kpu-tanjabbar"
AREAS = [AreaFacts(1, "I", "Manajemen Perubahan"), AreaFacts(2, "II", "Tatalaksana")]


def _step(pk: int, area: int = 1, **kw) -> StepFacts:
    values = {
        "component": "Komponen",
        "indicator": "Indikator",
        "text": f"Langkah {pk}",
        "status": "in_progress",
        "progress": 40,
        "target_raw": "September 2025",
        "target_start": date(2025, 9, 1),
        "target_end": date(2025, 9, 30),
    }
    values.update(kw)
    return StepFacts(pk=pk, area=area, **values)


# --- Periods ---------------------------------------------------------------


def test_a_year_has_four_quarters_then_twelve_months():
    periods = periods_of_year(2025)
    assert [p.key for p in periods[:5]] == ["tw1", "tw2", "tw3", "tw4", "m1"]
    assert len(periods) == 16
    third = period_from_key(2025, "tw3")
    assert third == quarter(2025, 3)
    assert (third.start, third.end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert third.label == "Triwulan III 2025"
    assert third.span == "1 Juli – 30 September 2025"
    assert month(2025, 2).end == date(2025, 2, 28)
    assert period_from_key(2025, "tw5") is None


def test_the_default_period_follows_how_often_monev_meets():
    quarterly = [date(2025, 3, 10), date(2025, 6, 12)]
    monthly = [date(2025, 9, 5), date(2025, 10, 3), date(2025, 11, 7)]
    assert default_period(2025, quarterly, date(2025, 11, 20)).key == "tw4"
    assert default_period(2025, monthly, date(2025, 11, 20)).key == "m11"
    assert default_period(2025, [], date(2026, 2, 1)).key == "tw4"
    assert default_period(2025, [], date(2024, 12, 1)).key == "tw1"


# --- Status and rows -------------------------------------------------------


def test_status_on_the_period_end_marks_late_and_missed_recurring_periods():
    due = _step(1)
    assert status_on(due, date(2025, 9, 30)) == "in_progress"
    assert status_on(due, date(2025, 10, 1)) == "late"
    assert status_on(_step(2, status="done"), date(2025, 12, 1)) == "done"
    monthly = _step(
        3,
        target_start=date(2025, 1, 1),
        target_end=date(2025, 12, 31),
        target_recurrence="monthly",
        realisations=[RealisationFacts(date(2025, 8, 20), "Daftar hadir Agustus")],
    )
    assert status_on(monthly, date(2025, 9, 15)) == "in_progress"
    assert status_on(monthly, date(2025, 10, 1)) == "late"
    assert status_on(_step(4, target_end=None), date(2026, 1, 1)) == "in_progress"


def test_the_report_lists_begun_steps_with_their_work_in_the_period():
    q3 = quarter(2025, 3)
    steps = [
        _step(
            1,
            status="done",
            progress=60,
            realisations=[
                RealisationFacts(date(2025, 9, 12), "Rapat evaluasi"),
                RealisationFacts(date(2025, 5, 2), "Persiapan"),
            ],
            evidence=[
                EvidenceFacts("Notulen rapat", "verified", "Diverifikasi"),
                EvidenceFacts("Daftar hadir", "draft", "Draf"),
            ],
            follow_ups=[
                FollowUpFacts("Lengkapi SK", date(2025, 8, 4), False, "Bob", None),
                FollowUpFacts("Sudah lama", date(2025, 2, 1), True),
                FollowUpFacts("Nanti", date(2025, 10, 6), False),
            ],
        ),
        _step(2, target_start=date(2025, 6, 1), target_end=date(2025, 6, 30)),
        _step(3, area=2, progress=30),
        # Begins after the period: not listed.
        _step(4, area=2, target_start=date(2025, 11, 1), target_end=date(2025, 11, 30)),
    ]
    meetings = [
        MeetingFacts(date(2025, 8, 4), "Monev Agustus", 2, 1),
        MeetingFacts(date(2025, 10, 6), "Monev Oktober", 1, 0),
    ]
    report = build_report(
        unit_name="KPU Tanjab Barat",
        year=2025,
        period=q3,
        areas=AREAS,
        steps=steps,
        meetings=meetings,
        on=date(2025, 12, 1),
    )
    first, second = report.sections
    assert [r.number for r in first.rows] == [1, 2]
    assert [r.text for r in second.rows] == ["Langkah 3"]
    done, late = first.rows
    assert (done.status, done.progress) == ("Selesai", 100)
    assert done.realisations == ["12 September 2025: Rapat evaluasi"]
    assert done.evidence_summary == "2 bukti: 1 diverifikasi, 1 draf"
    assert done.evidence_titles == ["Daftar hadir", "Notulen rapat"]
    assert done.follow_ups == [
        "Lengkapi SK · PIC Bob · belum selesai (rapat 4 Agustus 2025)"
    ]
    assert late.status == "Terlambat"
    assert second.rows[0].status == "Terlambat"  # due 30 September, seen after it
    s = first.summary
    assert (s.steps, s.done, s.late, s.on_track, s.realised, s.progress) == (
        2, 1, 1, 0, 1, 70,
    )  # fmt: skip
    assert (report.total.steps, report.total.late, report.total.progress) == (3, 2, 57)
    assert [m.title for m in report.meetings] == ["Monev Agustus"]
    assert report.as_of == date(2025, 9, 30)


def test_a_running_period_counts_steps_on_track_until_their_target_ends():
    report = build_report(
        unit_name="U",
        year=2025,
        period=quarter(2025, 3),
        areas=AREAS,
        steps=[_step(1), _step(2, status="not_started", progress=0)],
        on=date(2025, 9, 15),
    )
    summary = report.sections[0].summary
    assert (summary.on_track, summary.late, summary.done) == (2, 0, 0)
    assert report.as_of == date(2025, 9, 15)


def test_steps_that_ask_for_the_monev_report():
    assert asks_for_monev_report("Pemantauan dan Evaluasi Pembangunan WBK/WBBM", [])
    assert asks_for_monev_report("Tim Kerja", ["Laporan monev berkala"])
    assert asks_for_monev_report("X", ["Laporan Monitoring dan Evaluasi Rencana Aksi"])
    assert not asks_for_monev_report(
        "Keterbukaan Informasi Publik", ["Laporan monev terkait keterbukaan informasi"]
    )
    assert not asks_for_monev_report("Tim Kerja", ["SK Tim Kerja ZI"])


# --- From the database -------------------------------------------------------


def test_the_seed_plan_s_monev_step_is_the_one_the_report_supports(seed_plan):
    steps = monev_steps(seed_plan)
    assert [s.text for s in steps] == ["Rapat evaluasi pembangunan ZI"]


def test_the_report_reads_realisations_follow_ups_and_evidence(
    seed_plan, alice, bob_step
):
    services.add_realisation(
        bob_step,
        by=alice,
        description="SK ditandatangani",
        done_on=date(2025, 10, 14),
        note="",
        mark_done=False,
    )
    meeting = services.record_meeting(
        seed_plan, by=alice, held_on=date(2025, 11, 3), title="Monev November"
    )
    services.add_follow_up(
        meeting, by=alice, text="Unggah SK", owner=None, due_on=None, steps=[bob_step]
    )
    report = load_report(seed_plan, quarter(2025, 4), on=date(2025, 12, 1))
    rows = [r for s in report.sections for r in s.rows]
    row = next(r for r in rows if r.text == bob_step.text)
    assert row.realisations == ["14 Oktober 2025: SK ditandatangani"]
    assert row.owners == "Bob PIC"
    assert row.follow_ups == ["Unggah SK · belum selesai (rapat 3 November 2025)"]
    assert row.evidence_summary == "Belum ada bukti"
    assert [m.title for m in report.meetings] == ["Monev November"]
    assert report.total.steps == len(rows) > 40


def test_the_report_reads_a_bigger_plan_in_the_same_number_of_queries(
    tree, django_assert_max_num_queries
):
    small = build_plan(tree["tanjabbar"], steps=4, year=2025)
    big = build_plan(tree["tanjabtim"], steps=60, year=2025)
    for plan in (small, big):
        for step in ActionStep.objects.for_plan(plan)[:3]:
            step.realisations.create(description="x", done_on=date(2025, 5, 2))
    with django_assert_max_num_queries(10) as first:
        load_report(small, quarter(2025, 2), on=date(2025, 7, 1))
    with django_assert_max_num_queries(len(first.captured_queries)):
        report = load_report(big, quarter(2025, 2), on=date(2025, 7, 1))
    assert report.total.steps == 30  # months 1–6 of 60 steps spread over 12


# --- Files -----------------------------------------------------------------


def test_the_workbook_holds_the_summary_the_steps_and_the_meetings(seed_plan, alice):
    services.record_meeting(
        seed_plan, by=alice, held_on=date(2025, 11, 3), title="Monev November"
    )
    report = load_report(seed_plan, quarter(2025, 4), on=date(2025, 12, 1))
    book = load_workbook(io.BytesIO(render_monev_xlsx(report)))
    assert book.sheetnames == ["Ringkasan", "Langkah aksi", "Rapat monev"]
    summary = [r for r in book["Ringkasan"].iter_rows(values_only=True) if any(r)]
    assert summary[2][0] == "Periode: Triwulan IV 2025 (1 Oktober – 31 Desember 2025)"
    assert summary[4][0] == "Area perubahan"
    total = summary[-1]
    assert total[0] == "Jumlah"
    assert total[1] == report.total.steps
    assert total[3] == report.total.late
    steps = [r for r in book["Langkah aksi"].iter_rows(values_only=True) if any(r)]
    header = steps.index(tuple(STEP_HEADERS))
    monev = next(r for r in steps[header:] if r[3] == "Rapat evaluasi pembangunan ZI")
    assert monev[1].startswith("I. ")
    assert monev[5] == "November, Desember"
    assert monev[9] == "Belum ada bukti"
    meetings = list(book["Rapat monev"].iter_rows(values_only=True))
    assert meetings[-1] == ("3 November 2025", "Monev November", 0, 0)


def test_the_pdf_names_the_period_areas_and_steps(seed_plan):
    exported = export_monev_report(seed_plan, quarter(2025, 4), "pdf")
    assert exported.filename == f"laporan-monev-{CODE}-2025-tw4.pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(exported.data)).pages
    )
    text = " ".join(text.split())
    assert "LAPORAN MONITORING DAN EVALUASI" in text
    assert "Triwulan IV 2025" in text
    assert "Ringkasan per area perubahan" in text
    assert "Rapat evaluasi pembangunan ZI" in text
    assert "I. Pembangunan unit kerja" in text
    assert "PENGUATAN PENGAWASAN" in text


# --- Page and job --------------------------------------------------------


def test_the_monev_page_offers_the_report_with_the_monev_step_chosen(
    client, alice, vera, seed_plan
):
    [step] = monev_steps(seed_plan)
    client.force_login(alice)
    html = client.get(reverse("plans:meeting_list", args=[CODE, 2025])).content.decode()
    assert reverse("plans:monev_report", args=[CODE, 2025]) in html
    assert 'value="tw4"' in html and "Triwulan IV 2025" in html
    assert re.search(rf'name="steps" value="{step.pk}"[^>]*checked', html)
    assert "Buat dan simpan sebagai bukti fisik" in html
    client.force_login(vera)
    html = client.get(reverse("plans:meeting_list", args=[CODE, 2025])).content.decode()
    assert "Buat laporan" in html
    assert "Buat dan simpan sebagai bukti fisik" not in html


@pytest.mark.django_db(transaction=True)
def test_the_report_job_builds_the_workbook_for_download(client, vera, seed_plan):
    client.force_login(vera)
    url = reverse("plans:monev_report", args=[CODE, 2025])
    response = client.post(url, {"period": "tw4", "format": "xlsx"})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.user, job.params["period"]) == (
        "plans.monev_report",
        vera,
        "tw4",
    )
    assert "Triwulan IV 2025" in job.title
    call_command("worker", "--once", "--no-schedule")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_filename == f"laporan-monev-{CODE}-2025-tw4.xlsx"
    download = client.get(reverse("units:job_download", args=[job.pk]))
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    texts = [c for r in book["Langkah aksi"].iter_rows(values_only=True) for c in r]
    assert "Rapat evaluasi pembangunan ZI" in texts


def test_a_bad_period_starts_no_job(client, vera, seed_plan):
    client.force_login(vera)
    url = reverse("plans:monev_report", args=[CODE, 2025])
    response = client.post(url, {"period": "tw9", "format": "xlsx"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:meeting_list", args=[CODE, 2025])
    assert not Job.objects.exists()
    htmx = client.post(url, {"period": "tw1", "format": "doc"}, HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("plans:meeting_list", args=[CODE, 2025])
    assert not Job.objects.exists()


def test_the_command_writes_the_report_of_a_month(seed_plan, tmp_path):
    out = tmp_path / "monev.xlsx"
    call_command(
        "export_monev_report",
        "--unit", CODE, "--year", "2025", "--period", "m11", "--format", "xlsx",
        "-o", str(out),
    )  # fmt: skip
    rows = list(load_workbook(out)["Ringkasan"].iter_rows(values_only=True))
    assert rows[2][0] == "Periode: November 2025 (1 November – 30 November 2025)"
    with pytest.raises(CommandError, match="tw1–tw4"):
        call_command(
            "export_monev_report",
            "--unit", CODE, "--year", "2025", "--period", "q5", "--format", "pdf",
            "-o", str(out),
        )  # fmt: skip
