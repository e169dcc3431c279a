"""Fixtures of the plans tests: the seed decree imported for kpu-tanjabbar."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sizi.plans import services
from sizi.plans.importing import parse_decree
from sizi.plans.models import ActionPlan, ActionStep
from sizi.units.models import Unit, User


@pytest.fixture
def seed_plan(tree: dict[str, Unit], alice: User, seed_decree_path: Path) -> ActionPlan:
    data = seed_decree_path.read_bytes()
    parsed = parse_decree(data, seed_decree_path.name, year=2025)
    result = services.import_plan(
        parsed,
        unit=tree["tanjabbar"],
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return result.plan


@pytest.fixture
def bob_step(seed_plan: ActionPlan, alice: User, bob: User) -> ActionStep:
    step = ActionStep.objects.for_plan(seed_plan).order_by("pk").first()
    assert step is not None
    services.assign_owners(step, [bob], by=alice)
    return step
