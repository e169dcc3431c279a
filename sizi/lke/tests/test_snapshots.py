"""Canonical JSON and its hash do not depend on key order (property test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sizi.lke.services.snapshots import canonical_json, sha256_of

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), values, max_size=8))
def test_hash_ignores_key_order(data):
    reordered = dict(reversed(list(data.items())))

    assert sha256_of(reordered) == sha256_of(data)
    assert canonical_json(data).decode("utf-8").startswith("{")


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.integers(), min_size=1))
def test_hash_changes_when_a_value_changes(data):
    key = next(iter(data))
    changed = {**data, key: data[key] + 1}

    assert sha256_of(changed) != sha256_of(data)
