"""The admin shows evidence read-only to system administrators."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from django.urls import reverse
from django.utils.deprecation import RemovedInDjango60Warning

from sizi.evidence import services

pytestmark = pytest.mark.django_db


def test_admin_shows_link_evidence_without_a_url_scheme_warning(
    client, admin, alice, tree
):
    evidence = services.register_link(
        tree["tanjabbar"],
        "https://kpu.go.id/berita",
        services.EvidenceData(
            title="Berita zona integritas", document_date=date(2026, 3, 1)
        ),
        by=alice,
    )
    client.force_login(admin)

    # The admin form's URL field must say its scheme; Django 6.0 changes the default.
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        response = client.get(
            reverse("admin:evidence_evidence_change", args=[evidence.pk])
        )

    assert response.status_code == 200
    assert b"https://kpu.go.id/berita" in response.content
