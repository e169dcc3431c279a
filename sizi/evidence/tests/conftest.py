"""Fixtures of the evidence tests: a plan with steps, files of each kind, helpers."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sizi.evidence import services
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    Component,
    ExpectedEvidence,
    Indicator,
)
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import UserFactory

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


def pdf(text: str = "Bukti") -> bytes:
    return minimal_pdf([text])


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def incoming(name: str, data: bytes) -> services.IncomingFile:
    return services.IncomingFile(name, io.BytesIO(data))


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def second_coordinator(unit: Unit) -> User:
    """Return a coordinator of `unit` who uploads nothing (a verifier for tests)."""
    user = UserFactory(username=f"verifikator-{unit.code}", full_name="Verifikator")
    Membership.objects.get_or_create(
        user=user, unit=unit, role=Membership.Role.COORDINATOR
    )
    return user


def add_evidence(
    unit: Unit,
    by: User,
    *,
    title: str = "Notulen rapat",
    data: bytes | None = None,
    name: str = "notulen.pdf",
    steps: list[ActionStep] | None = None,
    status: str = Evidence.Status.DRAFT,
    verifier: User | None = None,
    document_date: date = date(2026, 3, 1),
) -> Evidence:
    """Upload one PDF through the services and move it to `status`."""
    [evidence] = services.upload_evidence(
        unit,
        [incoming(name, data if data is not None else pdf(title))],
        services.EvidenceData(title=title, document_date=document_date),
        by=by,
        steps=steps or [],
        submit=status != Evidence.Status.DRAFT,
    )
    # Nobody verifies their own upload: a second coordinator does by default.
    verifier = verifier or second_coordinator(unit)
    if status in {Evidence.Status.VERIFIED, Evidence.Status.RETURNED}:
        services.verify_evidence(evidence, by=verifier)
    if status == Evidence.Status.RETURNED:
        services.return_evidence(evidence, by=verifier, note="Kurang tanda tangan.")
    evidence.refresh_from_db()
    return evidence


@pytest.fixture
def plan(tree: dict[str, Unit]) -> ActionPlan:
    """A 2026 plan of kpu-tanjabbar: two areas, three indicators, four steps."""
    plan = ActionPlan.objects.create(unit=tree["tanjabbar"], year=2026)
    area1 = Area.objects.create(
        plan=plan, numeral="I", title="Manajemen Perubahan", lke_area="MP", order=1
    )
    area2 = Area.objects.create(
        plan=plan, numeral="II", title="Penataan Tatalaksana", lke_area="PT", order=2
    )
    comp1 = Component.objects.create(area=area1, number="1", name="Tim Kerja", order=1)
    comp2 = Component.objects.create(area=area2, number="1", name="SOP", order=1)
    ind1 = Indicator.objects.create(component=comp1, text="Tim kerja dibentuk", order=1)
    ind2 = Indicator.objects.create(component=comp1, text="Rapat rutin", order=2)
    ind3 = Indicator.objects.create(component=comp2, text="SOP disusun", order=1)
    ExpectedEvidence.objects.create(indicator=ind1, text="SK Tim Kerja")
    ExpectedEvidence.objects.create(indicator=ind3, text="Dokumen SOP")
    ActionStep.objects.create(indicator=ind1, text="Menyusun SK tim kerja", order=1)
    ActionStep.objects.create(indicator=ind2, text="Rapat bulanan", order=1)
    ActionStep.objects.create(indicator=ind3, text="Menyusun SOP pelayanan", order=1)
    ActionStep.objects.create(indicator=ind3, text="Menetapkan SOP", order=2)
    return plan


@pytest.fixture
def steps(plan: ActionPlan) -> list[ActionStep]:
    return list(
        ActionStep.objects.for_plan(plan).order_by(
            "indicator__component__area__order", "indicator__order", "order"
        )
    )


def every_page(item: Evidence, requested_from: User, by: User) -> dict[str, list[Any]]:
    """Return every evidence page of the item's unit (URL name → args), with an
    open request to `requested_from` for the fulfil page."""
    request = services.create_request(
        item.unit,
        requested_from=requested_from,
        title="Foto",
        due_date=date(2026, 5, 1),
        by=by,
    )
    code = item.unit.code
    return {
        "evidence:list": [code],
        "evidence:missing": [code],
        "evidence:upload": [code],
        "evidence:link_create": [code],
        "evidence:pack": [code],
        "evidence:detail": [code, item.pk],
        "evidence:request_list": [code],
        "evidence:request_fulfil": [code, request.pk],
    }
