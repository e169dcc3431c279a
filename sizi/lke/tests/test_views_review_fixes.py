"""Fixes from the LKE review: note rights, preview files, and what each page shows."""

from __future__ import annotations

import re

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sizi.lke import services
from sizi.lke.models import Assessment, Question
from sizi.lke.tests.arrange import answer, answer_all
from sizi.units.models import Membership
from sizi.units.tests.factories import MembershipFactory, UserFactory


def url(name: str, *args: object) -> str:
    return reverse(f"lke:{name}", args=["kpu-tanjabbar", 2025, *args])


def q(assessment: Assessment, code: str) -> Question:
    return Question.objects.get(instrument=assessment.instrument, code=code)


def _submitted(assessment: Assessment, alice) -> Assessment:
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    return assessment


# A. Withdrawing a review note


def test_reviewer_cannot_withdraw_another_reviewers_note(
    client, assessment, alice, rina, tree
):
    _submitted(assessment, alice)
    colleague = UserFactory(username="rudi")
    MembershipFactory(user=colleague, unit=tree["jambi"], role=Membership.Role.REVIEWER)
    note = services.add_review_note(
        assessment, q(assessment, "P.1.i.a"), text="SK belum ada", by=rina
    )
    client.force_login(colleague)

    page = client.get(url("answer_area", "MP"))
    response = client.post(url("review_note_withdraw", note.pk))

    assert page.status_code == 200  # the assessment is visible to the colleague …
    assert (
        reverse("lke:review_note_withdraw", args=["kpu-tanjabbar", 2025, note.pk])
        not in page.text
    )
    assert response.status_code == 403  # … but the note is not theirs
    note.refresh_from_db()
    assert note.returned is True


def test_author_withdraws_own_note(client, assessment, alice, rina):
    _submitted(assessment, alice)
    note = services.add_review_note(
        assessment, q(assessment, "P.1.i.a"), text="SK belum ada", by=rina
    )
    client.force_login(rina)

    response = client.post(url("review_note_withdraw", note.pk))

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.returned is False


# B. Preview files


def test_applying_a_preview_deletes_its_file(client, assessment, alice):
    from sizi.lke.services.workbook import export_assessment

    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    data = export_assessment(assessment)
    client.force_login(alice)

    preview = client.post(url("import"), {"file": SimpleUploadedFile("lke.xlsx", data)})
    assert default_storage.listdir("lke-imports")[1] != []
    applied = client.post(url("import"), {"token": preview.context["token"]})

    assert applied.status_code == 302
    assert default_storage.listdir("lke-imports")[1] == []


# 1. Roll-up year


def test_rollup_opens_on_the_latest_year_with_data(client, assessment, rina):
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]))

    assert response.context["year"] == 2025
    assert "Menampilkan tahun penilaian <strong>2025</strong>" in response.text
    assert response.context["rows"][0].assessment == assessment
    assert 2025 in response.context["years"]
    assert '<option value="2025" selected>' in response.text


def test_rollup_keeps_the_chosen_empty_year_and_says_so(client, assessment, rina):
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2023})

    assert response.context["year"] == 2023
    assert "belum ada unit di bawah ini yang memulai LKE tahun ini" in response.text
    assert all(r.status_label == "Belum mulai" for r in response.context["rows"])


# 2 and 9. Snapshot labels and displayed codes


def test_snapshot_shows_layer_and_input_labels(client, assessment, alice):
    answer_all(assessment, alice)
    answer(
        assessment,
        q(assessment, "R.1.i.a"),
        alice,
        inputs={"jumlah_agen": 8, "perubahan_dibuat": 9},
    )
    submission = services.submit_assessment(assessment, by=alice)
    client.force_login(alice)

    text = client.get(url("submission", submission.number)).text

    assert "<td>Penilaian mandiri</td>" in text
    assert "<td>self</td>" not in text
    assert "Jumlah agen perubahan: 8" in text
    assert "jumlah_agen=" not in text
    assert "<td>R.1.ii</td>" in text
    assert "R.1.ii.-" not in text


def test_question_codes_are_shown_without_the_trailing_dash(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("answer_area", "MP")).text

    assert '<span class="lke-code">R.1.ii</span>' in text
    assert 'id="q-R.1.ii.-"' in text  # the stored code stays in anchors and URLs


# 3. Option texts


def test_option_text_starting_with_its_letter_has_no_prefix(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("answer_area", "MP")).text

    assert "Ya — Ya," not in text
    assert re.search(r'value="ya"[^>]*> Ya, jika', text)
    assert re.search(r'value="b"[^>]*> <strong>B</strong> — Jika sebagian', text)


