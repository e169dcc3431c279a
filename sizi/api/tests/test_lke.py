"""LKE through the API: scores per layer, answers, writing with versions (409)."""

from __future__ import annotations

import pytest

from sizi.lke.models import Answer, Question
from sizi.lke.tests.arrange import answer

pytestmark = pytest.mark.django_db
LKE = "/units/kpu-tanjabbar/lke/2025"


@pytest.fixture
def question(assessment) -> Question:
    return (
        Question.objects.filter(instrument=assessment.instrument)
        .exclude(options=[])
        .order_by("order")
        .first()
    )


def letter(question: Question, n: int = 0) -> str:
    return str(question.options[n]["letter"])


def test_scores_per_layer_and_the_callers_layer(
    api_as, bob, assessment, question
) -> None:
    answer(assessment, question, bob)

    body = api_as(bob).get(LKE).json()

    assert body["write_layer"] == "self"
    assert [s["layer"] for s in body["scores"]] == ["self"]
    assert body["scores"][0]["answered"] == 1


def test_another_units_lke_is_404(api_as, charlie, assessment) -> None:
    assert api_as(charlie).get(LKE).status_code == 404
    assert api_as(charlie).get(f"{LKE}/answers").status_code == 404


def test_answers_of_a_layer_with_versions(
    api_as, vera, bob, assessment, question
) -> None:
    answer(assessment, question, bob)

    body = api_as(vera).get(f"{LKE}/answers", layer="self").json()

    assert [(a["question"], a["version"]) for a in body["answers"]] == [
        (question.code, 1)
    ]
    assert api_as(vera).get(f"{LKE}/answers", layer="internal").json()["answers"] == []


def test_a_pic_saves_an_answer_of_the_self_layer(
    api_as, bob, assessment, question
) -> None:
    response = api_as(bob).put(
        f"{LKE}/answers/{question.code}",
        {"value": letter(question), "expected_version": 0},
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["layer"], response.json()["version"]) == ("self", 1)
    assert Answer.objects.get(question=question).value == letter(question)


def test_a_stale_version_is_409_and_nothing_changes(
    api_as, bob, alice, assessment, question
) -> None:
    answer(assessment, question, alice, value=letter(question, 1))

    response = api_as(bob).put(
        f"{LKE}/answers/{question.code}",
        {"value": letter(question), "expected_version": 0},
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    saved = Answer.objects.get(question=question)
    assert (saved.value, saved.version) == (letter(question, 1), 1)


@pytest.mark.parametrize("persona", ["vera", "rina"])
def test_without_a_layer_to_write_it_is_403(
    request, api_as, assessment, question, persona
) -> None:
    user = request.getfixturevalue(persona)

    response = api_as(user).put(
        f"{LKE}/answers/{question.code}",
        {"value": letter(question), "expected_version": 0},
    )

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_naming_a_layer_not_ones_own_is_403(api_as, bob, assessment, question) -> None:
    response = api_as(bob).put(
        f"{LKE}/answers/{question.code}",
        {"layer": "internal", "value": letter(question), "expected_version": 0},
    )

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_another_unit_cannot_write_404(api_as, charlie, assessment, question) -> None:
    response = api_as(charlie).put(
        f"{LKE}/answers/{question.code}",
        {"value": letter(question), "expected_version": 0},
    )

    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_a_wrong_option_is_422_in_indonesian(api_as, bob, assessment, question) -> None:
    response = api_as(bob).put(
        f"{LKE}/answers/{question.code}", {"value": "zz", "expected_version": 0}
    )

    assert response.status_code == 422
    assert "jawaban harus salah satu dari" in response.json()["detail"]
    assert not Answer.objects.exists()


def test_percentage_inputs_go_through_the_number_parser(
    api_as, bob, assessment
) -> None:
    question = (
        Question.objects.filter(instrument=assessment.instrument, options=[])
        .exclude(inputs=[])
        .first()
    )
    codes = [spec["code"] for spec in question.inputs]

    refused = api_as(bob).put(
        f"{LKE}/answers/{question.code}",
        {"inputs": {codes[0]: "1e9"}, "expected_version": 0},
    )
    saved = api_as(bob).put(
        f"{LKE}/answers/{question.code}",
        {"inputs": dict.fromkeys(codes, "1.234"), "expected_version": 0},
    )

    assert refused.status_code == 422
    assert "eksponen" in refused.json()["detail"]
    assert saved.status_code == 200, saved.json()
    assert set(saved.json()["inputs"].values()) == {1234}


def test_an_unknown_question_is_404_in_indonesian(api_as, bob, assessment) -> None:
    response = api_as(bob).put(
        f"{LKE}/answers/TIDAK.ADA", {"value": "a", "expected_version": 0}
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan."}


def test_the_answer_list_costs_the_same_queries_with_more_answers(
    api_as, vera, bob, assessment, django_assert_max_num_queries
) -> None:
    questions = list(
        Question.objects.filter(instrument=assessment.instrument)
        .exclude(options=[])
        .order_by("order")[:6]
    )
    answer(assessment, questions[0], bob)
    client = api_as(vera)
    with django_assert_max_num_queries(12) as first:
        client.get(f"{LKE}/answers")
    for question in questions[1:]:
        answer(assessment, question, bob)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(client.get(f"{LKE}/answers").json()["answers"]) == 6
