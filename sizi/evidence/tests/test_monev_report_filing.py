"""A plan's Laporan Monev filed as bukti fisik from the monev page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from sizi.core.models import AuditEvent, Job
from sizi.evidence.models import Evidence
from sizi.plans import services as plan_services
from sizi.plans.importing import parse_decree
from sizi.plans.models import ActionPlan
from sizi.plans.monev_report import REPORT_QUESTIONS, monev_steps
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "kpu-tanjabbar"


@pytest.fixture
def seed_plan(tree: dict[str, Unit], alice: User, seed_decree_path: Path) -> ActionPlan:
    data = seed_decree_path.read_bytes()
    parsed = parse_decree(data, seed_decree_path.name, year=2025)
    return plan_services.import_plan(
        parsed,
        unit=tree["tanjabbar"],
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    ).plan


def _file(client, data: dict[str, object], code: str = CODE, **extra):
    url = reverse("evidence:monev_report_file", args=[code, 2025])
    return client.post(url, data, **extra)


def test_the_report_is_filed_once_with_its_monev_step(client, alice, seed_plan):
    [step] = monev_steps(seed_plan)
    client.force_login(alice)
    data = {"period": "tw4", "format": "pdf", "steps": [step.pk]}
    response = _file(client, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    job = Job.objects.get()
    assert job.kind == "evidence.monev_report"
    assert job.params["steps"] == [step.pk]
    call_command("worker", "--once", "--no-schedule")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_filename == f"laporan-monev-{CODE}-2025-tw4.pdf"
    evidence = Evidence.objects.get()
    assert evidence.unit == seed_plan.unit
    assert evidence.title == "Laporan Monev Rencana Aksi Triwulan IV 2025"
    assert evidence.source == "plans.monev_report:2025:tw4:pdf"
    assert list(evidence.action_steps.all()) == [step]
    assert evidence.supported_questions == list(REPORT_QUESTIONS)
    assert evidence.status == Evidence.Status.SUBMITTED
    assert evidence.current_revision.original_name == job.result_filename
    assert AuditEvent.objects.filter(action="evidence.generated_filed").count() == 1

    _file(client, data)  # filed again: the same item, never a second one
    call_command("worker", "--once", "--no-schedule")
    assert Evidence.objects.count() == 1
    assert list(Evidence.objects.get().action_steps.all()) == [step]


def test_another_unit_s_plan_is_a_404_and_a_reader_may_not_file(
    client, charlie, vera, seed_plan
):
    client.force_login(charlie)
    data = {"period": "tw4", "format": "pdf"}
    assert _file(client, data).status_code == 404
    client.force_login(vera)
    assert _file(client, data).status_code == 403
    assert not Job.objects.exists()


def test_a_step_of_another_plan_is_refused(client, alice, charlie, seed_plan, tree):
    other = ActionPlan.objects.create(unit=tree["tanjabtim"], year=2025)
    area = other.areas.create(numeral="I", title="MP", lke_area="MP")
    step = (
        area.components.create(name="K")
        .indicators.create(text="I")
        .steps.create(text="Langkah lain")
    )
    client.force_login(alice)
    response = _file(client, {"period": "tw4", "format": "pdf", "steps": [step.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:meeting_list", args=[CODE, 2025])
    assert not Job.objects.exists()
