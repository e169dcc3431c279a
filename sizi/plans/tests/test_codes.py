"""Codes of komponen and labels cut after whole words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sizi.plans.codes import ELLIPSIS, coded_label, component_code, cut_words
from sizi.plans.models import ActionPlan, Area, Component

SENTENCE = (
    "Penyusunan rencana kerja pembangunan zona integritas menuju wilayah bebas "
    "dari korupsi"
)


def test_cut_words_stops_after_a_whole_word() -> None:
    assert cut_words(SENTENCE, 40) == "Penyusunan rencana kerja pembangunan…"
    assert cut_words("Tim   kerja", 40) == "Tim kerja"
    assert cut_words("Pengendaliangratifikasi", 10) == "Pengendal…"


def test_coded_label_puts_the_code_in_front() -> None:
    assert coded_label("A.I.1", SENTENCE, 40) == "A.I.1 Penyusunan rencana kerja…"
    assert coded_label("", "Tim kerja", 40) == "Tim kerja"


def test_component_code() -> None:
    area = Area(plan=ActionPlan(), numeral="III", title="x")
    assert component_code(Component(area=area, number="2.", name="x")) == "III.2"
    assert component_code(Component(area=area, number="", name="x")) == "III"


@given(st.text(max_size=200), st.integers(min_value=1, max_value=120))
def test_cut_words_fits_and_keeps_a_prefix_of_words(text: str, limit: int) -> None:
    cut = cut_words(text, limit)
    plain = " ".join(text.split())
    assert len(cut) <= limit
    kept = cut.removesuffix(ELLIPSIS)
    assert plain.startswith(kept)
    if cut == plain:
        return
    rest = plain[len(kept) :]
    assert cut.endswith(ELLIPSIS) or limit <= 1
    if " " in plain[:limit] and kept:
        # a cut inside the text ends where a word ended (punctuation may be dropped)
        assert rest[:1] in {" ", ",", ";", ":", ".", "-", "–", "—"} or not rest
