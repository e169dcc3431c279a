"""Evidence through the API: pages of the list, one item, upload, download."""

from __future__ import annotations

import hashlib

import pytest

from sizi.core.models import AuditEvent
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import add_evidence, pdf, stored_files, upload

pytestmark = pytest.mark.django_db
EVIDENCE = "/units/kpu-tanjabbar/evidence"


@pytest.fixture
def item(tree, bob) -> Evidence:
    return add_evidence(tree["tanjabbar"], bob, title="SK Tim Kerja")


def test_the_list_is_paged_with_a_total(api_as, tree, bob, vera) -> None:
    for n in range(3):
        add_evidence(tree["tanjabbar"], bob, title=f"Bukti {n}")

    first = api_as(vera).get(EVIDENCE, page_size=2).json()
    second = api_as(vera).get(EVIDENCE, page_size=2, page=2).json()

    assert (first["count"], len(first["results"]), len(second["results"])) == (3, 2, 1)
    assert {r["title"] for r in first["results"] + second["results"]} == {
        "Bukti 0",
        "Bukti 1",
        "Bukti 2",
    }


def test_the_list_costs_the_same_queries_per_page(
    api_as, tree, bob, vera, django_assert_max_num_queries
) -> None:
    add_evidence(tree["tanjabbar"], bob)
    client = api_as(vera)
    with django_assert_max_num_queries(12) as first:
        client.get(EVIDENCE)
    for n in range(5):
        add_evidence(tree["tanjabbar"], bob, title=f"Bukti {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(client.get(EVIDENCE).json()["results"]) == 6


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 1000}, {"page": "1e9"}])
def test_paging_numbers_are_bounded(api_as, vera, tree, params) -> None:
    response = api_as(vera).get(EVIDENCE, **params)

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Isian tidak valid")


def test_one_item_with_its_revisions(api_as, vera, item) -> None:
    body = api_as(vera).get(f"{EVIDENCE}/{item.pk}").json()

    assert body["title"] == "SK Tim Kerja"
    assert body["can_edit"] is False
    assert [r["number"] for r in body["revisions"]] == [1]


def test_another_units_item_is_404(api_as, charlie, item) -> None:
    client = api_as(charlie)

    assert client.get(f"{EVIDENCE}/{item.pk}").status_code == 404
    assert client.get(f"/units/kpu-tanjabtim/evidence/{item.pk}").status_code == 404
    assert client.get(f"{EVIDENCE}/{item.pk}/file").status_code == 404


def test_download_is_the_current_file_never_cached(api_as, vera, item) -> None:
    response = api_as(vera).get(f"{EVIDENCE}/{item.pk}/file")

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == item.current_revision.sha256
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_pic_uploads_a_file_through_the_service(api_as, bob, steps) -> None:
    response = api_as(bob).upload(
        EVIDENCE,
        {
            "uploads": upload("notulen.pdf", pdf("Notulen")),
            "title": "Notulen rapat",
            "document_date": "2026-03-01",
            "steps": [steps[0].pk],
            "submit": "true",
        },
    )

    assert response.status_code == 201, response.json()
    [body] = response.json()
    item = Evidence.objects.get(pk=body["id"])
    assert (item.title, item.status, body["steps"]) == (
        "Notulen rapat",
        Evidence.Status.SUBMITTED,
        [steps[0].pk],
    )
    assert AuditEvent.objects.filter(action="evidence.uploaded").count() == 1


def test_a_viewer_may_not_upload_403_and_nothing_is_stored(
    api_as, vera, tree, settings
) -> None:
    response = api_as(vera).upload(
        EVIDENCE,
        {"uploads": upload("notulen.pdf", pdf()), "document_date": "2026-03-01"},
    )

    assert response.status_code == 403
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []


def test_an_upload_is_checked_by_content_422(api_as, bob, tree, settings) -> None:
    response = api_as(bob).upload(
        EVIDENCE,
        {
            "uploads": upload("notulen.pdf", b"MZ\x90\x00 not a pdf"),
            "document_date": "2026-03-01",
        },
    )

    assert response.status_code == 422
    assert "notulen.pdf" in response.json()["detail"]
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []


def test_a_step_of_another_unit_is_refused(api_as, charlie, steps) -> None:
    response = api_as(charlie).upload(
        "/units/kpu-tanjabtim/evidence",
        {
            "uploads": upload("notulen.pdf", pdf()),
            "document_date": "2026-03-01",
            "steps": [steps[0].pk],
        },
    )

    assert response.status_code == 422
    assert not Evidence.objects.exists()
