"""The instrument file of PermenPANRB 90/2021 and the validating loader."""

from __future__ import annotations

import copy
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from sizi.lke.instrument import (
    InstrumentError,
    default_instrument_path,
    load_instrument,
    parse_instrument,
)

SMALL = Path(__file__).parent / "data" / "small-instrument.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return yaml.safe_load(default_instrument_path().read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_default_instrument_has_the_appendix_a_structure() -> None:
    spec = load_instrument()
    assert spec.code == "permenpanrb-90-2021-jo-5-2024"
    assert (
        "Nomor 90 Tahun 2021" in spec.citation and "Nomor 5 Tahun 2024" in spec.citation
    )
    assert [a.code for a in spec.areas] == ["MP", "PT", "SDM", "AK", "PW", "PP"]
    assert [a.weight for a in spec.areas] == [
        Decimal(x) for x in ("8", "7", "10", "10", "15", "10")
    ]
    parts = Counter(q.part for q in spec.questions)
    assert parts == {"pemenuhan": 87, "reform": 23}
    assert Counter(q.answer_type for q in spec.questions)["percent"] == 8
    assert sum(len(q.inputs) for q in spec.questions) == 22
    assert len(spec.hasil_items) == 3
    assert spec.pengungkit_weight == 60 and spec.hasil_weight == 40


def test_sub_area_weights_match_section_1_2() -> None:
    spec = load_instrument()
    weights = {s.code: s.weight for s in spec.sub_areas}
    assert weights["P.1.i"] == Decimal("0.5")
    assert weights["P.3.iii"] == Decimal("1.25")
    assert weights["P.3.vi"] == Decimal("0.25")
    assert weights["R.5.ii"] == Decimal("3")
    assert weights["R.5.iii"] == Decimal("2")
    assert weights["R.6.ii"] == Decimal("2.5")
    for area in spec.areas:
        for part in area.parts:
            assert part.weight * 2 == area.weight
            assert sum(s.weight for s in part.sub_areas) == part.weight


def test_questions_carry_texts_options_and_multipliers() -> None:
    spec = load_instrument()
    q = spec.question("P.1.iii.a")
    assert q.answer_type == "abcd"
    assert [o.letter for o in q.options] == ["a", "b", "c", "d"]
    assert [o.value for o in q.options] == [
        Decimal("1"),
        Decimal("0.67"),
        Decimal("0.33"),
        Decimal("0"),
    ]
    assert q.options[0].text.startswith("Jika semua kegiatan pembangunan")
    yn = spec.question("P.1.i.a")
    assert [(o.letter, o.value) for o in yn.options] == [("ya", 1), ("tidak", 0)]
    assert yn.criteria.startswith("Ya, jika Tim telah dibentuk")
    assert (
        spec.question("P.4.ii.g").text
        == "Terdapat sistem informasi/mekanisme informasi kinerja"
    )
    capaian = spec.hasil_items[1]
    assert capaian.key == "capaian_kinerja" and len(capaian.options) == 5


def test_percentage_items_have_inputs_and_formulas() -> None:
    spec = load_instrument()
    percent = [q for q in spec.questions if q.is_percent]
    assert [q.code for q in percent] == [
        "R.1.i.a",
        "R.1.i.b",
        "R.3.iii.a",
        "R.4.i.-",
        "R.5.ii.-",
        "R.5.iii.a",
        "R.5.iii.b",
        "R.6.i.b",
    ]
    lhkpn = spec.question("R.5.iii.a")
    assert lhkpn.formula is not None
    assert lhkpn.formula.denominator == ("kepala_satker", "pejabat_wajib", "lainnya")
    assert lhkpn.weight == 1 and spec.question("R.5.iii.b").weight == 1
    decrease = spec.question("R.3.iii.a")
    assert decrease.formula is not None and decrease.formula.kind == "decrease"
    assert [i.used for i in decrease.inputs] == [True, True, False]


