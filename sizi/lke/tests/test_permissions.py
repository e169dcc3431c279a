"""The LKE permission module: getters (404/403) and the rights handed to templates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sizi.lke import permissions, services
from sizi.lke.models import Assessment, Question
from sizi.lke.permissions import LkeRights, rights_for
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q, url
from sizi.units.permissions import access_for
from sizi.units.tests.factories import MembershipFactory, UserFactory


def test_another_units_assessment_is_a_404(assessment, charlie):
    with pytest.raises(Http404):
        permissions.get_assessment_for_user(charlie, "kpu-tanjabbar", 2025)


def test_a_missing_year_is_a_404(assessment, alice):
    with pytest.raises(Http404):
        permissions.get_assessment_for_user(alice, "kpu-tanjabbar", 2024)


def test_a_viewer_may_not_write_an_answer(assessment, vera):
    with pytest.raises(PermissionDenied):
        permissions.get_answer_target_for_user(vera, "kpu-tanjabbar", 2025, "P.1.i.a")


def test_an_unknown_question_is_a_404(assessment, alice):
    with pytest.raises(Http404):
        permissions.get_answer_target_for_user(alice, "kpu-tanjabbar", 2025, "X.9")


def test_the_coordinator_writes_and_submits_a_draft(assessment, alice):
    access = access_for(alice, assessment.unit)
    layer = permissions.write_layer(alice, access, assessment)

    rights = rights_for(access, assessment, layer)

    assert layer == "self"
    assert rights == LkeRights(
        can_write=True,
        can_manage=True,
        can_submit=True,
        can_contribute=True,
        can_enter_predicates=True,
        can_turn_findings=True,
        can_reply=True,
    )


def test_the_provincial_reviewer_reviews_a_submitted_assessment(
    assessment, alice, rina
):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    assessment = Assessment.objects.get(pk=assessment.pk)
    access = access_for(rina, assessment.unit)

    layer = permissions.write_layer(rina, access, assessment)
    rights = rights_for(access, assessment, layer)

    assert layer == "preliminary"
    assert rights.can_review and rights.can_forward and rights.can_view_rollup
    assert not rights.can_submit and not rights.can_conclude


def test_only_the_author_may_withdraw_a_note(assessment, alice, rina, tia):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    question = Question.objects.get(instrument=assessment.instrument, code="P.1.i.a")
    note = services.add_review_note(assessment, question, text="Perbaiki", by=rina)

    found = permissions.get_own_review_note_for_user(
        rina, "kpu-tanjabbar", 2025, note.pk
    )

    assert found[3] == note
    with pytest.raises(PermissionDenied):
        permissions.get_own_review_note_for_user(alice, "kpu-tanjabbar", 2025, note.pk)


@pytest.mark.parametrize(
    "name", ["score", "answer_start", "results", "coverage", "export"]
)
def test_sibling_unit_sees_nothing(client, assessment, alice, charlie, name):
    answer(
        assessment,
        q(assessment, "P.1.i.a"),
        alice,
        value="ya",
        note="rahasia tanjabbar",
    )
    client.force_login(charlie)

    response = client.get(url(name))

    assert response.status_code == 404
    assert "rahasia tanjabbar" not in response.text


def test_only_the_author_sees_the_withdraw_button(client, assessment, alice, rina):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    other = UserFactory(username="rudi")
    MembershipFactory(user=other, unit=rina.memberships.get().unit, role="reviewer")
    services.add_review_note(
        assessment, q(assessment, "P.1.i.b"), text="Lengkapi SK", by=rina
    )

    client.force_login(rina)
    author_page = client.get(url("answer_area", "MP"))
    client.force_login(other)
    other_page = client.get(url("answer_area", "MP"))

    assert "jadikan komentar saja" in author_page.text
    assert len(author_page.context["withdrawable"]) == 1
    assert "jadikan komentar saja" not in other_page.text
    assert other_page.context["withdrawable"] == set()
