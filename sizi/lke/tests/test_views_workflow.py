"""The workflow pages: submit, forward, return, conclude, TPN and the snapshot page."""

from __future__ import annotations

from sizi.lke.models import Assessment
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q, url

Status = Assessment.Status


def test_submit_through_the_page_reports_missing_questions(client, assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.post(url("submit"), follow=True)

    assert "109 pertanyaan belum dijawab" in response.text
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_snapshot_page_shows_its_hash(client, assessment, alice):
    answer_all(assessment, alice)
    submission = approve_and_submit(assessment, alice)
    client.force_login(alice)

    response = client.get(url("submission", submission.number))

    assert response.status_code == 200
    assert submission.sha256 in response.text
    assert response.context["intact"] is True


def test_snapshot_shows_layer_and_input_labels(client, assessment, alice):
    answer_all(assessment, alice)
    answer(
        assessment,
        q(assessment, "R.1.i.a"),
        alice,
        inputs={"jumlah_agen": 8, "perubahan_dibuat": 9},
    )
    submission = approve_and_submit(assessment, alice)
    client.force_login(alice)

    text = client.get(url("submission", submission.number)).text

    assert "<td>Penilaian mandiri</td>" in text
    assert "<td>self</td>" not in text
    assert "Jumlah agen perubahan: 8" in text
    assert "jumlah_agen=" not in text
    assert "<td>R.1.ii</td>" in text
    assert "R.1.ii.-" not in text