def test_thresholds_and_rules_are_data() -> None:
    spec = load_instrument()
    wbk, wbbm = spec.threshold("wbk"), spec.threshold("wbbm")
    assert (wbk.total, wbk.pengungkit, wbk.area_min_percent) == (75, 40, 60)
    assert (wbbm.total, wbbm.pengungkit, wbbm.area_min_percent) == (85, 48, 75)
    assert dict(wbk.hasil) == {
        "H1": Decimal("18.25"),
        "H1.a": Decimal("15.75"),
        "H1.b": Decimal("2.5"),
        "H2": 14,
    }
    assert wbbm.prerequisite == "wbk"
    assert spec.rules.rounding_digits == 2
    assert spec.rules.unanswered == "zero"
    assert spec.rules.area_minimum_basis == "combined"


def test_small_instrument_loads_without_code_change() -> None:
    spec = load_instrument(SMALL)
    assert [a.code for a in spec.areas] == ["AA", "BB"]
    assert spec.pengungkit_weight == 70 and spec.hasil_weight == 30


def _mutate(raw: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            lambda d: d["areas"][0]["parts"][0]["sub_areas"][0].__setitem__(
                "weight", 0.75
            ),
            "area MP pemenuhan: jumlah bobot sub-area = 4.25, seharusnya 4",
        ),
        (
            lambda d: d["areas"][0].__setitem__("weight", 9),
            "area MP: jumlah bobot pemenuhan + reform",
        ),
        (
            lambda d: d["areas"][0]["parts"][0]["sub_areas"][0]["questions"][
                1
            ].__setitem__("type", "abx"),
            "pertanyaan P.1.i.b: jenis jawaban 'abx'",
        ),
        (
            lambda d: d["areas"][0]["parts"][0]["sub_areas"][0]["questions"][
                1
            ].__setitem__("code", "P.1.ii.z"),
            "pertanyaan P.1.ii.z: kode tidak berada di sub-area P.1.i",
        ),
        (
            lambda d: d["areas"][0]["parts"][1]["sub_areas"][0]["questions"][0][
                "formula"
            ].__setitem__("denominator", ["tidak_ada"]),
            "pertanyaan R.1.i.a.formula: rumus merujuk masukan 'tidak_ada'",
        ),
        (
            lambda d: d["hasil"][0].__setitem__("weight", 20),
            "hasil H1: jumlah bobot butir",
        ),
        (
            lambda d: d["thresholds"][0]["hasil"].__setitem__("H9", 3),
            "kode hasil 'H9' tidak dikenal",
        ),
        (
            lambda d: d["areas"][0]["parts"][0]["sub_areas"][0]["questions"][1][
                "options"
            ].pop(),
            "pertanyaan P.1.i.b: pilihan ['a', 'b'] tidak sesuai jenis abc",
        ),
        (lambda d: d["rules"].__setitem__("unanswered", "maybe"), "rules.unanswered"),
        (
            lambda d: d.__setitem__("effective_date", "31-12-2021"),
            "effective_date: tanggal tidak valid",
        ),
    ],
)
def test_invalid_instrument_names_the_file_and_item(
    raw: dict[str, Any], change: Any, fragment: str
) -> None:
    with pytest.raises(InstrumentError) as exc:
        parse_instrument(_mutate(raw, change), source="lke-rusak.yaml")
    assert str(exc.value).startswith("lke-rusak.yaml: ")
    assert fragment in str(exc.value)


def test_total_weight_must_be_100(raw: dict[str, Any]) -> None:
    def change(d: dict[str, Any]) -> None:
        d["components"][1]["weight"] = 50

    with pytest.raises(InstrumentError, match="hasil"):
        parse_instrument(_mutate(raw, change), source="x.yaml")


def test_missing_or_broken_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match="tidak-ada.yaml"):
        load_instrument(tmp_path / "tidak-ada.yaml")
    broken = tmp_path / "rusak.yaml"
    broken.write_text("code: [unclosed", encoding="utf-8")
    with pytest.raises(InstrumentError, match="rusak.yaml"):
        load_instrument(broken)
