"""The step page: evidence links and counts, the delete button, recurring targets."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sizi.plans import models as plan_models
from sizi.plans import services
from sizi.plans.models import ActionStep

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


@pytest.mark.parametrize(
    ("persona", "shown"), [("bob", True), ("alice", True), ("vera", False)]
)
def test_step_page_links_evidence_upload_for_contributors(
    client, request, bob_step, persona, shown
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk])
    html = client.get(url).content.decode()
    link = reverse("evidence:upload", args=[CODE]) + f"?langkah={bob_step.pk}"
    assert (link in html) is shown
    assert ("Unggah bukti untuk langkah ini" in html) is shown


def test_step_page_counts_linked_evidence_by_status(client, alice, tree, bob_step):
    for title, status in [("SK", "diverifikasi"), ("Foto", "draft"), ("BA", "draft")]:
        bob_step.evidence.create(
            unit=tree["tanjabbar"],
            title=title,
            document_date=date(2025, 3, 1),
            status=status,
        )
    client.force_login(alice)
    response = client.get(reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk]))
    assert response.context["evidence_count"] == 3
    assert response.context["evidence_by_status"] == [("Diverifikasi", 1), ("Draf", 2)]
    assert "3 bukti: 1 diverifikasi, 2 draf" in response.content.decode()


def test_step_delete_button_is_marked_destructive_and_asks(client, alice, bob_step):
    client.force_login(alice)
    html = client.get(
        reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk])
    ).content.decode()
    form_start = html.index(
        reverse("plans:step_delete", args=[CODE, 2025, bob_step.pk])
    )
    form = html[html.rindex("<form", 0, form_start) : html.index("</form>", form_start)]
    assert 'data-confirm="' in form
    assert 'class="button button-danger"' in form


def test_recurring_step_page_explains_the_rule_and_names_the_missed_period(
    client, alice, seed_plan, monkeypatch
):
    step = (
        ActionStep.objects.for_plan(seed_plan)
        .filter(indicator__target_recurrence="monthly")
        .order_by("pk")
        .first()
    )
    assert step is not None
    monkeypatch.setattr(plan_models, "today", lambda: date(2025, 3, 10))
    client.force_login(alice)
    url = reverse("plans:step_detail", args=[CODE, 2025, step.pk])
    html = client.get(url).content.decode()
    assert 'id="recurring-rule"' in html
    assert "Belum ada realisasi 1 Februari – 28 Februari 2025" in html
    assert '<span class="badge badge-danger" id="step-status">Terlambat</span>' in html
    services.add_realisation(
        step, by=alice, description="Februari", done_on=date(2025, 2, 27), note=""
    )
    html = client.get(url).content.decode()
    assert 'id="missed-period"' not in html
    assert "Terlambat</span>" not in html
    timeline = client.get(reverse("plans:plan_timeline", args=[CODE, 2025]))
    assert '<svg class="tick"' in timeline.content.decode()
