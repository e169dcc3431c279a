"""The bounded number parser: notation, refusals, and speed on hostile input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sizi.core.models import AuditEvent
from sizi.core.numbers import (
    BoundedModelMultipleChoiceField,
    NumberError,
    NumberField,
    parse_count,
    parse_number,
    year_or,
)

#: Values every numeric input of SIZI must refuse quickly with a message.
HOSTILE = [
    "1e5000",
    "1e600000",
    "1E2000000",
    "9" * 5000,
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "sNaN",
    "0x10",
    "1_000",
    "١٢٣",  # Arabic-Indic digits
    "1.2.3,4,5",
    "12,34.56,7",
    "--1",
    "",
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", Decimal(0)),
        ("42", Decimal(42)),
        (" 42 ", Decimal(42)),
        ("1234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567", Decimal(1234567)),
        ("1,234,567", Decimal(1234567)),
        ("1 234 567", Decimal(1234567)),
        ("1\u00a0234", Decimal(1234)),
        ("+7", Decimal(7)),
        ("-7,25", Decimal("-7.25")),
        (",5", Decimal("0.5")),
        (3, Decimal(3)),
        (3.25, Decimal("3.25")),
        (Decimal("3.10"), Decimal("3.10")),
    ],
)
def test_parse_number_reads_plain_and_indonesian_notation(raw, expected):
    assert parse_number(raw) == expected


def test_a_single_point_groups_thousands_only_in_a_whole_number_field():
    assert parse_number("1.234", integer=True) == Decimal(1234)
    assert parse_number("1.234") == Decimal("1.234")
    with pytest.raises(NumberError):
        parse_number("1,5", integer=True)


def test_negative_zero_is_zero():
    for raw in ("-0", "-0,00", -0.0, Decimal("-0")):
        number = parse_number(raw)
        assert number == 0
        assert not number.is_signed()


def test_empty_is_none():
    assert parse_number(None) is None
    assert parse_number("   ") is None


@pytest.mark.parametrize("raw", [r for r in HOSTILE if r])
def test_hostile_values_are_refused_with_the_place_named(raw):
    with pytest.raises(NumberError) as caught:
        parse_number(raw, where="Jumlah pegawai")
    assert caught.value.messages[0].startswith("Jumlah pegawai: '")


def test_exponent_is_explained():
    with pytest.raises(NumberError) as caught:
        parse_number("1e5", where="Sel F12")
    assert caught.value.messages == [
        "Sel F12: '1e5' bukan angka yang sah: tulis angka tanpa notasi eksponen (e)."
    ]


def test_python_numbers_out_of_range_are_refused():
    for raw in (float("nan"), float("inf"), 1e300, 10**400, Decimal("1E+5000"), True):
        with pytest.raises(NumberError):
            parse_number(raw)


def test_huge_values_are_refused_by_size_before_they_are_built():
    for raw in ["9" * 100_000, "1e" + "9" * 100_000, 10**100_000, -(10**5000)]:
        with pytest.raises(NumberError, match="terlalu"):
            parse_number(raw)


def test_bounds_decimals_and_integers_are_checked():
    with pytest.raises(NumberError, match="tidak boleh kurang dari 0"):
        parse_number("-1", min_value=0)
    with pytest.raises(NumberError, match="tidak boleh lebih dari 4"):
        parse_number("4,5", max_value=4)
    with pytest.raises(NumberError, match="paling banyak 2 angka di belakang koma"):
        parse_number("3,456", decimal_places=2)
    assert parse_number("3,450", decimal_places=2) == Decimal("3.45")
    with pytest.raises(NumberError, match="harus bilangan bulat"):
        parse_number("2,5", integer=True)
    with pytest.raises(NumberError, match="paling banyak 18 digit"):
        parse_number("1" * 19)


def test_parse_count_returns_an_int():
    assert parse_count("1.250") == 1250
    assert parse_count("") is None
    with pytest.raises(NumberError):
        parse_count("-3")


@given(
    st.decimals(
        allow_nan=False,
        allow_infinity=False,
        places=4,
        max_value=10**12,
        min_value=-(10**12),
    )
)
def test_any_plain_decimal_reads_back_as_itself(value):
    assert parse_number(format(value, "f")) == value
    assert parse_number(format(value, "f").replace(".", ",")) == value


@given(st.text(max_size=60))
def test_any_text_is_a_number_or_a_clear_refusal(text):
    try:
        number = parse_number(text, where="Isian")
    except NumberError as exc:
        assert exc.messages[0].startswith("Isian: '")
    else:
        assert number is None or number.is_finite()


class _Form(forms.Form):
    jumlah = NumberField(label="Jumlah", integer=True, min_value=0)
    nilai = NumberField(label="Nilai", decimal_places=2, required=False)


def test_number_field_cleans_to_numbers_and_reports_errors():
    form = _Form({"jumlah": "1.500", "nilai": "3,25"})
    assert form.is_valid()
    assert form.cleaned_data == {"jumlah": 1500, "nilai": Decimal("3.25")}

    form = _Form({"jumlah": "1e600000", "nilai": "NaN"})
    assert not form.is_valid()
    assert form.errors["jumlah"] == [
        "Jumlah: '1e600000' bukan angka yang sah: tulis angka tanpa notasi eksponen (e)."
    ]
    assert form.errors["nilai"] == ["Nilai: 'NaN' bukan angka yang sah."]


def test_ids_past_64_bits_are_an_invalid_choice_not_a_server_error(db):
    field = BoundedModelMultipleChoiceField(
        queryset=AuditEvent.objects.all(), required=False
    )
    for raw in (["99999999999999999999"], ["-1"], ["1e5"], [str(2**63)]):
        with pytest.raises(ValidationError):
            field.clean(raw)
    assert list(field.clean([])) == []


def test_a_year_from_a_query_string_falls_back_instead_of_failing():
    for raw in ("9" * 5000, "99999999999999999999", "1e5", "abc", "", None, "1999"):
        assert year_or(raw, low=2000, high=2026, default=2026) == 2026
    assert year_or("2025", low=2000, high=2026, default=2026) == 2025
