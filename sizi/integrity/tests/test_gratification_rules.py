"""The effective-dated gratification rules (pure: no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from sizi.integrity import gratification_rules as rules

AMENDMENT = date(2026, 1, 20)


def calendar_days(start: date, days: int) -> date:
    """A stand-in calendar: every day counts."""
    return start + timedelta(days=days)


def test_the_day_before_the_amendment_follows_perkom_2_2019() -> None:
    assert rules.rule_in_force(AMENDMENT - timedelta(days=1)).key == "perkom-2-2019"


def test_the_day_the_amendment_takes_effect_follows_perkom_1_2026() -> None:
    assert rules.rule_in_force(AMENDMENT).key == "perkom-1-2026"


def test_receipts_either_side_of_the_amendment_get_different_thresholds() -> None:
    before = rules.rule_in_force(AMENDMENT - timedelta(days=1))
    after = rules.rule_in_force(AMENDMENT + timedelta(days=1))
    ceremony = {
        r.key: e.per_giver_max
        for r in (before, after)
        for e in r.exemptions
        if e.key == "ceremony"
    }
    assert ceremony == {
        "perkom-2-2019": Decimal(1000000),
        "perkom-1-2026": Decimal(1500000),
    }
    colleague_after = next(e for e in after.exemptions if e.key == "colleague")
    assert (colleague_after.per_giver_max, colleague_after.per_year_max) == (
        Decimal(500000),
        Decimal(1500000),
    )
    assert "farewell" in {e.key for e in before.exemptions}
    assert "farewell" not in {e.key for e in after.exemptions}


def test_receipts_either_side_of_the_amendment_get_different_deadlines() -> None:
    before = rules.rule_in_force(AMENDMENT - timedelta(days=1))
    after = rules.rule_in_force(AMENDMENT + timedelta(days=1))
    assert before.deadline("completeness").days == 30
    assert after.deadline("completeness").days == 20
    assert before.deadline("kpk_limit").days == after.deadline("kpk_limit").days == 30


def test_due_dates_count_from_each_deadline_s_own_start() -> None:
    rule = rules.rule_in_force(date(2026, 3, 2))
    due = rules.due_dates(
        rule,
        add_days=calendar_days,
        received=date(2026, 3, 2),
        reported=date(2026, 3, 5),
    )
    by_key = {d.deadline.key: d.due for d in due}
    assert by_key == {
        "to_upg": date(2026, 3, 12),
        "upg_to_kpk": date(2026, 3, 15),
        "kpk_limit": date(2026, 4, 1),
    }


def test_no_rule_before_the_first_rule_set() -> None:
    with pytest.raises(rules.NoRuleInForce):
        rules.rule_in_force(date(2010, 1, 1))


def test_a_wedding_gift_under_the_threshold_is_explained_not_refused() -> None:
    rule = rules.rule_in_force(date(2026, 2, 2))
    notes = rules.explain_value(
        rule, event="wedding", relation="vendor", is_money=True, value=Decimal(1200000)
    )
    assert [(n.exemption.key, n.under_limit) for n in notes] == [("ceremony", True)]
    assert "tidak wajib dilaporkan" in notes[0].message
    assert "Rp1.500.000" in notes[0].message
    old = rules.rule_in_force(date(2025, 12, 1))
    notes = rules.explain_value(
        old, event="wedding", relation="vendor", is_money=True, value=Decimal(1200000)
    )
    assert [n.under_limit for n in notes] == [False]
    assert "wajib dilaporkan" in notes[0].message


def test_money_from_a_colleague_is_not_under_the_non_money_threshold() -> None:
    rule = rules.rule_in_force(date(2026, 2, 2))
    notes = rules.explain_value(
        rule, event="other", relation="colleague", is_money=True, value=Decimal(100000)
    )
    assert notes == []


def test_overlapping_rule_sets_are_refused() -> None:
    text = """
rule_sets:
  - {key: a, title: A, source: s, effective_from: 2020-01-01, effective_to: 2021-01-01,
     deadlines: [], exemptions: []}
  - {key: b, title: B, source: s, effective_from: 2020-06-01, effective_to: null,
     deadlines: [], exemptions: []}
"""
    with pytest.raises(ValueError, match="overlaps"):
        rules.parse_rule_sets(text)


def test_an_unknown_deadline_basis_is_refused() -> None:
    text = """
rule_sets:
  - {key: a, title: A, source: s, effective_from: 2020-01-01, effective_to: null,
     deadlines: [{key: x, label: X, days: 3, basis: whenever}], exemptions: []}
"""
    with pytest.raises(ValueError, match="basis"):
        rules.parse_rule_sets(text)


def test_every_day_from_the_first_rule_set_is_covered() -> None:
    sets = rules.rule_sets()
    for earlier, later in zip(sets, sets[1:], strict=False):
        assert earlier.effective_to is not None
        assert earlier.effective_to + timedelta(days=1) == later.effective_from
    assert sets[-1].effective_to is None


def test_value_bands() -> None:
    bounds = rules.value_bands()
    labels = rules.band_labels(bounds)
    assert labels[0] == "≤ Rp1.000.000"
    assert labels[-1] == "> Rp10.000.000"
    assert rules.band_index(Decimal(1000000), bounds) == 0
    assert rules.band_index(Decimal(1000001), bounds) == 1
    assert rules.band_index(Decimal(50000000), bounds) == len(bounds)
