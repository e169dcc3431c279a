"""The read-only admin of the LKE."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "model", ["instrument", "question", "assessment", "layerscore", "submission"]
)
def test_admin_lists_lke_rows_read_only(client, assessment, admin, model):
    client.force_login(admin)

    response = client.get(reverse(f"admin:lke_{model}_changelist"))

    assert response.status_code == 200
    assert client.get(reverse(f"admin:lke_{model}_add")).status_code == 403
