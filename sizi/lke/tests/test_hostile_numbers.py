"""Every LKE number goes through the bounded parser: hostile values get a message.

A numeric answer input (service and page), the Hasil IPAK/IPKP form and the
workbook cells are fed huge, exponent, NaN/Infinity, negative-zero and
locale-formatted values: each is refused with a clear message naming the
field or cell, or read as the number it is; never a 500, nothing half-written.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sizi.lke import services
from sizi.lke.instrument import load_instrument
from sizi.lke.models import Answer, Assessment, Question, ResultInput
from sizi.lke.scoring import AnswerInput
from sizi.lke.services.workbook import export_assessment, import_assessment
from sizi.lke.tests.arrange import answer_all
from sizi.lke.workbook import COL, SHEET, export_workbook, import_workbook

#: Refused by every numeric LKE input, whatever the field.
HOSTILE = [
    "1e5000",
    "1e600000",
    "1E2000000",
    "9" * 5000,
    "NaN",
    "Infinity",
    "-inf",
    "sNaN",
    "1.2.3,4,5",
    "--1",
    "-3",
    "1.234,5",
]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
NUMBERISH = st.one_of(
    st.sampled_from([*HOSTILE, "-0", "0", "1.234", "12", " 7 ", "1,5"]),
    st.from_regex(
        r"[-+]?[0-9]{0,30}([.,][0-9]{0,6})?([eE][-+]?[0-9]{1,7})?", fullmatch=True
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=30),
)


def percentage_question(assessment: Assessment) -> Question:
    return Question.objects.get(instrument=assessment.instrument, code="R.4.i.-")


@pytest.mark.parametrize("raw", HOSTILE)
def test_the_service_refuses_a_hostile_input_naming_it(assessment, alice, raw):
    question = percentage_question(assessment)
    spec = question.inputs[0]

    with pytest.raises(ValidationError) as exc:
        services.answer_question(
            assessment,
            question,
            "self",
            value="",
            inputs={spec["code"]: raw},
            expected_version=0,
            by=alice,
        )

    message = exc.value.messages[0]
    assert message.startswith(f"R.4.i.-: {spec['label']}: ")
    assert "bilangan bulat 0 atau lebih" in message
    assert len(message) < 300
    assert not Answer.objects.exists()


@pytest.mark.parametrize(("raw", "stored"), [("-0", 0), ("1.234", 1234), (" 12 ", 12)])
def test_the_service_reads_plain_and_indonesian_counts(assessment, alice, raw, stored):
    question = percentage_question(assessment)
    code = question.inputs[0]["code"]

    clean = services.clean_answer(question, "", {code: raw})

    assert clean.inputs == {code: stored}


@FUZZ
@given(raw=NUMBERISH)
def test_clean_answer_reads_a_count_or_refuses_it(assessment, raw):
    question = percentage_question(assessment)
    code = question.inputs[0]["code"]

    try:
        clean = services.clean_answer(question, "", {code: raw})
    except ValidationError as exc:
        assert "R.4.i.-" in exc.messages[0]
    else:
        value = clean.inputs.get(code)
        assert value is None or (isinstance(value, int) and 0 <= value < 10**18)


@FUZZ
@given(raw=NUMBERISH)
def test_the_answer_page_answers_every_value_without_a_500(
    client, assessment, alice, raw
):
    question = percentage_question(assessment)
    client.force_login(alice)
    before = list(Answer.objects.values_list("version", flat=True))

    response = client.post(
        reverse("lke:answer_save", args=["kpu-tanjabbar", 2025, question.code]),
        {f"input_{question.inputs[0]['code']}": raw, "version": 0},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code in {200, 409, 422}
    if response.status_code != 200:
        assert list(Answer.objects.values_list("version", flat=True)) == before
    Answer.objects.all().delete()


@FUZZ
@given(raw=NUMBERISH)
def test_the_hasil_form_refuses_what_is_not_a_score_of_0_to_4(
    client, assessment, alice, raw
):
    client.force_login(alice)

    response = client.post(
        reverse("lke:results", args=["kpu-tanjabbar", 2025]),
        {"ipak": raw, "ipkp": "", "performance": "", "version": 0},
    )

    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert response.context["form"].errors
        assert not ResultInput.objects.exists()
    else:
        saved = ResultInput.objects.get()
        assert saved.ipak is None or Decimal(0) <= saved.ipak <= Decimal(4)
        saved.delete()


@pytest.mark.parametrize("raw", ["1e600000", "NaN", "Infinity", "9" * 5000, "1.234,5"])
def test_the_hasil_form_names_the_field(client, assessment, alice, raw):
    client.force_login(alice)

    response = client.post(
        reverse("lke:results", args=["kpu-tanjabbar", 2025]),
        {"ipak": raw, "version": 0},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["ipak"][0].startswith("IPAK (0–4): ")
    assert not ResultInput.objects.exists()


SPEC = load_instrument()


def _workbook_with(cells: dict[str, object]) -> tuple[bytes, dict[str, str]]:
    data = export_workbook(
        SPEC,
        {"P.1.i.a": AnswerInput("ya")},
        {"ipak": Decimal("3.5"), "ipkp": Decimal("3.5"), "capaian_kinerja": "b"},
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    rows = {str(r[13].value): r[0].row for r in ws.iter_rows() if r[13].value}
    refs = {code: f"{COL['answer']}{rows[code]}" for code in cells}
    for code, value in cells.items():
        ws[refs[code]] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), refs


@pytest.mark.parametrize(
    "raw", ["1e5000", "1e600000", "NaN", "Infinity", "-inf", "9" * 5000, "-0,5"]
)
def test_a_hostile_workbook_cell_is_named_by_its_cell(raw):
    data, refs = _workbook_with({"R.4.i.-:jumlah_sasaran": raw, "H1.a": raw})

    imported = import_workbook(data, SPEC)

    errors = {(e.cell, e.code): e.message for e in imported.errors}
    jumlah = errors[(refs["R.4.i.-:jumlah_sasaran"], "R.4.i.-")]
    hasil = errors[(refs["H1.a"], "H1.a")]
    assert jumlah.startswith("Jumlah sasaran kinerja: '")
    assert "harus angka 0–4" in hasil
    assert len(jumlah) < 200 and len(hasil) < 200


@pytest.mark.parametrize("raw", ["-0", "1.234,0", "12"])
def test_workbook_cells_in_plain_or_indonesian_notation_are_read(raw):
    data, _refs = _workbook_with({"R.4.i.-:jumlah_sasaran": raw})

    imported = import_workbook(data, SPEC)

    assert imported.ok, imported.errors
    read = imported.answers["R.4.i.-"].inputs["jumlah_sasaran"]
    assert read == Decimal(raw.replace(".", "").replace(",", "."))


def test_a_hostile_cell_writes_nothing_to_the_assessment(assessment, alice):
    answer_all(assessment, alice)
    wb = load_workbook(io.BytesIO(export_assessment(assessment)))
    ws = wb[SHEET]
    row = next(r[0].row for r in ws.iter_rows() if r[13].value == "H1.a")
    ws[f"{COL['answer']}{row}"] = "1e600000"
    out = io.BytesIO()
    wb.save(out)
    versions = sorted(Answer.objects.values_list("pk", "version"))

    report = import_assessment(assessment, out.getvalue(), layer="self", by=alice)

    assert report.errors and report.errors[0].startswith(
        f"{COL['answer']}{row} (H1.a): "
    )
    assert sorted(Answer.objects.values_list("pk", "version")) == versions
    assert not ResultInput.objects.exists()


@pytest.mark.parametrize("raw", ["1e600000", "9" * 5000, "NaN", "-1"])
def test_the_commands_refuse_a_hostile_year(db, raw):
    with pytest.raises(CommandError, match="--year"):
        call_command("lke_score", "--unit=kpu-tanjabbar", f"--year={raw}")
    with pytest.raises(CommandError, match="--year"):
        call_command("lke_refresh_scores", f"--year={raw}")


@pytest.mark.parametrize("raw", ["9" * 5000, "²", "1e5"])
def test_an_odd_area_number_is_not_read_as_an_area(raw):
    data, _refs = _workbook_with({})
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    first_question = next(r for r in ws.iter_rows() if r[13].value == "P.1.i.a")
    ws[f"{COL['area']}{first_question[0].row - 2}"] = raw
    out = io.BytesIO()
    wb.save(out)

    imported = import_workbook(out.getvalue(), SPEC)

    assert imported.answers["P.1.i.a"] == AnswerInput("ya")
