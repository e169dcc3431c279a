"""The evidence panel of the "Pekerjaan saya" inbox: scope, content and query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sizi.evidence import services
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.evidence.tests.conftest import add_evidence
from sizi.units.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
URL = reverse("evidence:my_work_panel")


def _request(unit, user, title, days):
    return EvidenceRequest.objects.create(
        unit=unit,
        requested_from=user,
        title=title,
        due_date=timezone.localdate() + timedelta(days=days),
    )


def _submitted(unit, title, status=Evidence.Status.SUBMITTED):
    return Evidence.objects.create(
        unit=unit,
        title=title,
        kind=Evidence.Kind.LINK,
        url="https://example.org/bukti",
        document_date=timezone.localdate(),
        status=status,
    )


def test_pic_sees_open_requests_overdue_first(client, tree, bob):
    _request(tree["tanjabbar"], bob, "SK Tim ZI", 5)
    _request(tree["tanjabbar"], bob, "Notulen rapat", -3)
    closed = _request(tree["tanjabbar"], bob, "Sudah dipenuhi", -10)
    closed.status = EvidenceRequest.Status.CANCELLED
    closed.save()
    client.force_login(bob)
    response = client.get(URL)
    html = response.content.decode()
    assert [r.title for r in response.context["requests"]] == [
        "Notulen rapat",
        "SK Tim ZI",
    ]
    assert "Terlambat" in html
    assert "Sudah dipenuhi" not in html
    assert response.context["to_verify"] == []  # a PIC does not verify


def test_coordinator_sees_items_waiting_for_verification(client, tree, alice):
    _submitted(tree["tanjabbar"], "A")
    _submitted(tree["tanjabbar"], "B")
    _submitted(tree["tanjabbar"], "C", Evidence.Status.DRAFT)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["to_verify"] == [{"unit": tree["tanjabbar"], "n": 2}]
    assert "/u/kpu-tanjabbar/bukti/?status=diajukan" in response.content.decode()


def test_reviewer_counts_every_unit_below_but_not_their_own(client, tree, rina):
    _submitted(tree["tanjabbar"], "A")
    _submitted(tree["tanjabtim"], "B")
    _submitted(tree["jambi"], "Own unit")
    client.force_login(rina)
    rows = client.get(URL).context["to_verify"]
    assert {r["unit"].code: r["n"] for r in rows} == {
        "kpu-tanjabbar": 1,
        "kpu-tanjabtim": 1,
    }


def test_empty_panel_says_nothing_waits(client, tree, bob):
    client.force_login(bob)
    assert "Tidak ada pekerjaan yang menunggu." in client.get(URL).content.decode()


def test_charlie_never_sees_tanjabbar_items(client, tree, charlie):
    _submitted(tree["tanjabbar"], "Rahasia tanjabbar")
    _request(tree["tanjabbar"], charlie, "Permintaan tanjabbar", -1)  # stale
    _submitted(tree["tanjabtim"], "B")
    client.force_login(charlie)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["requests"] == []
    assert response.context["to_verify"] == [{"unit": tree["tanjabtim"], "n": 1}]
    assert "tanjabbar" not in html.lower()


def _count(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_items_or_units(client, tree, alice):
    for n in range(11):
        _request(tree["tanjabbar"], alice, f"R{n}", n - 5)
    _submitted(tree["tanjabbar"], "A")
    small = _count(client, alice)
    MembershipFactory(user=alice, unit=tree["tanjabtim"], role="coordinator")
    for n in range(25):
        _request(tree["tanjabtim"], alice, f"T{n}", n - 5)
        _submitted(tree["tanjabtim"], f"B{n}")
    alice = type(alice).objects.get(pk=alice.pk)
    assert _count(client, alice) == small


# --- Returned items ----------------------------------------------------------


def test_uploader_sees_their_returned_item_with_the_reason(client, tree, alice, bob):
    item = add_evidence(
        tree["tanjabbar"], bob, title="Notulen rapat", status=Evidence.Status.RETURNED
    )
    add_evidence(tree["tanjabbar"], bob, title="Masih diajukan", status="diajukan")
    client.force_login(bob)
    response = client.get(URL)
    html = response.content.decode()
    [row] = response.context["returned"]
    assert row.evidence == item
    assert row.reason == "Kurang tanda tangan."
    assert row.returned_by == "Verifikator"
    assert "Alasan: Kurang tanda tangan." in html
    assert item.get_absolute_url() in html
    assert "Masih diajukan" not in html


def test_returned_item_is_not_shown_to_others(client, tree, alice, bob, charlie):
    add_evidence(
        tree["tanjabbar"], bob, title="Notulen rapat", status=Evidence.Status.RETURNED
    )
    for person in (alice, charlie):
        client.force_login(person)
        response = client.get(URL)
        assert response.context["returned"] == []
        assert "Notulen rapat" not in response.content.decode()


def test_returned_item_leaves_the_inbox_once_submitted_again(client, tree, bob):
    item = add_evidence(tree["tanjabbar"], bob, status=Evidence.Status.RETURNED)
    services.submit_evidence(item, by=bob)
    client.force_login(bob)
    assert client.get(URL).context["returned"] == []


def test_own_uploads_are_not_counted_as_waiting_for_verification(
    client, tree, alice, bob
):
    add_evidence(tree["tanjabbar"], alice, title="Unggahan Alice", status="diajukan")
    add_evidence(tree["tanjabbar"], bob, title="Unggahan Bob", status="diajukan")
    client.force_login(alice)
    response = client.get(URL)
    # Alice cannot verify her own upload: only Bob's item waits for her.
    assert response.context["to_verify"] == [{"unit": tree["tanjabbar"], "n": 1}]


def test_query_count_is_flat_with_returned_items(client, tree, bob):
    add_evidence(tree["tanjabbar"], bob, title="R0", status=Evidence.Status.RETURNED)
    small = _count(client, bob)
    for n in range(1, 12):
        add_evidence(
            tree["tanjabbar"], bob, title=f"R{n}", status=Evidence.Status.RETURNED
        )
    bob = type(bob).objects.get(pk=bob.pk)
    assert _count(client, bob) == small
    client.force_login(bob)
    assert len(client.get(URL).context["returned"]) == 10


def test_detail_page_shows_the_return_reason_at_the_top(client, tree, bob):
    item = add_evidence(tree["tanjabbar"], bob, status=Evidence.Status.RETURNED)
    client.force_login(bob)
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'id="return-reason"' in html
    callout = html[html.index('id="return-reason"') :]
    assert "Bukti ini dikembalikan</strong> oleh Verifikator" in callout
    assert "Alasan: Kurang tanda tangan." in callout
    # Above the actions, the revisions and the status history.
    assert html.index('id="return-reason"') < html.index('id="h-actions"')
    assert html.index('id="return-reason"') < html.index('id="h-history"')


def test_detail_page_has_no_return_callout_once_resubmitted(client, tree, bob):
    item = add_evidence(tree["tanjabbar"], bob, status=Evidence.Status.RETURNED)
    services.submit_evidence(item, by=bob)
    client.force_login(bob)
    assert (
        'id="return-reason"' not in client.get(item.get_absolute_url()).content.decode()
    )
