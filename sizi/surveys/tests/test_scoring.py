"""The indices exactly per zi-rules §3.3/§3.4 and §4, without the database."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sizi.surveys import scoring
from sizi.surveys.instruments.definition import Instrument, parse_instrument
from sizi.surveys.instruments.loading import DATA_DIR


def load(code: str) -> Instrument:
    path = next(Path(DATA_DIR).glob(f"{code}-*.yaml"))
    return parse_instrument(yaml.safe_load(path.read_text()))


SKM = load("skm")
IPAK = load("ipak")
IPKP = load("ipkp")

# zi-rules §3.3 (GASPUL doc): Σ NRR = 32,9311 over 9 unsur.
WORKED_NRR = [Fraction("3.6590")] * 8 + [Fraction("3.6591")]


def test_worked_example_exact_ninth_against_legacy_weights() -> None:
    assert sum(WORKED_NRR) == Fraction("32.9311")
    exact = scoring.combine(WORKED_NRR, Fraction(1, 9)) * 25
    printed_0111 = scoring.combine(WORKED_NRR, Fraction("0.111")) * 25
    printed_011 = scoring.combine(WORKED_NRR, Fraction("0.11")) * 25
    assert scoring.to_decimal(exact) == Decimal("91.48")
    assert scoring.to_decimal(printed_0111) == Decimal("91.38")
    assert scoring.to_decimal(printed_011) == Decimal("90.56")


def _responses_with_nrr(
    nrrs: list[Fraction], n: int = 10000
) -> dict[str, scoring.Totals]:
    return {
        code: scoring.Totals(int(nrr * n), n)
        for code, nrr in zip(SKM.question_codes, nrrs, strict=True)
    }


def test_ikm_from_totals_uses_exact_ninth_and_legacy_is_marked() -> None:
    totals = _responses_with_nrr(WORKED_NRR)
    exact = scoring.score_totals(SKM, totals, 10000)
    legacy = scoring.score_totals(SKM, totals, 10000, legacy=True)
    assert exact.weight == Fraction(1, 9)
    assert exact.converted_display == Decimal("91.48")
    assert exact.grade is not None and exact.grade.letter == "A"
    assert exact.note == ""
    assert legacy.weight == Fraction("0.111")
    assert legacy.converted_display == Decimal("91.38")
    assert "0,111" in legacy.note


def test_nrr_per_unsur_is_sum_over_answering_respondents() -> None:
    responses = [
        dict.fromkeys(SKM.question_codes, 4),
        dict.fromkeys(SKM.question_codes, 3),
        {**dict.fromkeys(SKM.question_codes, 2), "U4": 4},
    ]
    result = scoring.score(SKM, responses)
    u1 = result.items[0]
    assert (u1.code, u1.total, u1.respondents, u1.nrr) == ("U1", 9, 3, Fraction(3))
    u4 = result.items[3]
    assert u4.nrr == Fraction(11, 3)
    assert result.index == (Fraction(3) * 8 + Fraction(11, 3)) / 9
    assert result.lowest is not None and result.lowest.code == "U1"


@pytest.mark.parametrize(
    ("nik", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # printed as 88,31
        ("88.30", "B"),
        ("88.304", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_grade_boundaries_on_the_nik(nik: str, letter: str) -> None:
    grade = scoring.grade_for(SKM, Fraction(nik))
    assert grade is not None and grade.letter == letter


def test_all_fours_and_all_ones_are_the_ends_of_the_scale() -> None:
    top = scoring.score(SKM, [dict.fromkeys(SKM.question_codes, 4)])
    bottom = scoring.score(SKM, [dict.fromkeys(SKM.question_codes, 1)])
    assert (
        top.converted == 100
        and top.grade is not None
        and top.grade.label == "Sangat Baik"
    )
    assert (
        bottom.converted == 25
        and bottom.grade is not None
        and bottom.grade.letter == "D"
    )


def test_no_response_gives_no_index() -> None:
    result = scoring.score(SKM, [])
    assert result.index is None and result.grade is None and result.respondents == 0


def test_ipak_native_scale_and_lke_value_with_recorded_conversion() -> None:
    responses = [dict.fromkeys(IPAK.question_codes, 4)] * 3 + [
        dict.fromkeys(IPAK.question_codes, 3)
    ] * 2
    result = scoring.score(IPAK, responses)
    assert result.index == Fraction(18, 5)
    assert result.index_display == Decimal("3.60")
    assert result.converted_display == Decimal("90.00")
    assert result.lke_value == Decimal("3.60")
    assert "0–4" in result.lke_conversion
    assert result.grade is None
    assert scoring.meets(IPAK, result) == [("Syarat WBK/WBBM (survei ≥ 3,60)", True)]


def test_ipkp_thresholds_for_wbk_and_wbbm() -> None:
    responses = [dict.fromkeys(IPKP.question_codes, 4)] + [
        dict.fromkeys(IPKP.question_codes, 3)
    ] * 3
    result = scoring.score(IPKP, responses)
    assert result.lke_value == Decimal("3.25")
    assert [met for _, met in scoring.meets(IPKP, result)] == [True, False]


def test_legacy_weight_is_refused_without_one_in_the_instrument() -> None:
    with pytest.raises(ValueError, match="bobot lama"):
        scoring.score(IPAK, [dict.fromkeys(IPAK.question_codes, 4)], legacy=True)


questionnaire = st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9)


@given(st.lists(questionnaire, min_size=1, max_size=30))
def test_ikm_stays_within_25_and_100(rows: list[list[int]]) -> None:
    result = scoring.score(
        SKM, [dict(zip(SKM.question_codes, r, strict=True)) for r in rows]
    )
    assert result.converted is not None
    assert 25 <= result.converted <= 100
    assert result.grade is not None


@given(
    st.lists(questionnaire, min_size=1, max_size=20),
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=8),
)
def test_ikm_never_lower_when_one_answer_improves(
    rows: list[list[int]], which_row: int, which_item: int
) -> None:
    before = [dict(zip(SKM.question_codes, r, strict=True)) for r in rows]
    row = which_row % len(rows)
    code = SKM.question_codes[which_item]
    after = [dict(r) for r in before]
    after[row][code] = min(4, after[row][code] + 1)
    old, new = scoring.score(SKM, before), scoring.score(SKM, after)
    assert old.converted is not None and new.converted is not None
    assert new.converted >= old.converted
    assert old.grade is not None and new.grade is not None
    assert new.grade.min_converted >= old.grade.min_converted


def test_skm_file_follows_the_questionnaire_of_the_permen() -> None:
    assert SKM.question_codes == tuple(f"U{n}" for n in range(1, 10))
    labels = {q.code: [o.label for o in q.options] for q in SKM.questions}
    assert labels["U4"] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert labels["U8"] == [
        "Buruk",
        "Cukup",
        "Baik",
        "Sangat baik",
    ]  # not swapped with U9
    assert labels["U9"][0] == "Tidak ada" and labels["U9"][3] == "Dikelola dengan baik"
    assert [g.min_converted for g in SKM.grades] == [
        Decimal("88.31"),
        Decimal("76.61"),
        Decimal("65.00"),
        Decimal("25.00"),
    ]
    assert (len(IPAK.questions), len(IPKP.questions)) == (5, 8)
    assert IPAK.minimum_respondents == IPKP.minimum_respondents == 30
