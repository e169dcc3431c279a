"""Number inputs of the plans forms and the decree reader: bounded, with a clear
message, never a 500, nothing written."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizi.plans.forms import ImportConfirmForm, ImportUploadForm, StepUpdateForm
from sizi.plans.importing import parse_decree
from sizi.plans.tests.decree_files import small_xlsx

CODE = "kpu-tanjabbar"
HOSTILE = [
    "1e600000",
    "9" * 5000,
    "NaN",
    "-inf",
    "Infinity",
    "-0,5",
    "1.234,5",
    "50,5",
    "1e2",
    "٥٠",
    "50 %",
    "-1",
    "101",
]
# Generated text that is not a plain number ("42", ".0", "-0,5" may be valid).
hostile = st.sampled_from(HOSTILE) | st.text(max_size=60).filter(
    lambda t: not re.fullmatch(r"\s*[+-]?[0-9]*[.,]?[0-9]*\s*", t)
)


@given(hostile)
def test_progress_refuses_anything_but_0_to_100(raw: str) -> None:
    form = StepUpdateForm({"status": "in_progress", "progress": raw})
    assert not form.is_valid()
    assert form.errors["progress"]
    if raw.strip():
        assert "Progres (%)" in form.errors["progress"][0]


@pytest.mark.parametrize(
    ("raw", "value"), [("0", 0), ("100", 100), ("-0", 0), (" 75 ", 75)]
)
def test_progress_reads_plain_numbers(raw: str, value: int) -> None:
    form = StepUpdateForm({"status": "in_progress", "progress": raw})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["progress"] == value


@given(st.sampled_from([*HOSTILE, "1999", "2101"]))
def test_years_refuse_huge_exponent_and_out_of_range_values(raw: str) -> None:
    confirm = ImportConfirmForm({"token": "a" * 64, "filename": "x.txt", "year": raw})
    assert not confirm.is_valid()
    assert "Tahun" in confirm.errors["year"][0]
    upload = ImportUploadForm({"year": raw})
    assert "Tahun" in upload.errors["year"][0]


def test_years_read_a_plain_year() -> None:
    form = ImportConfirmForm({"token": "a" * 64, "filename": "x.txt", "year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["year"] == 2026


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(HOSTILE))
def test_a_hostile_progress_is_a_422_and_changes_nothing(client, bob, bob_step, raw):
    client.force_login(bob)
    before = (bob_step.status, bob_step.progress)
    url = reverse("plans:step_update", args=[CODE, 2025, bob_step.pk])
    response = client.post(url, {"status": "done", "progress": raw})
    assert response.status_code == 422
    assert "Progres (%)" in response.content.decode()
    bob_step.refresh_from_db()
    assert (bob_step.status, bob_step.progress) == before


@pytest.mark.parametrize("raw", ["9" * 5000, "1e600000", "NaN", 1e308, "2025,5"])
def test_the_decree_sheet_ignores_a_year_that_is_no_year(raw: object) -> None:
    data = small_xlsx([["Nomor", "42"], ["Tahun", raw]])
    parsed = parse_decree(data, "keputusan.xlsx", year=2025)
    assert parsed.decree.year in (None, 0)
