"""The admin shows plans read-only to system administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_lists_plans_and_steps_but_cannot_change_them(client, admin, bob_step):
    client.force_login(admin)
    for model in (
        "actionplan",
        "actionstep",
        "realisation",
        "reviewmeeting",
        "followup",
        "stepreminder",
    ):
        assert client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:plans_actionstep_add")).status_code == 403
    response = client.post(
        reverse("admin:plans_actionstep_delete", args=[bob_step.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
