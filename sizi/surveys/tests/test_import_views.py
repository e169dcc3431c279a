"""The import pages: who reaches them, and upload → mapping → preview → confirm.

URL names and their rule (for the access matrix): surveys:import_upload (GET,
POST), surveys:import_mapping (GET), surveys:import_preview (POST),
surveys:import_confirm (POST) — the Manage rule on a period that is not
closed: the unit's coordinator or leader; other members, viewers and reviewers
above → 403; another unit's coordinator → 404; anonymous → login; a closed
period → 403.
"""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sizi.surveys import services
from sizi.surveys.models import Response, SurveyPeriod
from sizi.surveys.tests import exports
from sizi.surveys.tests.test_scoring import SKM
from sizi.units.models import User

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def url(name: str, period: SurveyPeriod) -> str:
    return reverse(f"surveys:{name}", args=[CODE, period.pk])


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def upload(
    client: Client, period: SurveyPeriod, data: bytes, name: str = "ekspor.csv"
) -> Any:
    return client.post(
        url("import_upload", period), {"file": SimpleUploadedFile(name, data)}
    )


def mapping_post(
    period: SurveyPeriod, data: bytes, name: str = "ekspor.csv", **changes: str
) -> dict[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    post = {"f": sha, "name": name, "header_row": "1", "default_service": ""}
    for n, target in enumerate(exports.header(SKM)):
        del target
        post[f"col_{chr(65 + n)}"] = ""
    guessed = {
        "A": "submitted_at",
        "B": "gender",
        "C": "age_group",
        "D": "education",
        "E": "occupation",
        "F": "service_type",
        "P": "suggestion",
    }
    post.update({f"col_{k}": v for k, v in guessed.items()})
    post.update(
        {f"col_{chr(71 + i)}": code for i, code in enumerate(SKM.question_codes)}
    )
    post.update(changes)
    return post


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("lena", 200),
        ("bob", 403),
        ("vera", 403),
        ("rina", 403),
        ("tia", 403),
        ("charlie", 404),
        ("admin", 403),
    ],
)
def test_who_reaches_the_upload_page(
    period: SurveyPeriod, persona: str, status: int, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url("import_upload", period)).status_code == status


def test_every_import_url_applies_the_manage_rule(
    period: SurveyPeriod, bob: User, charlie: User
) -> None:
    data = exports.google_forms_csv(SKM, 2)
    post = mapping_post(period, data)
    for name, method in [
        ("import_upload", "post"),
        ("import_mapping", "get"),
        ("import_preview", "post"),
        ("import_confirm", "post"),
    ]:
        assert (
            getattr(client_for(bob), method)(url(name, period), post).status_code == 403
        )
        assert (
            getattr(client_for(charlie), method)(url(name, period), post).status_code
            == 404
        )
        anonymous = getattr(client_for(None), method)(url(name, period), post)
        assert anonymous.status_code == 302 and "/akun/" in anonymous["Location"]
    assert not Response.objects.exists()


def test_a_closed_period_takes_no_import(period: SurveyPeriod, alice: User) -> None:
    services.close_period(period, by=alice)
    assert client_for(alice).get(url("import_upload", period)).status_code == 403


def test_wrong_methods_are_refused(period: SurveyPeriod, alice: User) -> None:
    client = client_for(alice)
    assert client.post(url("import_mapping", period)).status_code == 405
    assert client.get(url("import_preview", period)).status_code == 405
    assert client.get(url("import_confirm", period)).status_code == 405


