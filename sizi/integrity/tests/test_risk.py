"""SPIP risk register: the matrix, the services, RTP steps, documents, access.

URL names and their rule (for the access matrix):

- ``integrity:risk_register``, ``integrity:risk_detail``, ``integrity:risk_export``
  (GET) — anyone who sees the unit; 404 for another unit's risk.
- ``integrity:risk_create``, ``integrity:risk_edit``, ``integrity:risk_action_add``,
  ``integrity:risk_monitor``, ``integrity:risk_remove``,
  ``integrity:risk_action_remove``, ``integrity:risk_export`` (POST, file as bukti
  fisik) — the unit's coordinator or own pimpinan; 403 for other roles; 404 for
  another unit's risk or RTP.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.core.models import AuditEvent, Job
from sizi.core.tests.jobs import job_file, run_task, start_and_run
from sizi.evidence.models import Evidence
from sizi.integrity.models import Risk, RiskMonitoring, RiskRegister
from sizi.integrity.services import risk as services
from sizi.integrity.spip_rules import parse_rules, risk_rules
from sizi.plans.models import ActionPlan, Area, Component, Indicator
from sizi.units.models import Unit, User

CODE = "kpu-tanjabbar"
YEAR = 2026


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 1, "very_low"),
        (1, 5, "medium"),
        (2, 4, "medium"),
        (3, 3, "medium"),
        (3, 4, "high"),
        (4, 5, "very_high"),
        (5, 1, "medium"),
        (5, 5, "very_high"),
    ],
)
def test_the_risk_level_matrix(likelihood: int, impact: int, level: str) -> None:
    assert risk_rules().level(likelihood, impact).key == level


def test_levels_never_fall_as_scores_rise() -> None:
    rules = risk_rules()
    for k in range(1, 6):
        for d in range(1, 6):
            here = rules.level(k, d).rank
            if k < 5:
                assert rules.level(k + 1, d).rank >= here
            if d < 5:
                assert rules.level(k, d + 1).rank >= here


def test_scores_outside_the_matrix_are_refused() -> None:
    with pytest.raises(ValueError):
        risk_rules().level(6, 1)
    with pytest.raises(ValueError):
        risk_rules().level(1, 0)


def test_an_incomplete_matrix_is_refused() -> None:
    data: dict[str, Any] = {
        "likelihood": [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}],
        "impact": [{"value": 1, "label": "a"}],
        "levels": [{"key": "low", "label": "Rendah", "colour": "#0f0"}],
        "matrix": {1: ["low"]},
        "elements": [],
    }
    with pytest.raises(ValueError):
        parse_rules(data)
    data["matrix"] = {1: ["low"], 2: ["extreme"]}
    with pytest.raises(ValueError):
        parse_rules(data)


def test_five_spip_elements() -> None:
    assert [e.key for e in risk_rules().elements] == ["LP", "PR", "KP", "IK", "PM"]
    assert sum(len(e.sub) for e in risk_rules().elements) == 25


def _data(owner: User, **overrides: Any) -> services.RiskData:
    values: dict[str, Any] = {
        "objective": "Pengelolaan logistik pemilihan",
        "statement": "Logistik terlambat didistribusikan",
        "cause": "Perencanaan kebutuhan tidak akurat",
        "effect": "Pemungutan suara tertunda",
        "element": "KP",
        "existing_controls": "Daftar periksa distribusi",
        "owner": owner,
        "likelihood": 4,
        "impact": 5,
        "residual_likelihood": 2,
        "residual_impact": 4,
    }
    values.update(overrides)
    return services.RiskData(**values)


@pytest.fixture
def risk(tree: dict[str, Unit], alice: User, bob: User) -> Risk:
    register = services.register_for(tree["tanjabbar"], YEAR, by=alice)
    return services.save_risk(register, _data(bob), by=alice)


@pytest.fixture
def pw_indicator(tree: dict[str, Unit]) -> Indicator:
    plan = ActionPlan.objects.create(unit=tree["tanjabbar"], year=YEAR)
    area = Area.objects.create(
        plan=plan, numeral="V", title="Penguatan Pengawasan", lke_area="PW", order=5
    )
    component = Component.objects.create(area=area, number="2", name="SPIP", order=2)
    return Indicator.objects.create(
        component=component, text="RTP dilaksanakan", order=1
    )


@pytest.mark.django_db
def test_levels_follow_the_matrix_and_changes_are_audited(
    risk: Risk, alice: User, bob: User
) -> None:
    assert (risk.number, risk.inherent_level, risk.residual_level) == (
        1,
        "very_high",
        "medium",
    )
    services.save_risk(
        risk.register, _data(bob, residual_likelihood=1), by=alice, risk=risk
    )
    assert risk.residual_level == "low"
    event = AuditEvent.objects.get(action="integrity.risk_updated")
    assert event.changes["residual_likelihood"] == [2, 1]
    second = services.save_risk(risk.register, _data(bob), by=alice)
    assert second.number == 2


@pytest.mark.django_db
def test_the_owner_must_be_a_unit_member(
    tree: dict[str, Unit], alice: User, charlie: User
) -> None:
    from django.core.exceptions import ValidationError

    register = services.register_for(tree["tanjabbar"], YEAR, by=alice)
    with pytest.raises(ValidationError):
        services.save_risk(register, _data(charlie), by=alice)
    assert not Risk.objects.exists()


@pytest.mark.django_db
def test_an_rtp_becomes_a_step_owned_by_its_pic(
    risk: Risk, alice: User, bob: User, pw_indicator: Indicator
) -> None:
    action = services.add_control_action(
        risk,
        by=alice,
        text="Susun jadwal distribusi",
        pic=bob,
        target_date=date(2026, 6, 30),
        indicator=pw_indicator,
    )
    assert action.step is not None
    assert list(action.step.owners.all()) == [bob]
    assert action.step.indicator == pw_indicator
    assert "RTP risiko 1" in action.step.text


@pytest.mark.django_db
def test_an_rtp_without_a_plan_is_kept_alone(
    risk: Risk, alice: User, bob: User
) -> None:
    action = services.add_control_action(
        risk, by=alice, text="Reviu", pic=bob, target_date=date(2026, 9, 30)
    )
    assert action.step is None


@pytest.mark.django_db
def test_monitoring_is_one_row_per_quarter(risk: Risk, alice: User) -> None:
    services.record_monitoring(
        risk, by=alice, quarter=1, status="in_progress", note="", occurred=False
    )
    services.record_monitoring(
        risk, by=alice, quarter=1, status="done", note="Selesai", occurred=False
    )
    assert RiskMonitoring.objects.get().status == "done"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("vera", 200), ("charlie", 404)]
)
def test_reading_pages(
    risk: Risk, vera: User, charlie: User, alice: User, who: str, status: int
) -> None:
    users = {"alice": alice, "vera": vera, "charlie": charlie}
    client = _client(users[who])
    assert (
        client.get(reverse("integrity:risk_register", args=[CODE])).status_code
        == status
    )
    assert (
        client.get(reverse("integrity:risk_detail", args=[CODE, risk.pk])).status_code
        == status
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("bob", 403), ("vera", 403), ("charlie", 404)]
)
def test_writes_need_the_coordinator_or_pimpinan(
    risk: Risk, bob: User, vera: User, charlie: User, who: str, status: int
) -> None:
    client = _client({"bob": bob, "vera": vera, "charlie": charlie}[who])
    assert (
        client.get(reverse("integrity:risk_create", args=[CODE])).status_code == status
    )
    assert (
        client.get(reverse("integrity:risk_edit", args=[CODE, risk.pk])).status_code
        == status
    )
    assert (
        client.post(
            reverse("integrity:risk_action_add", args=[CODE, risk.pk])
        ).status_code
        == status
    )
    assert (
        client.post(reverse("integrity:risk_monitor", args=[CODE, risk.pk])).status_code
        == status
    )
    assert (
        client.post(
            reverse("integrity:risk_export", args=[CODE]), {"tahun": YEAR}
        ).status_code
        == status
    )
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_another_unit_s_risk_is_404(risk: Risk, charlie: User) -> None:
    client = _client(charlie)
    url = reverse("integrity:risk_detail", args=["kpu-tanjabtim", risk.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_coordinator_adds_a_risk_through_the_form(alice: User, bob: User) -> None:
    response = _client(alice).post(
        reverse("integrity:risk_create", args=[CODE]),
        {
            "tahun": YEAR,
            "objective": "Layanan PPID",
            "statement": "Permohonan tidak dijawab",
            "cause": "Petugas kurang",
            "effect": "Keberatan",
            "element": "IK",
            "existing_controls": "",
            "owner": bob.pk,
            "likelihood": 3,
            "impact": 4,
            "residual_likelihood": 2,
            "residual_impact": 3,
        },  # fmt: skip
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.register.year, risk.inherent_level, risk.residual_level) == (
        YEAR,
        "high",
        "low",
    )


@pytest.mark.django_db
def test_register_queries_stay_flat(risk: Risk, alice: User, bob: User) -> None:
    client = _client(alice)
    url = reverse("integrity:risk_register", args=[CODE])
    client.get(url, {"tahun": YEAR})
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"tahun": YEAR})
    for _ in range(8):
        extra = services.save_risk(risk.register, _data(bob), by=alice)
        services.add_control_action(
            extra, by=alice, text="Reviu", pic=bob, target_date=date(2026, 9, 30)
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"tahun": YEAR})
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_documents_download_and_file_as_evidence(
    risk: Risk, alice: User, bob: User
) -> None:
    services.add_control_action(
        risk, by=alice, text="Susun jadwal", pic=bob, target_date=date(2026, 6, 30)
    )
    services.record_monitoring(
        risk, by=alice, quarter=2, status="done", note="Jadwal terbit", occurred=False
    )
    client = _client(alice)
    url = reverse("integrity:risk_export", args=[CODE])
    for kind in ("register", "rtp", "kartu"):
        pdf = start_and_run(
            client, url, {"tahun": YEAR, "dokumen": kind, "unduh": "pdf"}
        )
        assert pdf.kind == "integrity.risk_document"
        assert job_file(client, pdf).startswith(b"%PDF")
        xlsx = start_and_run(
            client, url, {"tahun": YEAR, "dokumen": kind, "unduh": "xlsx"}
        )
        assert job_file(client, xlsx).startswith(b"PK")
    assert xlsx.result_filename == f"kartu-kendali-spip-{CODE}-{YEAR}.xlsx"
    assert not Evidence.objects.exists()
    client.post(url, {"tahun": YEAR, "dokumen": "kartu", "format": "pdf"})
    evidence = Evidence.objects.get()
    assert evidence.source == f"integrity.spip_kartu:{YEAR}:pdf"
    assert evidence.title == f"Kartu Kendali SPIP {YEAR}"
    assert "P.5.ii.c" in evidence.supported_questions
    assert RiskRegister.objects.count() == 1


@pytest.mark.django_db
def test_a_filed_document_is_linked_to_the_chosen_steps(
    risk: Risk, alice: User, bob: User, pw_indicator: Indicator
) -> None:
    action = services.add_control_action(
        risk, by=alice, text="Susun jadwal", pic=bob, target_date=date(2026, 6, 30),
        indicator=pw_indicator,
    )  # fmt: skip
    assert action.step is not None
    _client(alice).post(
        reverse("integrity:risk_export", args=[CODE]),
        {"tahun": YEAR, "dokumen": "kartu", "format": "pdf", "steps": [action.step.pk]},
    )
    evidence = Evidence.objects.get()
    assert list(evidence.action_steps.all()) == [action.step]


@pytest.mark.django_db
def test_removing_an_rtp_keeps_its_step_and_removing_a_risk(
    risk: Risk, alice: User, bob: User, charlie: User, pw_indicator: Indicator
) -> None:
    action = services.add_control_action(
        risk, by=alice, text="Susun jadwal", pic=bob, target_date=date(2026, 6, 30),
        indicator=pw_indicator,
    )  # fmt: skip
    url = reverse("integrity:risk_action_remove", args=[CODE, action.pk])
    assert _client(bob).post(url).status_code == 403
    assert _client(charlie).post(url).status_code == 404
    assert _client(alice).post(url).status_code == 302
    assert not risk.actions.exists()
    assert pw_indicator.steps.count() == 1
    remove = reverse("integrity:risk_remove", args=[CODE, risk.pk])
    assert _client(bob).post(remove).status_code == 403
    assert _client(alice).post(remove).status_code == 302
    assert not Risk.objects.exists()


@pytest.mark.django_db
def test_a_risk_document_job_whose_register_went_fails_in_indonesian(
    alice: User, tree: Any
) -> None:
    register = services.register_for(tree["tanjabbar"], YEAR, by=alice)
    client = _client(alice)
    url = reverse("integrity:risk_export", args=[CODE])
    client.post(url, {"tahun": YEAR, "dokumen": "rtp", "unduh": "pdf"})
    job = Job.objects.get(kind="integrity.risk_document")
    RiskRegister.objects.filter(pk=register.pk).delete()
    run_task(job)
    assert job.status == Job.Status.FAILED
    assert job.error == f"Register risiko tahun {YEAR} belum ada lagi."


@pytest.mark.django_db
def test_the_audit_log_reads_a_risk_in_words(
    risk: Risk, alice: User, bob: User
) -> None:
    """No unit slug, nested brackets or raw SPIP code in the risk's audit entry."""
    from sizi.core.audit_display import describe

    action = services.add_control_action(
        risk,
        by=alice,
        text="Susun jadwal distribusi",
        pic=bob,
        target_date=date(2026, 6, 30),
    )
    added = AuditEvent.objects.get(action="integrity.risk_added")
    (row,) = describe([added])
    assert row.target == "Risiko 1 (register SPIP 2026)"
    element = next(c for c in row.changes if c.label == "Unsur SPIP")
    assert element.new == "Kegiatan Pengendalian"
    assert (
        str(risk.register)
        == "Register risiko SPIP 2026 KPU Kabupaten Tanjung Jabung Barat"
    )
    assert CODE not in str(risk.register)
    assert str(action) == "RTP Risiko 1 (register SPIP 2026): Susun jadwal distribusi"


@pytest.mark.django_db
def test_an_rtp_step_names_its_target_in_house_style(
    risk: Risk, alice: User, bob: User, pw_indicator: Indicator
) -> None:
    action = services.add_control_action(
        risk,
        by=alice,
        text="Susun jadwal distribusi",
        pic=bob,
        target_date=date(2026, 6, 30),
        indicator=pw_indicator,
    )
    assert action.step is not None
    assert action.step.text.endswith("(target 30 Juni 2026)")
