"""The evidence picker of the answering page: linked items plus a search box."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

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