def test_upload_mapping_preview_confirm(period: SurveyPeriod, alice: User) -> None:
    client = client_for(alice)
    data = exports.google_forms_csv(SKM, 12)
    sha = hashlib.sha256(data).hexdigest()
    response = upload(client, period, data)
    assert response.status_code == 302 and f"f={sha}" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        "Kolom G: 1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan" in body
    )
    assert '<option value="U1" selected>U1 Persyaratan</option>' in body
    preview = client.post(url("import_preview", period), mapping_post(period, data))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Semua baris dapat dibaca: <strong>12</strong>" in text
    assert "Layanan informasi publik: 12" in text
    assert not Response.objects.exists()
    done = client.post(url("import_confirm", period), mapping_post(period, data))
    assert done.status_code == 302 and done["Location"] == url("period_detail", period)
    assert Response.objects.filter(period=period, channel="impor").count() == 12
    again = client.post(url("import_confirm", period), mapping_post(period, data))
    assert again.status_code == 302 and again["Location"] == url(
        "period_detail", period
    )
    assert Response.objects.filter(period=period).count() == 12
    assert not default_storage.exists(
        f"survey-imports/{period.unit_id}/{period.pk}/{sha}.csv"
    )


def test_preview_shows_the_refusal_with_row_and_column(
    period: SurveyPeriod, alice: User
) -> None:
    rows = [exports.header(SKM), *exports.export_rows(SKM, 3)]
    rows[3][14] = "Luar biasa"
    data = exports.to_csv(rows)
    client = client_for(alice)
    upload(client, period, data)
    preview = client.post(url("import_preview", period), mapping_post(period, data))
    assert preview.status_code == 400
    assert "Baris 4, kolom O" in preview.content.decode()
    assert "«Luar biasa» tidak dikenal untuk U9" in preview.content.decode()
    refused = client.post(url("import_confirm", period), mapping_post(period, data))
    assert refused.status_code == 302 and not Response.objects.exists()


def test_a_changed_mapping_is_used(period: SurveyPeriod, alice: User) -> None:
    data = exports.google_forms_csv(SKM, 2)
    client = client_for(alice)
    upload(client, period, data)
    preview = client.post(
        url("import_preview", period), mapping_post(period, data, col_G="")
    )
    assert preview.status_code == 400
    assert "Kolom untuk U1 Persyaratan tidak ditemukan" in preview.content.decode()


def test_a_bad_file_is_refused_on_upload(period: SurveyPeriod, alice: User) -> None:
    response = upload(
        client_for(alice), period, b"%PDF-1.4 bukan ekspor", "laporan.pdf"
    )
    assert response.status_code == 200
    assert "bukan CSV atau XLSX" in response.content.decode()


def test_an_unknown_kept_file_is_404(period: SurveyPeriod, alice: User) -> None:
    client = client_for(alice)
    assert client.get(url("import_mapping", period), {"f": "0" * 64}).status_code == 404
    assert (
        client.get(url("import_mapping", period), {"f": "../../etc/passwd"}).status_code
        == 404
    )


def test_purge_removes_abandoned_uploads(period: SurveyPeriod, alice: User) -> None:
    data = exports.google_forms_csv(SKM, 2)
    upload(client_for(alice), period, data)
    kept = f"survey-imports/{period.unit_id}/{period.pk}/{hashlib.sha256(data).hexdigest()}.csv"
    assert default_storage.exists(kept)
    call_command("purge_survey_imports", "--older-than", "1", stdout=StringIO())
    assert default_storage.exists(kept)
    call_command("purge_survey_imports", "--older-than", "0", stdout=StringIO())
    assert not default_storage.exists(kept)


def test_preview_shows_answers_as_printed_and_question_names(
    period: SurveyPeriod, alice: User
) -> None:
    client = client_for(alice)
    data = exports.google_forms_csv(SKM, 3)
    upload(client, period, data)

    preview = client.post(url("import_preview", period), mapping_post(period, data))

    first = preview.context["rows"][0]
    question = SKM.questions[0]
    labels = {o.label for o in question.options}
    assert first["answers"][0] in labels
    assert all(not isinstance(a, int) for a in first["answers"])
    assert f'{question.code} <span class="muted">{question.name}</span>' in (
        preview.content.decode()
    )
