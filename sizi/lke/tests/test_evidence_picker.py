"""The evidence picker of the answering page: linked items plus a search box."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sizi.core.models import AuditEvent
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence
from sizi.lke import services
from sizi.lke.models import Answer, Assessment
from sizi.lke.tests.arrange import q, url


def _items(
    assessment: Assessment, count: int, prefix: str = "Notulen"
) -> list[Evidence]:
    return Evidence.objects.bulk_create(
        Evidence(
            unit=assessment.unit,
            title=f"{prefix} rapat {n:04d}",
            kind="link",
            url="https://example.go.id",
            document_date="2025-03-01",
        )
        for n in range(count)
    )


def _page(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url("answer_area", "MP"))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.content)


def test_the_page_renders_only_linked_items_whatever_the_library_size(
    client, assessment, alice
):
    linked = _items(assessment, 2, prefix="SK")
    services.set_answer_evidence(
        assessment, q(assessment, "P.1.i.a"), "self", [e.pk for e in linked], by=alice
    )
    _items(assessment, 10)
    client.force_login(alice)
    few_queries, few_bytes = _page(client)
    _items(assessment, 300, prefix="Laporan")
    many_queries, many_bytes = _page(client)
    html = client.get(url("answer_area", "MP")).text
    assert many_queries == few_queries
    assert many_bytes == few_bytes
    assert "SK rapat 0001" in html
    assert "Laporan rapat" not in html
    assert html.count('name="evidence"') == 2


def test_search_returns_only_unlinked_matches(client, assessment, alice):
    linked = _items(assessment, 1, prefix="Notulen")
    services.set_answer_evidence(
        assessment, q(assessment, "P.1.i.a"), "self", [linked[0].pk], by=alice
    )
    _items(assessment, 30, prefix="Notulen")
    _items(assessment, 3, prefix="Foto")
    client.force_login(alice)
    search = url("answer_evidence_search", "P.1.i.a")

    foto = client.get(search, {"q": "foto"}, HTTP_HX_REQUEST="true")
    notulen = client.get(search, {"q": "notulen"}, HTTP_HX_REQUEST="true").text
    empty = client.get(search, {"q": " "}, HTTP_HX_REQUEST="true").text

    assert foto.status_code == 200
    assert foto.text.count('name="evidence"') == 3
    assert "Foto rapat 0002" in foto.text
    assert notulen.count('name="evidence"') == 20
    assert f'value="{linked[0].pk}"' not in notulen
    assert "Menampilkan 20 hasil pertama" in notulen
    assert 'name="evidence"' not in empty


def test_a_found_item_is_linked_and_the_box_shows_it(client, assessment, alice):
    found = _items(assessment, 1, prefix="Foto")[0]
    client.force_login(alice)
    response = client.post(
        url("answer_evidence", "P.1.i.a"),
        {"evidence": [found.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'value="{found.pk}" checked' in response.text
    assert list(Answer.objects.get().evidence.all()) == [found]


def test_another_units_evidence_cannot_be_linked(client, assessment, alice, tree):
    other = Evidence.objects.create(
        unit=tree["tanjabtim"],
        title="Bukti unit lain",
        kind="link",
        url="https://example.go.id",
        document_date="2025-03-01",
    )
    client.force_login(alice)
    response = client.post(
        url("answer_evidence", "P.1.i.a"),
        {"evidence": [other.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert "tidak ada di pustaka bukti unit ini" in response.text
    assert not Answer.objects.filter(evidence=other).exists()


def test_search_is_scoped_like_the_answering(client, assessment, charlie, vera):
    _items(assessment, 2, prefix="Foto")
    search = url("answer_evidence_search", "P.1.i.a")
    client.force_login(charlie)
    assert client.get(search, {"q": "foto"}).status_code == 404
    client.force_login(vera)
    assert client.get(search, {"q": "foto"}).status_code == 403


def _with_status(assessment: Assessment, title: str, status: str) -> Evidence:
    return Evidence.objects.create(
        unit=assessment.unit,
        title=title,
        kind="link",
        url="https://example.go.id",
        document_date="2025-06-01" if status == "draft" else "2025-01-01",
        status=status,
    )


def test_search_shows_verified_then_submitted_items_first(client, assessment, alice):
    draft = _with_status(assessment, "Notulen draf", "draft")
    returned = _with_status(assessment, "Notulen kembali", "dikembalikan")
    submitted = _with_status(assessment, "Notulen diajukan", "diajukan")
    verified = _with_status(assessment, "Notulen terverifikasi", "diverifikasi")
    client.force_login(alice)
    search = url("answer_evidence_search", "P.1.i.a")

    html = client.get(search, {"q": "notulen"}, HTTP_HX_REQUEST="true").text

    order = [html.index(f'value="{e.pk}"') for e in (verified, submitted)]
    rest = [html.index(f'value="{e.pk}"') for e in (draft, returned)]
    assert order[0] < order[1] < min(rest)


def test_search_filters_by_status_with_or_without_words(client, assessment, alice):
    draft = _with_status(assessment, "Notulen draf", "draft")
    submitted = _with_status(assessment, "Notulen diajukan", "diajukan")
    verified = _with_status(assessment, "SK terverifikasi", "diverifikasi")
    client.force_login(alice)
    search = url("answer_evidence_search", "P.1.i.a")

    ready = client.get(search, {"status": "siap"}, HTTP_HX_REQUEST="true").text
    ready_notulen = client.get(
        search, {"status": "siap", "q": "notulen"}, HTTP_HX_REQUEST="true"
    ).text
    drafts = client.get(search, {"status": "draft"}, HTTP_HX_REQUEST="true").text
    junk = client.get(search, {"status": "x' or 1=1"}, HTTP_HX_REQUEST="true").text

    assert ready.count('name="evidence"') == 2
    assert f'value="{verified.pk}"' in ready and f'value="{draft.pk}"' not in ready
    assert ready_notulen.count('name="evidence"') == 1
    assert f'value="{submitted.pk}"' in ready_notulen
    assert drafts.count('name="evidence"') == 1 and f'value="{draft.pk}"' in drafts
    assert 'name="evidence"' not in junk  # an unknown filter is no filter


def test_the_page_offers_the_status_filter_and_the_inline_upload(
    client, assessment, alice
):
    client.force_login(alice)
    html = client.get(url("answer_area", "MP")).text
    assert 'name="status"' in html
    assert url("answer_evidence_upload", "P.1.i.a") in html
    assert 'enctype="multipart/form-data"' in html


def test_an_uploaded_file_joins_the_library_and_is_attached_checked(
    client, assessment, alice, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    earlier = _items(assessment, 1, prefix="SK")[0]
    services.set_answer_evidence(
        assessment, q(assessment, "P.1.i.a"), "self", [earlier.pk], by=alice
    )
    client.force_login(alice)
    upload = SimpleUploadedFile(
        "notulen-rapat.pdf",
        minimal_pdf(["Notulen rapat"]),
        content_type="application/pdf",
    )

    response = client.post(
        url("answer_evidence_upload", "P.1.i.a"),
        {"file": upload, "document_date": "2025-05-02", "submit": "on"},
        HTTP_HX_REQUEST="true",
    )

    new = Evidence.objects.exclude(pk=earlier.pk).get()
    assert response.status_code == 200
    assert f'value="{new.pk}" checked' in response.text
    assert f'value="{earlier.pk}" checked' in response.text
    assert 'id="evu-P_1_i_a" hx-swap-oob="true"' in response.text  # a fresh form
    assert new.title == "notulen-rapat"
    assert new.status == Evidence.Status.SUBMITTED
    assert new.created_by == alice
    answer = Answer.objects.get(question__code="P.1.i.a", layer="self")
    assert sorted(answer.evidence.values_list("pk", flat=True)) == sorted(
        [earlier.pk, new.pk]
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"evidence.uploaded", "lke.answer_evidence_set"} <= actions


def test_a_refused_file_is_named_and_nothing_is_stored(
    client, assessment, alice, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    upload = SimpleUploadedFile("skrip.exe", b"MZ\x90\x00", content_type="x/y")

    response = client.post(
        url("answer_evidence_upload", "P.1.i.a"),
        {"file": upload, "document_date": "2025-05-02"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200  # htmx swaps the message in
    assert 'role="alert"' in response.text
    assert 'id="evu-' not in response.text  # the user's form stays as filled
    assert not Evidence.objects.exists()
    assert not Answer.objects.exists()


def test_the_upload_is_scoped_like_the_answering(client, assessment, charlie, vera):
    data = {"document_date": "2025-05-02"}
    target = url("answer_evidence_upload", "P.1.i.a")
    client.force_login(charlie)
    assert client.post(target, data).status_code == 404
    client.force_login(vera)
    assert client.post(target, data).status_code == 403
    assert not Evidence.objects.exists()
