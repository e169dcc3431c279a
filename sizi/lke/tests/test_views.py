"""The LKE pages: rights per unit and layer, htmx saving, conflicts, query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.evidence.models import Evidence
from sizi.lke import services
from sizi.lke.models import Answer, Assessment, Question, ReviewNote
from sizi.lke.tests.arrange import answer, answer_all
from sizi.units.models import Unit
from sizi.units.tests.factories import MembershipFactory, UnitFactory, UserFactory

Status = Assessment.Status


def url(name: str, *args: object) -> str:
    return reverse(f"lke:{name}", args=["kpu-tanjabbar", 2025, *args])


def q(assessment: Assessment, code: str) -> Question:
    return Question.objects.get(instrument=assessment.instrument, code=code)


def test_coordinator_sees_the_answering_page_with_the_self_layer(
    client, assessment, alice
):
    client.force_login(alice)

    response = client.get(url("answer_area", "MP"))

    assert response.status_code == 200
    assert response.context["layer"] == "self"
    assert len(response.context["rows"]) == 16
    assert "P.1.i.a" in response.text


@pytest.mark.parametrize(
    "name", ["score", "answer_start", "results", "coverage", "export"]
)
def test_sibling_unit_sees_nothing(client, assessment, alice, charlie, name):
    answer(
        assessment,
        q(assessment, "P.1.i.a"),
        alice,
        value="ya",
        note="rahasia tanjabbar",
    )
    client.force_login(charlie)

    response = client.get(url(name))

    assert response.status_code == 404
    assert "rahasia tanjabbar" not in response.text


def test_sibling_cannot_post_an_answer(client, assessment, charlie):
    client.force_login(charlie)

    response = client.post(url("answer_save", "P.1.i.a"), {"value": "ya", "version": 0})

    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_viewer_reads_but_cannot_write(client, assessment, vera):
    client.force_login(vera)

    assert client.get(url("answer_area", "MP")).context["layer"] is None
    response = client.post(url("answer_save", "P.1.i.a"), {"value": "ya", "version": 0})

    assert response.status_code == 403
    assert Answer.objects.count() == 0


def test_unit_cannot_write_review_layers(client, assessment, alice):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    client.force_login(alice)

    response = client.post(
        url("answer_save", "P.1.i.a"), {"value": "tidak", "version": 0}
    )

    assert response.status_code == 403
    assert not Answer.objects.exclude(layer="self").exists()
    assert client.post(url("conclude"), {"met": "1"}).status_code == 403
    assert client.post(url("forward")).status_code == 403


def test_provincial_reviewer_fills_the_preliminary_layer_not_tpi(
    client, assessment, alice, rina
):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    client.force_login(rina)

    page = client.get(url("answer_area", "MP"))
    response = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "c", "version": 0},
        HTTP_HX_REQUEST="true",
    )

    assert page.context["layer"] == "preliminary"
    assert [c.layer for c in page.context["rows"][0].cells] == ["self"]
    assert response.status_code == 200
    assert Answer.objects.get(layer="preliminary").value == "c"
    assert client.post(url("conclude"), {"met": "1"}).status_code == 403


def test_tpi_cannot_write_before_the_preliminary_review_is_forwarded(
    client, assessment, alice, tia
):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    client.force_login(tia)

    response = client.post(
        url("answer_save", "P.1.i.a"), {"value": "tidak", "version": 0}
    )

    assert response.status_code == 403


def test_htmx_save_returns_the_question_fragment(client, assessment, alice):
    client.force_login(alice)

    response = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "b", "note": "Sebagian", "version": 0},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Tersimpan" in response.text
    assert 'id="v-P_1_i_b" value="1" hx-swap-oob="true"' in response.text
    assert Answer.objects.get().value == "b"


def test_conflict_keeps_the_users_input_and_explains(client, assessment, alice, bob):
    answer(assessment, q(assessment, "P.1.i.b"), bob, value="c", note="versi Bob")
    client.force_login(alice)

    response = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "a", "note": "catatan Alice yang panjang", "version": 0},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert "sudah diubah oleh Bob PIC" in response.text
    assert (
        "versi Bob" in response.text
    )  # the stored value is shown; the form is untouched
    # the current version, so that a second save overwrites deliberately
    assert 'id="v-P_1_i_b" value="1" hx-swap-oob="true"' in response.text
    assert Answer.objects.get().value == "c"


def _sent_version(text: str, dom_id: str) -> str:
    """Return the version a page or an htmx response gives the answer form."""
    match = re.search(rf'id="v-{dom_id}" value="(\d+)"', text)
    assert match is not None, text
    return match.group(1)


def test_a_second_tab_with_the_same_stale_version_is_a_conflict(
    client, assessment, alice
):
    client.force_login(alice)
    page = client.get(url("answer_area", "MP")).text
    loaded = _sent_version(page, "P_1_i_b")
    first = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "b", "note": "tab pertama", "version": loaded},
        HTTP_HX_REQUEST="true",
    )

    second = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "c", "note": "tab kedua", "version": loaded},
        HTTP_HX_REQUEST="true",
    )

    assert first.status_code == 200 and "Tersimpan" in first.text
    assert "sudah Anda ubah di tab atau jendela lain" in second.text
    assert "Tersimpan" not in second.text
    stored = Answer.objects.get()
    assert (stored.value, stored.note, stored.version) == ("b", "tab pertama", 1)


def test_one_tab_saves_again_and_again_with_the_version_each_save_returns(
    client, assessment, alice
):
    evidence_item = Evidence.objects.create(
        unit=assessment.unit,
        title="SK Tim ZI",
        kind="link",
        url="https://example.org/sk",
        document_date="2025-01-02",
    )
    client.force_login(alice)
    version = _sent_version(client.get(url("answer_area", "MP")).text, "P_1_i_b")

    for value, note in [("a", ""), ("a", "catatan"), ("b", "catatan")]:
        response = client.post(
            url("answer_save", "P.1.i.b"),
            {"value": value, "note": note, "version": version},
            HTTP_HX_REQUEST="true",
        )
        assert "Tersimpan" in response.text, response.text
        version = _sent_version(response.text, "P_1_i_b")
    linked = client.post(
        url("answer_evidence", "P.1.i.b"),
        {"evidence": [evidence_item.pk]},
        HTTP_HX_REQUEST="true",
    )
    version = _sent_version(linked.text, "P_1_i_b")
    last = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "c", "note": "catatan", "version": version},
        HTTP_HX_REQUEST="true",
    )

    assert "Tersimpan" in last.text
    stored = Answer.objects.get()
    assert (stored.value, stored.version) == ("c", 5)
    assert list(stored.evidence.all()) == [evidence_item]


def test_conflict_without_htmx_keeps_the_users_input_in_the_page(
    client, assessment, alice, bob
):
    answer(assessment, q(assessment, "P.1.i.b"), bob, value="c", note="versi Bob")
    client.force_login(alice)

    response = client.post(
        url("answer_save", "P.1.i.b"),
        {"value": "a", "note": "catatan Alice yang panjang", "version": 0},
    )

    assert response.status_code == 409
    assert "catatan Alice yang panjang" in response.text
    assert "sudah diubah oleh Bob PIC" in response.text


def test_returned_item_shows_the_reviewers_note_to_the_unit(
    client, assessment, alice, rina
):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    services.add_review_note(
        assessment, q(assessment, "P.1.i.a"), text="SK belum ditandatangani", by=rina
    )
    services.return_assessment(assessment, by=rina)
    client.force_login(alice)

    page = client.get(url("answer_area", "MP"))

    assert page.context["layer"] == "self"
    assert "SK belum ditandatangani" in page.text
    assert "Dikembalikan" in page.text


def test_review_note_and_return_through_the_pages(client, assessment, alice, rina):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    client.force_login(rina)

    client.post(
        url("review_note_add", "P.1.ii.a"),
        {"text": "Dokumen belum disahkan", "returned": "on"},
    )
    response = client.post(url("return"))

    assessment.refresh_from_db()
    assert response.status_code == 302
    assert assessment.status == Status.RETURNED
    assert ReviewNote.objects.get().text == "Dokumen belum disahkan"


def test_score_page_shows_totals_eligibility_and_rules(client, assessment, alice):
    answer_all(assessment, alice)
    client.force_login(alice)

    response = client.get(url("score"))

    assert response.status_code == 200
    assert "Nilai total" in response.text
    assert "Menuju WBK" in response.text
    assert (
        "dari minimal" in response.text
    )  # a failed condition with its gap (Hasil empty)
    assert "Pembulatan" in response.text


def test_submit_through_the_page_reports_missing_questions(client, assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.post(url("submit"), follow=True)

    assert "109 pertanyaan belum dijawab" in response.text
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def _area_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_answering_page_query_count_does_not_grow_with_data(client, assessment, alice):
    from sizi.evidence.models import Evidence

    client.force_login(alice)
    path = url("answer_area", "PW")
    answer(assessment, q(assessment, "P.5.i.a"), alice)
    few = _area_queries(client, path)

    for question in Question.objects.filter(sub_area__area__code="PW"):
        answer(assessment, question, alice, note="catatan")
        items = [
            Evidence.objects.create(
                unit=assessment.unit,
                title=f"Bukti {question.code} {i}",
                kind="link",
                url="https://example.go.id",
                document_date="2025-03-01",
            )
            for i in range(2)
        ]
        services.set_answer_evidence(
            assessment, question, "self", [e.pk for e in items], by=alice
        )
    many = _area_queries(client, path)

    assert many == few


def test_rollup_lists_units_below_with_scores(client, assessment, alice, rina):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2025})

    assert response.status_code == 200
    names = [r.unit.code for r in response.context["rows"]]
    assert names == ["kpu-tanjabbar", "kpu-tanjabtim"]
    assert response.context["rows"][0].scores["self"].answered == 1


def test_rollup_is_refused_to_a_coordinator(client, assessment, alice):
    client.force_login(alice)

    assert client.get(reverse("lke:rollup", args=["kpu-tanjabbar"])).status_code == 403


def _rollup_queries(client, code: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert (
            client.get(reverse("lke:rollup", args=[code]), {"year": 2025}).status_code
            == 200
        )
    return len(ctx.captured_queries)


def test_rollup_query_count_does_not_grow_with_units(
    client, instrument, tree, alice, tia
):
    services.start_assessment(unit=tree["tanjabbar"], year=2025, by=alice)
    client.force_login(tia)
    few = _rollup_queries(client, "kpu-ri")

    level = tree["tanjabbar"].level
    for i in range(20):
        unit: Unit = UnitFactory(code=f"kpu-x{i}", level=level, parent=tree["jambi"])
        coordinator = UserFactory()
        MembershipFactory(user=coordinator, unit=unit, role="coordinator")
        started = services.start_assessment(unit=unit, year=2025, by=coordinator)
        answer(started, Question.objects.get(code="P.1.i.a"), coordinator, value="ya")
    many = _rollup_queries(client, "kpu-ri")

    assert many == few


def test_export_downloads_the_workbook(client, assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.get(url("export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    # A unit's answers are kept out of shared and browser caches.
    assert response["Cache-Control"] == "private, no-store"


def test_import_page_previews_then_applies(client, assessment, alice, tree, charlie):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sizi.lke.services.workbook import export_assessment

    answer_all(assessment, alice)
    data = export_assessment(assessment)
    other = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)
    client.force_login(charlie)
    path = reverse("lke:import", args=["kpu-tanjabtim", 2025])

    preview = client.post(path, {"file": SimpleUploadedFile("lke.xlsx", data)})

    assert preview.status_code == 200
    assert len(preview.context["report"].changes) == 110
    assert Answer.objects.filter(assessment=other).count() == 0
    applied = client.post(path, {"token": preview.context["token"]})
    assert applied.status_code == 302
    assert Answer.objects.filter(assessment=other).count() == 110
    assert client.post(path, {"token": preview.context["token"]}).status_code == 302
    assert Answer.objects.filter(assessment=other).count() == 110


def test_import_preview_lists_changed_hasil_inputs(client, assessment, alice):
    """An IPAK changed in the workbook is previewed, not written unannounced."""
    import io
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from sizi.lke.models import ResultInput
    from sizi.lke.services.workbook import export_assessment

    answer_all(assessment, alice)
    services.save_result_inputs(
        assessment,
        "self",
        ipak=Decimal("3.62"),
        ipkp=Decimal("3.41"),
        performance="B",
        expected_version=0,
        by=alice,
    )
    wb = load_workbook(io.BytesIO(export_assessment(assessment)))
    ws = wb["LKE ZI"]
    row = next(r[0].row for r in ws.iter_rows() if r[13].value == "H1.a")
    ws[f"K{row}"] = "3,70"
    out = io.BytesIO()
    wb.save(out)
    client.force_login(alice)
    path = url("import")

    preview = client.post(
        path, {"file": SimpleUploadedFile("lke.xlsx", out.getvalue())}
    )

    report = preview.context["report"]
    assert report.changes == []
    assert report.hasil_changes == [("H1.a", "3.62", "3.70")]
    assert "1 isian komponen hasil berubah" in preview.text
    assert ResultInput.objects.get(assessment=assessment).ipak == Decimal("3.62")
    applied = client.post(path, {"token": preview.context["token"]}, follow=True)
    assert ResultInput.objects.get(assessment=assessment).ipak == Decimal("3.70")
    assert "1 isian komponen hasil berubah" in applied.text


def test_snapshot_page_shows_its_hash(client, assessment, alice):
    answer_all(assessment, alice)
    submission = services.submit_assessment(assessment, by=alice)
    client.force_login(alice)

    response = client.get(url("submission", submission.number))

    assert response.status_code == 200
    assert submission.sha256 in response.text
    assert response.context["intact"] is True


def test_province_unit_goes_straight_to_tpi(client, instrument, tree, rina, tia):
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, unit=tree["jambi"], role="coordinator")
    province = services.start_assessment(unit=tree["jambi"], year=2025, by=coordinator)
    answer_all(province, coordinator)
    services.submit_assessment(province, by=coordinator)
    path = reverse("lke:answer_save", args=["kpu-jambi", 2025, "P.1.i.a"])

    client.force_login(rina)
    assert client.post(path, {"value": "tidak", "version": 0}).status_code == 403
    client.force_login(tia)
    assert client.post(path, {"value": "tidak", "version": 0}).status_code == 302

    assert Answer.objects.get(assessment=province, layer="internal").value == "tidak"


@pytest.mark.parametrize(
    "model", ["instrument", "question", "assessment", "layerscore", "submission"]
)
def test_admin_lists_lke_rows_read_only(client, assessment, admin, model):
    client.force_login(admin)

    response = client.get(reverse(f"admin:lke_{model}_changelist"))

    assert response.status_code == 200
    assert client.get(reverse(f"admin:lke_{model}_add")).status_code == 403


def test_dashboard_panel_summarises_the_latest_assessment(
    client, assessment, alice, charlie
):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.get(reverse("lke:dashboard_panel", args=["kpu-tanjabbar"]))

    assert response.status_code == 200
    assert response.context["progress"] == 1
    assert "LKE 2025" in response.text
    client.force_login(charlie)
    assert (
        client.get(reverse("lke:dashboard_panel", args=["kpu-tanjabbar"])).status_code
        == 404
    )


def test_rollup_sorts_by_total(client, assessment, alice, charlie, rina):
    other = services.start_assessment(
        unit=assessment.unit.parent.children.get(code="kpu-tanjabtim"),
        year=2025,
        by=charlie,
    )
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    answer(other, q(other, "P.1.i.a"), charlie, value="ya")
    answer(other, q(other, "P.1.i.b"), charlie, value="a")
    client.force_login(rina)

    response = client.get(
        reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2025, "sort": "-total"}
    )

    assert [r.unit.code for r in response.context["rows"]] == [
        "kpu-tanjabtim",
        "kpu-tanjabbar",
    ]


def test_reviewer_page_query_count_does_not_grow_with_layers_and_data(
    client, assessment, alice, rina
):
    answer_all(assessment, alice)
    services.submit_assessment(assessment, by=alice)
    client.force_login(rina)
    path = url("answer_area", "PW")
    answer(assessment, q(assessment, "P.5.i.a"), rina, layer="preliminary", value="c")
    few = _area_queries(client, path)

    for question in Question.objects.filter(sub_area__area__code="PW")[:12]:
        answer(assessment, question, rina, layer="preliminary", note="cek")
        services.add_review_note(assessment, question, text="Lengkapi bukti", by=rina)
    many = _area_queries(client, path)

    assert many == few
