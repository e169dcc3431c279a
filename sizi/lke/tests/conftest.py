"""Fixtures of the LKE tests: the instrument in force and a tanjabbar assessment."""

from __future__ import annotations

import pytest

from sizi.lke import services
from sizi.lke.instrument import default_instrument_path
from sizi.lke.models import Assessment, Instrument
from sizi.lke.services.instrument import load_instrument_file
from sizi.units.models import Unit, User


@pytest.fixture
def instrument(db: None) -> Instrument:
    return load_instrument_file(default_instrument_path())[0]


@pytest.fixture
def assessment(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> Assessment:
    return services.start_assessment(unit=tree["tanjabbar"], year=2025, by=alice)
