"""Periodic CoI evaluation and follow-up; the LKE register links.

URL names and their rule (for the access matrix):

- ``integrity:conflict_evaluations`` — GET anyone who sees the unit; POST the
  coordinator or the unit's own pimpinan (403 otherwise); 404 for another unit.
- ``integrity:conflict_follow_up`` (POST) — the coordinator/pimpinan; 404 for
  another unit's evaluation.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sizi.core.models import AuditEvent
from sizi.integrity import lke_inputs
from sizi.integrity.models import ConflictEvaluation
from sizi.integrity.services import conflict as services
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _values(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "period": "Semester I",
        "evaluated_on": timezone.localdate(),
        "findings": "Dua deklarasi ditangani dengan recusal",
        "follow_up": "Sosialisasi ulang kepada PPK",
    }
    values.update(overrides)
    return values


def test_an_evaluation_and_its_follow_up(tree: dict[str, Unit], alice: User) -> None:
    evaluation = services.record_evaluation(
        tree["tanjabbar"], 2026, _values(), by=alice
    )
    with pytest.raises(ValidationError):
        services.complete_follow_up(
            evaluation,
            by=alice,
            done_on=evaluation.evaluated_on - timedelta(days=1),
            note="",
        )
    services.complete_follow_up(
        evaluation, by=alice, done_on=evaluation.evaluated_on, note="Sosialisasi 3 Juni"
    )
    evaluation.refresh_from_db()
    assert evaluation.follow_up_done_on == evaluation.evaluated_on
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "integrity.conflict_evaluated",
        "integrity.conflict_follow_up_done",
    } <= actions


def test_a_future_evaluation_is_refused(tree: dict[str, Unit], alice: User) -> None:
    with pytest.raises(ValidationError):
        services.record_evaluation(
            tree["tanjabbar"],
            2026,
            _values(evaluated_on=timezone.localdate() + timedelta(days=1)),
            by=alice,
        )


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [("alice", 200, 302), ("vera", 200, 403), ("bob", 200, 403), ("charlie", 404, 404)],
)
def test_access(
    request: pytest.FixtureRequest, who: str, get: int, post: int, alice: User
) -> None:
    user = request.getfixturevalue(who)
    client = _client(user)
    url = reverse("integrity:conflict_evaluations", args=[CODE])
    assert client.get(url).status_code == get
    data = {**_values(), "evaluated_on": timezone.localdate().isoformat()}
    assert client.post(url, data).status_code == post


def test_follow_up_of_another_unit_is_404(
    tree: dict[str, Unit], alice: User, charlie: User
) -> None:
    other = services.record_evaluation(tree["tanjabtim"], 2026, _values(), by=charlie)
    url = reverse("integrity:conflict_follow_up", args=[CODE, other.pk])
    assert _client(alice).post(url, {"done_on": "2026-06-01"}).status_code == 404
    assert ConflictEvaluation.objects.get().follow_up_done_on is None


def test_register_links_for_lke_gaps(tree: dict[str, Unit]) -> None:
    links = lke_inputs.registers_for(
        tree["tanjabbar"], ["P.5.ii.c", "P.1.i.a", "R.5.iii.a"]
    )
    assert [link.question for link in links] == ["P.5.ii.c", "R.5.iii.a"]
    assert links[0].url == "/u/kpu-tanjabbar/integritas/risiko/"
    assert links[1].register == "Register LHKPN/LHKASN"
