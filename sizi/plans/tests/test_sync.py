"""Row matching of re-imports: every row is paired, added or removed exactly once."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from sizi.plans.sync import match_rows, normalise


@dataclass(frozen=True)
class Row:
    text: str
    order: int


def _match(stored: list[Row], incoming: list[str]):
    return match_rows(
        stored,
        incoming,
        stored_key=lambda r: r.text,
        incoming_key=lambda t: t,
        stored_position=lambda r: r.order,
    )


texts = st.lists(st.sampled_from(["a", "b", "c", "A ", "d e", "d  e"]), max_size=8)


@given(texts, texts)
def test_every_row_is_accounted_for_once(old: list[str], new: list[str]) -> None:
    stored = [Row(t, i) for i, t in enumerate(old)]
    m = _match(stored, new)
    paired_stored = [s for s, _, _ in m.pairs]
    assert sorted(map(id, paired_stored + m.removed)) == sorted(map(id, stored))
    indexes = sorted([i for _, _, i in m.pairs] + [i for _, i in m.added])
    assert indexes == list(range(len(new)))


@given(texts)
def test_same_rows_pair_with_themselves(old: list[str]) -> None:
    stored = [Row(t, i) for i, t in enumerate(old)]
    m = _match(stored, list(old))
    assert (m.added, m.removed) == ([], [])
    assert all(normalise(s.text) == normalise(n) for s, n, _ in m.pairs)


def test_text_wins_over_position_and_position_catches_corrections() -> None:
    stored = [Row("Rapat evaluasi", 0), Row("Penyusunan dokumen", 1)]
    m = _match(stored, ["Penyusunan dokumen", "Rapat evaluasi ZI"])
    pairs = {n: s.text for s, n, _ in m.pairs}
    assert pairs == {
        "Penyusunan dokumen": "Penyusunan dokumen",
        "Rapat evaluasi ZI": "Rapat evaluasi",
    }