# 4. Decimals the Indonesian way


def test_hasil_inputs_use_a_decimal_comma(client, assessment, alice):
    from decimal import Decimal

    services.save_result_inputs(
        assessment,
        "self",
        ipak=Decimal("3.62"),
        ipak_source="Survei 2025",
        ipkp=Decimal("3.41"),
        ipkp_source="Survei 2025",
        performance="B",
        performance_note="",
        expected_version=0,
        by=alice,
    )
    client.force_login(alice)

    score = client.get(url("score")).text
    results = client.get(url("results")).text

    assert "3,62 →" in score
    assert "3.62" not in score
    assert "3,62" in results and "3,41" in results
    assert "3.62" not in results.split("Isian per lapisan")[1]


# 5. Wide tables scroll inside their wrapper


def test_score_page_wraps_every_table(client, assessment, alice):
    answer_all(assessment, alice)
    client.force_login(alice)

    text = client.get(url("score")).text

    assert text.count("<table") == text.count('<div class="table-wrap"><table')


# 6. Upload link only for a writable layer


def test_upload_link_only_for_users_who_can_write(
    client, assessment, alice, vera, rina
):
    upload = url("import")
    client.force_login(alice)
    assert upload in client.get(url("score")).text
    client.force_login(vera)
    assert upload not in client.get(url("score")).text
    client.force_login(rina)  # nothing submitted yet: no layer open for the reviewer
    assert upload not in client.get(url("score")).text


# 7. Coverage badges and reports


def test_coverage_reports_are_collapsible_with_counts(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("coverage")).text

    assert '<div class="lke-reports">' in text
    assert re.search(
        r"<summary>Pertanyaan LKE tanpa langkah aksi \(\d+\)</summary>", text
    )
    assert text.count('<details class="card">') == 4


# 8. Start card on the list


def test_start_card_offers_a_year_select_to_the_coordinator(
    client, assessment, alice, vera
):
    from django.utils import timezone

    client.force_login(alice)
    path = reverse("lke:assessment_list", args=["kpu-tanjabbar"])

    text = client.get(path).text
    this_year = timezone.localdate().year

    assert "Mulai penilaian baru" in text
    assert '<select name="year"' in text
    assert f'<option value="{this_year}"' in text
    assert 'value="2025"' not in text.split("Mulai penilaian baru")[1]  # taken
    client.force_login(vera)
    assert "Mulai penilaian baru" not in client.get(path).text


def test_start_from_the_card_creates_the_chosen_year(client, instrument, tree, alice):
    from django.utils import timezone

    client.force_login(alice)
    year = timezone.localdate().year

    response = client.post(
        reverse("lke:assessment_list", args=["kpu-tanjabbar"]), {"year": year}
    )

    assert response.status_code == 302
    assert Assessment.objects.filter(unit=tree["tanjabbar"], year=year).exists()
    refused = client.post(
        reverse("lke:assessment_list", args=["kpu-tanjabbar"]), {"year": 1999}
    )
    assert refused.status_code == 200
    assert Assessment.objects.filter(unit=tree["tanjabbar"]).count() == 1


# 10. Submission hint


def test_submission_hint_only_for_the_unit_in_draft(client, assessment, alice, rina):
    hint = "hanya dapat diajukan bila semua pertanyaan terjawab"
    client.force_login(alice)
    assert hint in client.get(url("score")).text

    _submitted(assessment, alice)

    assert hint not in client.get(url("score")).text
    client.force_login(rina)
    assert hint not in client.get(url("score")).text


def test_coverage_badges_say_kemiripan_and_areas_fold(
    client, assessment, alice, seed_decree_path
):
    import hashlib

    from django.utils.html import escape

    from sizi.lke.services import coverage
    from sizi.plans.importing import parse_decree
    from sizi.plans.services import import_plan

    data = seed_decree_path.read_bytes()
    import_plan(
        parse_decree(data, seed_decree_path.name, year=2025),
        unit=assessment.unit,
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    coverage.suggest_links(assessment, by=alice)
    client.force_login(alice)

    response = client.get(url("coverage"))
    text = response.text

    title = escape(q(assessment, "P.1.i.a").text)
    assert re.search(rf'title="{re.escape(title)}">P\.1\.i\.a · usulan', text)
    groups = response.context["indicator_groups"]
    assert sum(len(g["rows"]) for g in groups) == len(
        response.context["indicator_rows"]
    )
    assert len({g["label"] for g in groups}) == len(groups)
    assert text.count('<details class="lke-area-links">') == len(groups)
