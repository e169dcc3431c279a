"""Forms: pack year default, grouped step choices, labels of empty choices."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sizi.evidence.forms import (
    FilterForm,
    FulfilForm,
    PackForm,
    RequestForm,
    UploadForm,
    shorten,
)
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.evidence.tests.conftest import add_evidence
from sizi.plans.models import ActionPlan


def test_pack_year_defaults_to_latest_plan_not_current_year(tree, plan) -> None:
    unit = tree["tanjabbar"]
    ActionPlan.objects.create(unit=unit, year=2024)
    form = PackForm(unit=unit)
    # The clock says 2026 or later in these tests, but a 2027 plan never exists:
    # the default is the plan year, and only years with content are listed.
    assert form.fields["year"].initial == 2026
    assert [y for y, _ in form.fields["year"].choices] == [2026, 2024]


def test_pack_year_lists_years_of_verified_evidence(tree, plan, alice, bob) -> None:
    unit = tree["tanjabbar"]
    add_evidence(
        unit, bob, status=Evidence.Status.VERIFIED, document_date=date(2025, 6, 1)
    )
    add_evidence(unit, bob, title="draf", document_date=date(2023, 6, 1))
    form = PackForm(unit=unit)
    assert [y for y, _ in form.fields["year"].choices] == [2026, 2025]
    assert form.fields["year"].initial == 2026


def test_pack_year_without_plan_uses_verified_evidence_year(tree, bob) -> None:
    unit = tree["tanjabbar"]
    add_evidence(
        unit, bob, status=Evidence.Status.VERIFIED, document_date=date(2025, 6, 1)
    )
    form = PackForm(unit=unit)
    assert form.fields["year"].initial == 2025
    assert [y for y, _ in form.fields["year"].choices] == [2025]


def test_pack_year_of_empty_unit_is_the_current_year(tree) -> None:
    from django.utils import timezone

    form = PackForm(unit=tree["tanjabbar"])
    this_year = timezone.localdate().year
    assert form.fields["year"].initial == this_year
    assert [y for y, _ in form.fields["year"].choices] == [this_year]


def option_groups(field) -> list[tuple[str, list[str]]]:
    groups = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            groups.append((value, [text for _, text in label]))
    return groups


def test_step_choices_are_grouped_by_area_and_komponen(tree, steps) -> None:
    form = UploadForm(unit=tree["tanjabbar"])
    assert option_groups(form.fields["steps"]) == [
        (
            "2026 · I. Manajemen Perubahan › 1 Tim Kerja",
            ["Menyusun SK tim kerja", "Rapat bulanan"],
        ),
        (
            "2026 · II. Penataan Tatalaksana › 1 SOP",
            ["Menyusun SOP pelayanan", "Menetapkan SOP"],
        ),
    ]
    html = str(form["steps"])
    assert "<option" not in html  # the picker renders only chosen steps
    assert 'class="step-picker-search"' in html
    chosen = str(
        UploadForm(unit=tree["tanjabbar"], initial={"steps": [steps[1]]})["steps"]
    )
    assert chosen.count('name="steps"') == 1
    assert f'value="{steps[1].pk}" checked' in chosen


def test_grouped_choices_still_validate(tree, steps) -> None:
    form = FilterForm({"step": steps[2].pk}, unit=tree["tanjabbar"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["step"] == steps[2]


def test_empty_choices_have_indonesian_labels(tree, steps, alice, bob) -> None:
    unit = tree["tanjabbar"]
    filters = FilterForm(unit=unit)
    html = str(filters)
    assert "---------" not in html
    for label in ("Semua area", "Semua status", "Semua pengunggah"):
        assert f">{label}</option>" in html
    assert "> Semua langkah</label>" in html
    request_form = str(RequestForm(unit=unit))
    assert "---------" not in request_form
    assert ">Pilih PIC</option>" in request_form
    assert "> Tanpa langkah aksi</label>" in request_form
    request = EvidenceRequest.objects.create(
        unit=unit,
        requested_from=bob,
        title="Foto",
        due_date=date(2026, 5, 1),
        requested_by=alice,
    )
    fulfil = str(FulfilForm(request_obj=request))
    assert "---------" not in fulfil and ">Pilih bukti</option>" in fulfil


def test_filter_options_are_short(tree, steps) -> None:
    steps[0].text = "Menyusun " + "dokumen panjang sekali " * 20
    steps[0].save()
    form = FilterForm(unit=tree["tanjabbar"])
    labels = [
        text
        for _, group in form.fields["step"].choices
        if isinstance(group, list)
        for _, text in group
    ]
    assert max(len(label) for label in labels) <= 70
    assert labels[0].endswith("…")


def test_submit_checkbox_label_has_no_colon(tree) -> None:
    html = str(UploadForm(unit=tree["tanjabbar"])["submit"].label_tag())
    assert html.endswith(">Langsung ajukan untuk diverifikasi</label>")


@given(st.text(max_size=300), st.integers(min_value=2, max_value=120))
def test_shorten_never_exceeds_the_limit(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    if len(" ".join(text.split())) <= limit:
        assert short == " ".join(text.split())
    else:
        assert short.endswith("…")
