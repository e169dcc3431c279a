"""The answering pages: assessment list and start, one area, saves and conflicts, notes, Hasil."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.evidence.models import Evidence
from sizi.lke import services
from sizi.lke.models import (
    Answer,
    Assessment,
    Question,
    ReviewNote,
)
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q, url
from sizi.units.models import Membership
from sizi.units.tests.factories import MembershipFactory, UserFactory

Status = Assessment.Status


def _submitted(assessment: Assessment, alice) -> Assessment:
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    return assessment


def test_coordinator_sees_the_answering_page_with_the_self_layer(
    client, assessment, alice
):
    client.force_login(alice)

    response = client.get(url("answer_area", "MP"))

    assert response.status_code == 200
    assert response.context["layer"] == "self"
    assert len(response.context["rows"]) == 16
    assert "P.1.i.a" in response.text


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
    approve_and_submit(assessment, alice)
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
    approve_and_submit(assessment, alice)
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
    approve_and_submit(assessment, alice)
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
    approve_and_submit(assessment, alice)
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
    approve_and_submit(assessment, alice)
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


def test_province_unit_goes_straight_to_tpi(client, instrument, tree, rina, tia):
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, unit=tree["jambi"], role="coordinator")
    province = services.start_assessment(unit=tree["jambi"], year=2025, by=coordinator)
    answer_all(province, coordinator)
    approve_and_submit(province, coordinator)
    path = reverse("lke:answer_save", args=["kpu-jambi", 2025, "P.1.i.a"])

    client.force_login(rina)
    assert client.post(path, {"value": "tidak", "version": 0}).status_code == 403
    client.force_login(tia)
    assert client.post(path, {"value": "tidak", "version": 0}).status_code == 302

    assert Answer.objects.get(assessment=province, layer="internal").value == "tidak"


def test_reviewer_page_query_count_does_not_grow_with_layers_and_data(
    client, assessment, alice, rina
):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    client.force_login(rina)
    path = url("answer_area", "PW")
    answer(assessment, q(assessment, "P.5.i.a"), rina, layer="preliminary", value="c")
    few = _area_queries(client, path)

    for question in Question.objects.filter(sub_area__area__code="PW")[:12]:
        answer(assessment, question, rina, layer="preliminary", note="cek")
        services.add_review_note(assessment, question, text="Lengkapi bukti", by=rina)
    many = _area_queries(client, path)

    assert many == few


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


def test_question_codes_are_shown_without_the_trailing_dash(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("answer_area", "MP")).text

    assert '<span class="lke-code">R.1.ii</span>' in text
    assert 'id="q-R.1.ii.-"' in text  # the stored code stays in anchors and URLs


def test_option_text_starting_with_its_letter_has_no_prefix(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("answer_area", "MP")).text

    assert "Ya — Ya," not in text
    assert re.search(r'value="ya"[^>]*> Ya, jika', text)
    assert re.search(r'value="b"[^>]*> <strong>B</strong> — Jika sebagian', text)


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
