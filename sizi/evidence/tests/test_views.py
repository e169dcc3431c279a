"""Pages: scope (404 across units), rights (403), uploads, downloads, query counts."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.evidence.tests.conftest import (
    PNG,
    add_evidence,
    every_page,
    pdf,
    stored_files,
    upload,
)

Status = Evidence.Status
TANJABBAR = "kpu-tanjabbar"


@pytest.fixture
def item(tree, bob, steps) -> Evidence:
    return add_evidence(
        tree["tanjabbar"],
        bob,
        title="SK Tim Kerja",
        steps=steps[:1],
        status=Status.SUBMITTED,
    )


def urls_of(item: Evidence) -> dict[str, str]:
    code, pk = item.unit.code, item.pk
    return {
        "list": reverse("evidence:list", args=[code]),
        "detail": reverse("evidence:detail", args=[code, pk]),
        "download": reverse("evidence:download", args=[code, pk, 1]),
        "pack": reverse("evidence:pack", args=[code]) + "?year=2026",
        "missing": reverse("evidence:missing", args=[code]),
        "requests": reverse("evidence:request_list", args=[code]),
    }


@pytest.mark.parametrize(
    "page", ["list", "detail", "download", "pack", "missing", "requests"]
)
def test_other_units_evidence_is_not_found(client, charlie, item, page) -> None:
    client.force_login(charlie)
    assert client.get(urls_of(item)[page]).status_code == 404


def test_detail_of_other_unit_through_own_unit_url_is_not_found(
    client, charlie, item
) -> None:
    client.force_login(charlie)
    url = reverse("evidence:detail", args=["kpu-tanjabtim", item.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("evidence:download", args=["kpu-tanjabtim", item.pk, 1])
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "page", ["list", "detail", "download", "pack", "missing", "requests"]
)
def test_reviewer_of_parent_reads_everything(client, rina, item, page) -> None:
    client.force_login(rina)
    assert client.get(urls_of(item)[page]).status_code == 200


def test_reviewer_of_parent_cannot_upload(client, rina, tree, settings) -> None:
    client.force_login(rina)
    url = reverse("evidence:upload", args=[TANJABBAR])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "uploads": upload("a.pdf", pdf()),
            "document_date": "2026-01-01",
            "title": "x",
        },
    )
    assert response.status_code == 403
    assert Evidence.objects.count() == 0
    assert stored_files(settings) == []


def test_reviewer_of_parent_may_verify(client, rina, item) -> None:
    client.force_login(rina)
    client.post(reverse("evidence:verify", args=[TANJABBAR, item.pk]))
    item.refresh_from_db()
    assert item.status == Status.VERIFIED


def test_viewer_and_pic_cannot_verify(client, vera, bob, item) -> None:
    for user in (vera, bob):
        client.force_login(user)
        assert (
            client.post(
                reverse("evidence:verify", args=[TANJABBAR, item.pk])
            ).status_code
            == 403
        )
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


@pytest.mark.parametrize("raw", ["9" * 40, "1e600000", "NaN", "-1", "١٢"])
def test_a_hostile_step_in_the_query_string_is_ignored(client, bob, steps, raw):
    client.force_login(bob)
    url = reverse("evidence:upload", args=[TANJABBAR])
    response = client.get(url, {"langkah": [raw, str(steps[0].pk)]})
    assert response.status_code == 200
    assert response.context["preselected"] == [steps[0]]


def test_upload_through_the_form(client, bob, steps) -> None:
    client.force_login(bob)
    data = pdf("Notulen")
    response = client.post(
        reverse("evidence:upload", args=[TANJABBAR]),
        {
            "uploads": [upload("notulen.pdf", data)],
            "title": "Notulen rapat",
            "document_date": "2026-02-03",
            "steps": [steps[1].pk],
            "submit": "on",
        },
    )
    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == evidence.get_absolute_url()
    assert (evidence.title, evidence.status, evidence.document_date) == (
        "Notulen rapat",
        Status.SUBMITTED,
        date(2026, 2, 3),
    )
    assert evidence.current_revision.sha256 == hashlib.sha256(data).hexdigest()
    assert list(evidence.action_steps.all()) == [steps[1]]


def test_upload_of_several_files(client, bob) -> None:
    client.force_login(bob)
    response = client.post(
        reverse("evidence:upload", args=[TANJABBAR]),
        {
            "uploads": [upload("a.pdf", pdf("a")), upload("b.png", PNG)],
            "document_date": "2026-02-03",
        },
    )
    assert response.status_code == 302
    assert sorted(Evidence.objects.values_list("title", flat=True)) == ["a", "b"]


def test_bad_upload_through_the_form_shows_why_and_leaves_nothing(
    client, bob, settings
) -> None:
    client.force_login(bob)
    response = client.post(
        reverse("evidence:upload", args=[TANJABBAR]),
        {
            "uploads": [upload("laporan.pdf", PNG)],
            "title": "x",
            "document_date": "2026-02-03",
        },
    )
    assert response.status_code == 422
    assert "tidak sesuai dengan ekstensinya" in response.content.decode()
    assert Evidence.objects.count() == 0
    assert stored_files(settings) == []


def test_download_headers(client, vera, item) -> None:
    client.force_login(vera)
    item.current_revision.original_name = "Notulen rapat ü.pdf"
    item.current_revision.save()
    response = client.get(urls_of(item)["download"])
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == item.current_revision.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Notulen%20rapat%20%C3%BC.pdf"
        in response["Content-Disposition"]
    )


def test_missing_revision_number_is_not_found(client, vera, item) -> None:
    client.force_login(vera)
    assert (
        client.get(
            reverse("evidence:download", args=[TANJABBAR, item.pk, 9])
        ).status_code
        == 404
    )


def test_list_filters(client, alice, bob, tree, steps) -> None:
    unit = tree["tanjabbar"]
    add_evidence(
        unit,
        bob,
        title="SK Tim Kerja",
        steps=[steps[0]],
        document_date=date(2026, 1, 5),
    )
    add_evidence(
        unit,
        alice,
        title="Daftar hadir",
        steps=[steps[2]],
        status=Status.VERIFIED,
        document_date=date(2026, 5, 5),
    )
    client.force_login(alice)
    url = reverse("evidence:list", args=[TANJABBAR])

    def titles(**params) -> list[str]:
        response = client.get(url, params)
        return [e.title for e in response.context["page"]]

    assert titles(q="hadir") == ["Daftar hadir"]
    assert titles(status=Status.DRAFT) == ["SK Tim Kerja"]
    assert titles(step=steps[2].pk) == ["Daftar hadir"]
    assert titles(area=steps[0].indicator.component.area_id) == ["SK Tim Kerja"]
    assert titles(uploader=alice.pk) == ["Daftar hadir"]
    assert titles(date_from="2026-03-01") == ["Daftar hadir"]
    assert titles(date_to="2026-03-01") == ["SK Tim Kerja"]


def test_list_htmx_returns_only_rows(client, alice, item) -> None:
    client.force_login(alice)
    response = client.get(
        reverse("evidence:list", args=[TANJABBAR]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="rows">')
    assert "SK Tim Kerja" in html


def test_list_query_count_does_not_grow(client, alice, bob, tree, steps) -> None:
    client.force_login(alice)
    url = reverse("evidence:list", args=[TANJABBAR])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(2):
        add_evidence(tree["tanjabbar"], bob, title=f"a{n}", steps=steps[:2])
    few = count()
    for n in range(18):
        add_evidence(tree["tanjabbar"], bob, title=f"b{n}", steps=steps[1:3])
    assert count() == few


def test_missing_view_shows_state_per_step(client, alice, bob, tree, steps) -> None:
    add_evidence(
        tree["tanjabbar"], bob, steps=[steps[0]], status=Status.VERIFIED, verifier=alice
    )
    client.force_login(alice)
    response = client.get(
        reverse("evidence:missing", args=[TANJABBAR]), {"tampil": "semua"}
    )
    states = {s.pk: s.evidence_state for s in response.context["steps"]}
    assert states == {
        steps[0].pk: "verified",
        steps[1].pk: "missing",
        steps[2].pk: "missing",
        steps[3].pk: "missing",
    }
    response = client.get(reverse("evidence:missing", args=[TANJABBAR]))
    assert [s.pk for s in response.context["steps"]] == [steps[2].pk, steps[3].pk]


def test_request_pages(client, alice, bob, tree) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("evidence:request_create", args=[TANJABBAR]),
        {"requested_from": bob.pk, "title": "SK Tim", "due_date": "2020-01-01"},
    )
    assert response.status_code == 302
    request = EvidenceRequest.objects.get()
    client.force_login(bob)
    page = client.get(reverse("evidence:request_list", args=[TANJABBAR]))
    assert [r.request.pk for r in page.context["requests"]] == [request.pk]
    assert [r.can_fulfil for r in page.context["requests"]] == [True]
    assert page.context["scope"] == "saya"
    evidence = add_evidence(tree["tanjabbar"], bob)
    response = client.post(
        reverse("evidence:request_fulfil", args=[TANJABBAR, request.pk]),
        {"evidence": evidence.pk},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == EvidenceRequest.Status.FULFILLED


def test_pic_cannot_create_requests(client, bob) -> None:
    client.force_login(bob)
    response = client.post(
        reverse("evidence:request_create", args=[TANJABBAR]),
        {"requested_from": bob.pk, "title": "x", "due_date": "2026-01-01"},
    )
    assert response.status_code == 403


def test_overdue_panel(client, alice, bob, tree) -> None:
    from sizi.evidence import services

    services.create_request(
        tree["tanjabbar"],
        requested_from=bob,
        title="Laporan lama",
        due_date=date(2020, 1, 1),
        by=alice,
    )
    services.create_request(
        tree["tanjabbar"],
        requested_from=bob,
        title="Laporan nanti",
        due_date=date(2999, 1, 1),
        by=alice,
    )
    client.force_login(alice)
    html = client.get(
        reverse("evidence:overdue_panel", args=[TANJABBAR])
    ).content.decode()
    assert "Laporan lama" in html and "Laporan nanti" not in html
    dashboard = client.get(
        reverse("units:unit_dashboard", args=[TANJABBAR])
    ).content.decode()
    assert reverse("evidence:overdue_panel", args=[TANJABBAR]) in dashboard


def test_every_page_renders_for_the_coordinator(client, alice, bob, tree, item) -> None:
    pages = every_page(item, requested_from=bob, by=alice)
    client.force_login(alice)
    for name, args in pages.items():
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    detail = client.get(
        reverse("evidence:detail", args=[TANJABBAR, item.pk])
    ).content.decode()
    assert "Verifikasi" in detail and "Kembalikan" in detail
    assert item.current_revision.sha256 in detail


def test_link_form_and_edit(client, bob) -> None:
    client.force_login(bob)
    response = client.post(
        reverse("evidence:link_create", args=[TANJABBAR]),
        {
            "url": "https://kpu.go.id/x",
            "title": "Berita",
            "document_date": "2026-01-02",
        },
    )
    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert (evidence.kind, evidence.url, evidence.status) == (
        "link",
        "https://kpu.go.id/x",
        Status.DRAFT,
    )
    client.post(
        reverse("evidence:edit", args=[TANJABBAR, evidence.pk]),
        {
            "title": "Berita pencanangan",
            "document_date": "2026-01-03",
            "description": "",
            "url": "https://kpu.go.id/y",
        },
    )
    evidence.refresh_from_db()
    assert (evidence.title, evidence.document_date, evidence.url) == (
        "Berita pencanangan",
        date(2026, 1, 3),
        "https://kpu.go.id/y",
    )


def test_revision_upload_through_the_detail_page(client, bob, item) -> None:
    client.force_login(bob)
    data = pdf("versi 2")
    client.post(
        reverse("evidence:revision_add", args=[TANJABBAR, item.pk]),
        {"file": upload("v2.pdf", data)},
    )
    item.refresh_from_db()
    assert item.current_revision.number == 2
    assert item.current_revision.sha256 == hashlib.sha256(data).hexdigest()
    response = client.post(
        reverse("evidence:revision_add", args=[TANJABBAR, item.pk]),
        {"file": upload("v3.pdf", PNG)},
        follow=True,
    )
    assert "tidak sesuai dengan ekstensinya" in response.content.decode()
    assert item.revisions.count() == 2


def test_missing_view_query_count_does_not_grow(
    client, alice, bob, tree, steps
) -> None:
    client.force_login(alice)
    url = reverse("evidence:missing", args=[TANJABBAR]) + "?tampil=semua"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add_evidence(tree["tanjabbar"], bob, steps=steps[:1])
    few = count()
    for n in range(12):
        add_evidence(
            tree["tanjabbar"], bob, title=f"b{n}", steps=steps[n % 4 : n % 4 + 2]
        )
    assert count() == few


def test_each_label_of_the_verify_and_return_forms_names_its_own_box(
    client, alice, item
) -> None:
    """Both forms have a "note" field; "Alasan dikembalikan" once pointed at the
    verification note because both boxes had the id "id_note"."""
    import re
    from collections import Counter

    client.force_login(alice)
    html = client.get(item.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'for="id_return_note">Alasan dikembalikan' in html
    assert '<textarea name="note"' in html and 'id="id_return_note"' in html
