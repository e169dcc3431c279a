"""Evidence state per step: missing evidence and steps done without verified evidence."""

from __future__ import annotations

from sizi.evidence.models import Evidence
from sizi.evidence.queries import (
    done_steps_without_verified_evidence,
    plan_steps,
    steps_missing_evidence,
)
from sizi.evidence.tests.conftest import add_evidence
from sizi.plans.models import ActionStep

Status = Evidence.Status


def test_missing_evidence_lists_steps_whose_indicator_expects_some(
    tree, bob, plan, steps
) -> None:
    # steps[1] has no expected evidence, so it is never "missing".
    assert list(steps_missing_evidence(plan)) == [steps[0], steps[2], steps[3]]
    add_evidence(tree["tanjabbar"], bob, steps=[steps[0], steps[3]])
    assert list(steps_missing_evidence(plan)) == [steps[2]]


def test_states(tree, bob, alice, plan, steps) -> None:
    unit = tree["tanjabbar"]
    add_evidence(unit, bob, steps=[steps[0]], status=Status.VERIFIED, verifier=alice)
    add_evidence(unit, bob, steps=[steps[0], steps[1]], status=Status.SUBMITTED)
    add_evidence(unit, bob, steps=[steps[2]], status=Status.RETURNED, verifier=alice)
    states = {
        s.pk: (s.evidence_state, s.evidence_verified, s.evidence_total)
        for s in plan_steps(plan)
    }
    assert states == {
        steps[0].pk: ("verified", 1, 2),
        steps[1].pk: ("pending", 0, 1),
        steps[2].pk: ("returned", 0, 1),
        steps[3].pk: ("missing", 0, 0),
    }


def test_done_step_without_verified_evidence_is_flagged(
    tree, bob, alice, plan, steps
) -> None:
    ActionStep.objects.filter(pk__in=[steps[0].pk, steps[1].pk]).update(
        status=ActionStep.Status.DONE
    )
    add_evidence(
        tree["tanjabbar"], bob, steps=[steps[0]], status=Status.VERIFIED, verifier=alice
    )
    add_evidence(tree["tanjabbar"], bob, steps=[steps[1]], status=Status.SUBMITTED)
    assert list(done_steps_without_verified_evidence(plan)) == [steps[1]]


def test_evidence_visible_to_follows_unit_scope(tree, bob, charlie, rina) -> None:
    mine = add_evidence(tree["tanjabbar"], bob)
    theirs = add_evidence(tree["tanjabtim"], charlie)
    assert list(Evidence.objects.visible_to(charlie)) == [theirs]
    assert set(Evidence.objects.visible_to(rina)) == {mine, theirs}
    assert list(Evidence.objects.visible_to(bob)) == [mine]
