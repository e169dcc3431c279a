"""Rights on one evidence item: who edits it, who verifies it, what the page offers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sizi.evidence import permissions, services
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import add_evidence, pdf, upload
from sizi.units import permissions as unit_permissions
from sizi.units.models import Membership
from sizi.units.tests.factories import MembershipFactory, UserFactory

Status = Evidence.Status
TANJABBAR = "kpu-tanjabbar"


@pytest.fixture
def dina(tree):
    """Another PIC of the unit, who owns no step the item supports."""
    user = UserFactory(username="dina", full_name="Dina PIC")
    MembershipFactory(user=user, unit=tree["tanjabbar"], role=Membership.Role.TEAM)
    return user


@pytest.fixture
def eko(tree, steps):
    """A PIC of the unit who owns the step the item supports."""
    user = UserFactory(username="eko", full_name="Eko PIC")
    MembershipFactory(user=user, unit=tree["tanjabbar"], role=Membership.Role.TEAM)
    steps[0].owners.add(user)
    return user


@pytest.fixture
def draft(tree, bob, steps) -> Evidence:
    return add_evidence(tree["tanjabbar"], bob, title="SK Tim Kerja", steps=steps[:1])


def _actions(item: Evidence, steps) -> dict[str, tuple[str, dict[str, object]]]:
    args = [TANJABBAR, item.pk]
    return {
        "edit": (
            reverse("evidence:edit", args=args),
            {"title": "Diubah", "document_date": "2026-03-01", "description": ""},
        ),
        "revision": (
            reverse("evidence:revision_add", args=args),
            {"file": upload("v2.pdf", pdf("Versi dua"))},
        ),
        "steps": (
            reverse("evidence:steps", args=args),
            {"steps": [steps[1].pk]},
        ),
        "submit": (reverse("evidence:submit", args=args), {}),
    }


@pytest.mark.parametrize("action", ["edit", "revision", "steps", "submit"])
def test_another_pic_may_not_change_someone_elses_item(
    client, dina, draft, steps, action
) -> None:
    client.force_login(dina)
    url, data = _actions(draft, steps)[action]
    assert client.post(url, data).status_code == 403
    draft.refresh_from_db()
    assert draft.title == "SK Tim Kerja"
    assert draft.status == Status.DRAFT
    assert draft.revisions.count() == 1
    assert list(draft.action_steps.all()) == [steps[0]]


@pytest.mark.parametrize("who", ["bob", "alice", "eko"])
def test_creator_coordinator_and_pic_of_a_supported_step_edit(
    client, request, draft, steps, eko, who
) -> None:
    client.force_login(request.getfixturevalue(who))
    url, data = _actions(draft, steps)["edit"]
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Diubah"


def test_pic_of_a_supported_step_adds_a_version(client, draft, steps, eko) -> None:
    client.force_login(eko)
    url, data = _actions(draft, steps)["revision"]
    assert client.post(url, data).status_code == 302
    assert draft.revisions.count() == 2


def test_detail_offers_no_edit_forms_to_another_pic(client, dina, draft) -> None:
    client.force_login(dina)
    response = client.get(reverse("evidence:detail", args=[TANJABBAR, draft.pk]))
    assert response.status_code == 200
    assert response.context["rights"].can_edit is False
    assert response.context["edit_form"] is None
    assert response.context["revision_form"] is None
    assert "Ajukan untuk diverifikasi" not in response.content.decode()
    assert "Anda dapat membaca dan mengunduh bukti ini." in response.content.decode()


def test_rights_for_an_item_are_a_frozen_dataclass(tree, bob, dina, draft) -> None:
    own = permissions.rights_for(
        unit_permissions.access_for(bob, tree["tanjabbar"]), bob, draft
    )
    other = permissions.rights_for(
        unit_permissions.access_for(dina, tree["tanjabbar"]), dina, draft
    )
    assert own.can_edit and own.can_contribute
    assert not other.can_edit and other.can_contribute


def test_own_upload_refusal_names_only_those_who_may_verify(
    client, tree, alice, lena
) -> None:
    item = add_evidence(tree["tanjabbar"], alice, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        services.verify_evidence(item, by=alice)
    message = " ".join(refused.value.messages)
    assert "koordinator lain" in message and "penilai unit induk" in message
    assert "pimpinan" not in message.lower()
    # ...because the unit's leader may not verify.
    client.force_login(lena)
    url = reverse("evidence:verify", args=[TANJABBAR, item.pk])
    assert client.post(url).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_uploader_is_not_offered_to_verify_their_own_item(client, tree, alice) -> None:
    item = add_evidence(tree["tanjabbar"], alice, status=Status.SUBMITTED)
    client.force_login(alice)
    response = client.get(reverse("evidence:detail", args=[TANJABBAR, item.pk]))
    assert response.context["rights"].can_verify_item is False
    assert response.context["verify_form"] is None
    verify_url = reverse("evidence:verify", args=[TANJABBAR, item.pk])
    assert verify_url not in response.content.decode()
    # Returning stays offered: the rule refuses only verifying one's own upload.
    assert response.context["return_form"] is not None


def test_another_verifier_is_offered_to_verify(client, tree, alice, rina) -> None:
    item = add_evidence(tree["tanjabbar"], alice, status=Status.SUBMITTED)
    client.force_login(rina)
    response = client.get(reverse("evidence:detail", args=[TANJABBAR, item.pk]))
    assert response.context["rights"].can_verify_item is True
    assert reverse("evidence:verify", args=[TANJABBAR, item.pk]) in (
        response.content.decode()
    )
