"""Krejcie-Morgan minimum samples (zi-rules §3.5) and the 30-respondent rule."""

from __future__ import annotations

import pytest

from sizi.surveys.sampling import allocate, krejcie_morgan, sample_target
from sizi.surveys.tests.test_scoring import IPAK, SKM


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (15, 14),
        (20, 19),
        (30, 28),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (2000, 322),
        (5000, 357),
        (10000, 370),
        (50000, 381),
        (1000000, 384),
    ],
)
def test_krejcie_morgan_reproduces_the_published_table(
    population: int, sample: int
) -> None:
    assert krejcie_morgan(population) == sample


def test_no_population_gives_no_krejcie_morgan_minimum() -> None:
    assert krejcie_morgan(0) == 0
    target = sample_target(SKM, None)
    assert target.krejcie_morgan is None and target.required == 0 and target.reached(0)


def test_ipak_needs_at_least_thirty_even_for_a_small_population() -> None:
    target = sample_target(IPAK, 20)
    assert (target.krejcie_morgan, target.regulatory_minimum, target.required) == (
        19,
        30,
        30,
    )
    assert not target.reached(29) and target.reached(30)


def test_skm_takes_krejcie_morgan_only() -> None:
    target = sample_target(SKM, 1000)
    assert target.required == 278 and target.regulatory_minimum == 0


def test_allocation_is_proportional_rounded_up_and_at_least_one() -> None:
    assert allocate(132, {"a": 150, "b": 45, "c": 5}) == {"a": 99, "b": 30, "c": 4}
    assert allocate(10, {"a": 1000, "b": 1}) == {"a": 10, "b": 1}
    assert allocate(10, {"a": 0}) == {"a": 0}
