"""The percentage of a numeric LKE item, shown while its inputs are typed."""

from __future__ import annotations

from sizi.lke.models import Answer, Question
from sizi.lke.tests.arrange import answer, q, url

CODE = "R.4.i.-"  # sasaran tercapai ÷ jumlah sasaran, max 100%, 0 when divided by 0


def _percent(client, **inputs: str):
    params = {f"input_{k}": v for k, v in inputs.items()}
    return client.get(url("answer_percent", CODE), params, HTTP_HX_REQUEST="true")


def test_the_endpoint_computes_with_the_scoring_formula_and_saves_nothing(
    client, assessment, alice
):
    client.force_login(alice)

    three_quarters = _percent(client, jumlah_sasaran="8", sasaran_tercapai="6")
    capped = _percent(client, jumlah_sasaran="4", sasaran_tercapai="9")
    zero = _percent(client, jumlah_sasaran="0", sasaran_tercapai="0")
    half_typed = _percent(client, jumlah_sasaran="8", sasaran_tercapai="")
    thousands = _percent(client, jumlah_sasaran="1.000", sasaran_tercapai="250")

    assert three_quarters.status_code == 200
    assert "<strong>75,00%</strong>" in three_quarters.text
    assert "<strong>100,00%</strong>" in capped.text
    assert "<strong>0,00%</strong>" in zero.text
    assert "isi semua angka" in half_typed.text
    assert "<strong>25,00%</strong>" in thousands.text
    assert Answer.objects.count() == 0


def test_a_wrong_number_is_named_not_computed(client, assessment, alice):
    client.force_login(alice)

    response = _percent(client, jumlah_sasaran="-3", sasaran_tercapai="2")

    assert response.status_code == 200
    assert "%</strong>" not in response.text
    assert "Jumlah sasaran kinerja" in response.text
    assert "bilangan bulat 0 atau lebih" in response.text


def test_the_page_shows_the_stored_percentage_and_asks_the_endpoint(
    client, assessment, alice
):
    question = q(assessment, CODE)
    answer(
        assessment,
        question,
        alice,
        inputs={"jumlah_sasaran": 5, "sasaran_tercapai": 2},
    )
    client.force_login(alice)

    html = client.get(url("answer_area", _area(question))).text

    assert url("answer_percent", CODE) in html
    assert f'id="pct-{CODE.replace(".", "_")}"' in html
    assert "<strong>40,00%</strong>" in html


def test_the_endpoint_is_scoped_like_the_answering(client, assessment, charlie, vera):
    client.force_login(charlie)
    assert _percent(client, jumlah_sasaran="1").status_code == 404
    client.force_login(vera)
    assert _percent(client, jumlah_sasaran="1").status_code == 403


def _area(question: Question) -> str:
    return question.sub_area.area.code
