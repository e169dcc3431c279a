"""Statement campaigns, declared conflicts and the CoI map.

URL names and their rule (for the access matrix):

- ``integrity:campaign_list``, ``integrity:campaign_detail`` — anyone who sees
  the unit (progress of every person for the coordinator/pimpinan, one's own
  row for others; the recap PDF (POST ``unduh=pdf``, a background job) for the
  coordinator/pimpinan, 403
  otherwise); 404 for another unit's campaign.
- ``integrity:campaign_create``, ``integrity:campaign_file`` (POST) — the
  coordinator or the unit's own pimpinan; 403 others.
- ``integrity:signature_detail`` — the signer, the named atasan and the
  coordinator/pimpinan; 404 for everyone else.
- ``integrity:signature_sign`` (POST) — the signer only (403 for the others who
  may read it). ``integrity:signature_decide`` (POST) — the named atasan only.
- ``integrity:conflict_map`` — GET anyone who sees the unit; POST the
  coordinator/pimpinan. ``integrity:conflict_map_remove`` (POST) — the
  coordinator/pimpinan; 404 for another unit's row.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sizi.core.models import AuditEvent, Job
from sizi.core.tests.jobs import job_file, start_and_run
from sizi.evidence.models import Evidence
from sizi.integrity.models import (
    ConflictMapEntry,
    Signature,
    StatementCampaign,
    StatementText,
)
from sizi.integrity.reminders import send_statement_reminders
from sizi.integrity.services import conflict as services
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def members(lena: User, alice: User, bob: User, vera: User) -> dict[str, User]:
    return {"lena": lena, "alice": alice, "bob": bob, "vera": vera}


def _campaign(
    unit: Unit, by: User, kind: str = "coi", **overrides: Any
) -> StatementCampaign:
    values: dict[str, Any] = {
        "kind": kind,
        "year": 2026,
        "title": "Pernyataan Bebas Benturan Kepentingan 2026",
        "due_date": timezone.localdate() + timedelta(days=14),
        "body": services.default_text(kind),
    }
    values.update(overrides)
    return services.start_campaign(unit, by=by, **values)


@pytest.fixture
def campaign(tree: dict[str, Unit], members: dict[str, User]) -> StatementCampaign:
    return _campaign(tree["tanjabbar"], members["alice"])


def _sig(campaign: StatementCampaign, user: User) -> Signature:
    return Signature.objects.get(campaign=campaign, user=user)


def test_every_member_gets_a_task(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    assert set(campaign.signatures.values_list("user__username", flat=True)) == set(
        members
    )
    assert campaign.text.version == 1
    assert AuditEvent.objects.filter(action="integrity.campaign_started").exists()


def test_texts_are_versioned(tree: dict[str, Unit], members: dict[str, User]) -> None:
    alice = members["alice"]
    first = _campaign(tree["tanjabbar"], alice)
    same = _campaign(tree["tanjabbar"], alice)
    edited = _campaign(tree["tanjabbar"], alice, body="Teks baru.")
    assert first.text == same.text
    assert edited.text.version == 2
    assert StatementText.objects.count() == 2
    assert services.latest_text(tree["tanjabbar"], "coi") == "Teks baru."


def test_a_member_declares_free(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob = members["bob"]
    services.sign(_sig(campaign, bob), services.Declaration(declaration="free"), by=bob)
    signature = _sig(campaign, bob)
    assert signature.is_signed and not signature.has_conflict
    with pytest.raises(ValidationError):
        services.sign(signature, services.Declaration(declaration="free"), by=bob)


def test_a_declared_conflict_needs_its_details_and_goes_to_the_atasan(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob, lena, alice = members["bob"], members["lena"], members["alice"]
    signature = _sig(campaign, bob)
    with pytest.raises(ValidationError):
        services.sign(signature, services.Declaration(declaration="conflict"), by=bob)
    signature.refresh_from_db()
    assert not signature.is_signed
    declaration = services.Declaration(
        declaration="conflict",
        conflict_type="potential",
        source="affiliation",
        nature="Adik ipar adalah penyedia logistik",
        superior=lena,
    )
    services.sign(signature, declaration, by=bob)
    with pytest.raises(ValidationError):
        services.decide_conflict(
            signature,
            by=alice,
            decision="recusal",
            decided_on=timezone.localdate(),
            note="",
        )
    services.decide_conflict(
        signature,
        by=lena,
        decision="recusal",
        decided_on=timezone.localdate(),
        note="PPK lain",
    )
    signature.refresh_from_db()
    assert signature.decision == "recusal"
    audit = AuditEvent.objects.get(action="integrity.statement_signed")
    assert "ipar" not in str(audit.changes) and "ipar" not in audit.target_repr


def test_only_the_signer_signs(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    with pytest.raises(ValidationError):
        services.sign(
            _sig(campaign, members["bob"]),
            services.Declaration(declaration="free"),
            by=members["alice"],
        )


def test_a_pact_is_signed_without_a_declaration(
    tree: dict[str, Unit], members: dict[str, User]
) -> None:
    pact = _campaign(
        tree["tanjabbar"], members["alice"], kind="pact", title="Pakta Integritas"
    )
    bob = members["bob"]
    services.sign(_sig(pact, bob), services.Declaration(), by=bob)
    assert _sig(pact, bob).is_signed and _sig(pact, bob).declaration == ""


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 200), ("lena", 200), ("alice", 200), ("vera", 404)]
)
def test_signature_visibility(
    campaign: StatementCampaign, members: dict[str, User], who: str, status: int
) -> None:
    bob, lena = members["bob"], members["lena"]
    services.sign(
        _sig(campaign, bob),
        services.Declaration("conflict", "actual", "personal", "Usaha keluarga", lena),
        by=bob,
    )
    url = reverse("integrity:signature_detail", args=[CODE, _sig(campaign, bob).pk])
    assert _client(members[who]).get(url).status_code == status


def test_another_unit_is_404(campaign: StatementCampaign, charlie: User) -> None:
    client = _client(charlie)
    assert (
        client.get(
            reverse("integrity:campaign_detail", args=[CODE, campaign.pk])
        ).status_code
        == 404
    )
    signature = campaign.signatures.first()
    assert signature is not None
    url = reverse("integrity:signature_detail", args=["kpu-tanjabtim", signature.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("vera", 403)])
def test_campaign_writes_need_the_coordinator(
    campaign: StatementCampaign, members: dict[str, User], who: str, status: int
) -> None:
    client = _client(members[who])
    assert (
        client.get(reverse("integrity:campaign_create", args=[CODE])).status_code
        == status
    )
    assert (
        client.post(
            reverse("integrity:campaign_file", args=[CODE, campaign.pk])
        ).status_code
        == status
    )
    assert (
        client.post(
            reverse("integrity:campaign_detail", args=[CODE, campaign.pk]),
            {"unduh": "pdf"},
        ).status_code
        == status
    )
    assert not Job.objects.exists()
    assert (
        client.post(
            reverse("integrity:conflict_map", args=[CODE]), {"tahun": 2026}
        ).status_code
        == status
    )


def test_sign_and_decide_only_by_their_people(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob_sig = _sig(campaign, members["bob"])
    alice = _client(members["alice"])
    assert (
        alice.post(
            reverse("integrity:signature_sign", args=[CODE, bob_sig.pk])
        ).status_code
        == 403
    )
    assert (
        alice.post(
            reverse("integrity:signature_decide", args=[CODE, bob_sig.pk])
        ).status_code
        == 403
    )


def test_a_member_sees_only_their_own_row(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    html = (
        _client(members["bob"])
        .get(reverse("integrity:campaign_detail", args=[CODE, campaign.pk]))
        .content.decode()
    )
    assert "Bob PIC" in html and "Vera Pemantau" not in html
    manager = (
        _client(members["alice"])
        .get(reverse("integrity:campaign_detail", args=[CODE, campaign.pk]))
        .content.decode()
    )
    assert "Vera Pemantau" in manager


def test_the_coordinator_prepares_the_campaign_recap_as_a_job(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    client = _client(members["alice"])
    url = reverse("integrity:campaign_detail", args=[CODE, campaign.pk])
    job = start_and_run(client, url, {"unduh": "pdf"})
    assert (job.kind, job.user) == ("integrity.campaign_recap", members["alice"])
    assert job.result_filename == f"pernyataan-{campaign.kind}-{campaign.year}.pdf"
    assert job_file(client, job).startswith(b"%PDF")


def test_signing_through_the_page(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob = members["bob"]
    url = reverse("integrity:signature_sign", args=[CODE, _sig(campaign, bob).pk])
    refused = _client(bob).post(url, {"declaration": "free"})
    assert refused.status_code == 422
    _client(bob).post(url, {"agree": "on", "declaration": "free"})
    assert _sig(campaign, bob).is_signed


def test_the_recap_files_as_evidence(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob = members["bob"]
    services.sign(_sig(campaign, bob), services.Declaration(declaration="free"), by=bob)
    _client(members["alice"]).post(
        reverse("integrity:campaign_file", args=[CODE, campaign.pk])
    )
    evidence = Evidence.objects.get()
    assert evidence.source == f"integrity.campaign:{campaign.pk}"
    assert evidence.supported_questions == ["P.5.v.c"]
    document = services.campaign_document(campaign)
    assert document.after[0].startswith("Rekap: 1 dari 4 pegawai")


def test_pending_tasks_show_in_my_work_and_are_reminded(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    panel = (
        _client(members["bob"]).get(reverse("integrity:my_work_panel")).content.decode()
    )
    assert campaign.title in panel
    StatementCampaign.objects.filter(pk=campaign.pk).update(
        due_date=timezone.localdate()
    )
    assert send_statement_reminders() == 4
    assert send_statement_reminders() == 0
    assert campaign.title in mail.outbox[0].body


def test_the_atasan_sees_the_conflict_to_decide(
    campaign: StatementCampaign, members: dict[str, User]
) -> None:
    bob, lena = members["bob"], members["lena"]
    services.sign(
        _sig(campaign, bob),
        services.Declaration("conflict", "actual", "personal", "Usaha keluarga", lena),
        by=bob,
    )
    panel = _client(lena).get(reverse("integrity:my_work_panel")).content.decode()
    assert "menunggu keputusan" in panel


def test_the_map_is_kept_exported_and_filed(members: dict[str, User]) -> None:
    client = _client(members["alice"])
    url = reverse("integrity:conflict_map", args=[CODE])
    client.post(
        url,
        {
            "tahun": 2026,
            "duty": "Pengadaan logistik",
            "situation": "Penyedia kerabat pejabat",
            "source": "affiliation",
            "level": "high",
            "control": "Deklarasi dan recusal",
        },  # fmt: skip
    )
    entry = ConflictMapEntry.objects.get()
    assert entry.year == 2026
    xlsx = start_and_run(client, url, {"tahun": 2026, "unduh": "xlsx"})
    assert xlsx.kind == "integrity.conflict_map"
    assert job_file(client, xlsx).startswith(b"PK")
    pdf = start_and_run(client, url, {"tahun": 2026, "unduh": "pdf"})
    assert pdf.result_filename == f"matrik-benturan-kepentingan-{CODE}-2026.pdf"
    assert job_file(client, pdf).startswith(b"%PDF")
    client.post(url, {"tahun": 2026, "arsipkan": "1", "format": "pdf"})
    evidence = Evidence.objects.get()
    assert evidence.supported_questions == ["P.5.v.a"]
    assert evidence.title == "Matrik Identifikasi Benturan Kepentingan 2026"


def test_lists_stay_flat(
    campaign: StatementCampaign, members: dict[str, User], tree: dict[str, Unit]
) -> None:
    client = _client(members["alice"])
    urls = [
        reverse("integrity:campaign_list", args=[CODE]),
        reverse("integrity:campaign_detail", args=[CODE, campaign.pk]),
    ]
    for url in urls:
        client.get(url)
    small = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        small.append(len(ctx.captured_queries))
    for n in range(10):
        user = UserFactory(username=f"staf{n}")
        MembershipFactory(
            user=user, unit=tree["tanjabbar"], role=Membership.Role.VIEWER
        )
    bigger = _campaign(tree["tanjabbar"], members["alice"])
    _campaign(tree["tanjabbar"], members["alice"], kind="pact")
    urls[1] = reverse("integrity:campaign_detail", args=[CODE, bigger.pk])
    for url, count in zip(urls, small, strict=True):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        assert len(ctx.captured_queries) == count
