"""Who reaches which WBS page. The rules, per URL name (for the access matrix):

Public, no sign-in (a missing or inactive unit is a 404):
- ``cases:wbs_submit`` GET/POST — open; without a handler or key GET explains (200), POST 503.
- ``cases:wbs_login`` GET/POST — open.
- ``cases:wbs_reporter`` GET/POST — the report held in this browser's session after a
  receipt look-up, else a redirect to ``cases:wbs_login``.
- ``cases:wbs_logout`` POST — open.
- ``cases:public_page``, ``cases:public_file`` GET — open (file: 404 when none).

Signed in (anonymous → login):
- ``cases:wbs_index`` — handlers (list), custodians, the unit's pimpinan/coordinator and
  admin (counts only); other roles of the unit 403; another unit 404.
- ``cases:wbs_report``, ``wbs_message``, ``wbs_status``, ``wbs_attachment``,
  ``wbs_identity_request``, ``wbs_identity_show`` — the unit's handlers only; everyone
  else 404 (the same answer as for a missing report), including pimpinan, coordinator,
  custodian and admin. ``wbs_identity_show`` also 404 without an approved request.
- ``cases:wbs_identity_list`` — the unit's custodians; others who see the unit 403.
- ``cases:wbs_identity_decide`` — the unit's custodians; anyone else 404.
- ``cases:wbs_officers``, ``wbs_officer_remove``, ``wbs_retention`` — the unit's own
  pimpinan and admin; coordinator and other roles 403; another unit 404.
- ``cases:wbs_recap`` — pimpinan, coordinator, admin; others 403.
- ``cases:public_page_edit`` — coordinator, pimpinan and admin (channel rights ``can_manage``);
  others 403.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sizi.cases.tests.wbs_fixtures import SECRET_SUMMARY, Seeded
from sizi.cases.wbs import services
from sizi.cases.wbs.models import IdentityRequest, WbsOfficer
from sizi.core.models import AuditEvent
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db

TB = "kpu-tanjabbar"


def _as(client: Client, user: User | None) -> Client:
    if user is not None:
        client.force_login(user)
    return client


def _report_urls(seeded: Seeded) -> list[tuple[str, str]]:
    pk = seeded.report.pk
    return [
        ("get", reverse("cases:wbs_report", args=[TB, pk])),
        ("post", reverse("cases:wbs_message", args=[TB, pk])),
        ("post", reverse("cases:wbs_status", args=[TB, pk])),
        ("post", reverse("cases:wbs_identity_request", args=[TB, pk])),
        ("get", reverse("cases:wbs_identity_show", args=[TB, pk])),
    ]


@pytest.mark.parametrize(
    "persona", ["lena", "alice", "bob", "vera", "charlie", "rina", "tia", "admin"]
)
def test_only_handlers_reach_a_report_everyone_else_gets_404(
    client: Client, request: Any, seeded: Seeded, custodian: User, persona: str
) -> None:
    _as(client, request.getfixturevalue(persona))
    for method, url in _report_urls(seeded):
        response = getattr(client, method)(url, {"pesan": "x", "status": "selesai"})
        assert response.status_code == 404, (persona, url)
        assert SECRET_SUMMARY not in response.text


def test_the_custodian_cannot_read_the_report(
    client: Client, seeded: Seeded, custodian: User
) -> None:
    _as(client, custodian)
    for method, url in _report_urls(seeded):
        assert getattr(client, method)(url).status_code == 404


def test_a_handler_of_another_unit_gets_404(
    client: Client, seeded: Seeded, other_handler: User
) -> None:
    _as(client, other_handler)
    for method, url in _report_urls(seeded):
        assert getattr(client, method)(url).status_code == 404
    assert client.get(reverse("cases:wbs_index", args=[TB])).status_code == 404


def test_handler_reads_the_report_and_every_read_is_audited(
    client: Client, seeded: Seeded, handler: User
) -> None:
    _as(client, handler)
    url = reverse("cases:wbs_report", args=[TB, seeded.report.pk])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET_SUMMARY in response.text
    reads = AuditEvent.objects.filter(action="wbs.report_read", actor=handler)
    assert reads.count() == 2
    assert all(SECRET_SUMMARY not in str(e.changes) for e in reads)
    assert "private" in response["Cache-Control"]


def test_a_missing_report_is_the_same_404(client: Client, handler: User) -> None:
    _as(client, handler)
    assert client.get(reverse("cases:wbs_report", args=[TB, 999])).status_code == 404


@pytest.mark.parametrize("persona", ["lena", "alice", "admin"])
def test_leaders_and_coordinators_see_counts_only(
    client: Client, request: Any, seeded: Seeded, persona: str
) -> None:
    _as(client, request.getfixturevalue(persona))
    response = client.get(reverse("cases:wbs_index", args=[TB]))
    assert response.status_code == 200
    assert 'data-testid="wbs-counts"' in response.text
    assert SECRET_SUMMARY not in response.text
    assert reverse("cases:wbs_report", args=[TB, seeded.report.pk]) not in response.text


@pytest.mark.parametrize("persona", ["bob", "vera", "rina", "tia"])
def test_other_roles_of_the_unit_get_403_on_the_channel(
    client: Client, request: Any, seeded: Seeded, persona: str
) -> None:
    _as(client, request.getfixturevalue(persona))
    assert client.get(reverse("cases:wbs_index", args=[TB])).status_code == 403


def test_another_units_coordinator_gets_404(client: Client, charlie: User) -> None:
    _as(client, charlie)
    assert client.get(reverse("cases:wbs_index", args=[TB])).status_code == 404
    assert client.get(reverse("cases:wbs_officers", args=[TB])).status_code == 404


def test_handler_list_is_one_flat_set_of_queries(
    client: Client,
    tree: dict[str, Unit],
    handler: User,
    django_assert_max_num_queries: Any,
) -> None:
    from sizi.cases.tests.wbs_fixtures import seed_report

    _as(client, handler)
    url = reverse("cases:wbs_index", args=[TB])
    seed_report(tree["tanjabbar"])
    client.get(url)
    with django_assert_max_num_queries(14) as one:
        client.get(url)
    for _ in range(5):
        seed_report(tree["tanjabbar"], identity=False)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.text.count("/u/kpu-tanjabbar/wbs/") >= 6
    assert (
        "Gratifikasi atau suap" in response.text and "Ada pesan baru" in response.text
    )
    assert SECRET_SUMMARY not in response.text  # the list never opens a report


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("lena", 200), ("admin", 200), ("alice", 403), ("bob", 403)],
)
def test_officers_page_is_the_pimpinans(
    client: Client,
    request: Any,
    tree: dict[str, Unit],
    persona: str | None,
    status: int,
) -> None:
    _as(client, request.getfixturevalue(persona) if persona else None)
    response = client.get(reverse("cases:wbs_officers", args=[TB]))
    assert response.status_code == status


def test_pimpinan_appoints_and_removes_a_handler_audited(
    client: Client, tree: dict[str, Unit], lena: User, bob: User
) -> None:
    _as(client, lena)
    response = client.post(
        reverse("cases:wbs_officers", args=[TB]), {"user": bob.pk, "role": "handler"}
    )
    assert response.status_code == 302
    officer = WbsOfficer.objects.get(unit=tree["tanjabbar"], user=bob)
    assert AuditEvent.objects.filter(action="wbs.officer_appointed").exists()
    client.post(reverse("cases:wbs_officer_remove", args=[TB, officer.pk]))
    assert not WbsOfficer.objects.filter(pk=officer.pk).exists()
    assert AuditEvent.objects.filter(action="wbs.officer_removed").exists()


def test_pimpinan_cannot_appoint_themself_and_roles_stay_apart(
    tree: dict[str, Unit], lena: User, handler: User
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="dirinya sendiri"):
        services.appoint_officer(tree["tanjabbar"], lena, "handler", by=lena)
    with pytest.raises(ValidationError, match="sekaligus"):
        services.appoint_officer(tree["tanjabbar"], handler, "custodian", by=lena)


def test_custodian_approval_opens_the_identity_for_the_requester_only(
    client: Client, seeded: Seeded, handler: User, custodian: User
) -> None:
    show = reverse("cases:wbs_identity_show", args=[TB, seeded.report.pk])
    _as(client, handler)
    assert client.get(show).status_code == 404
    client.post(
        reverse("cases:wbs_identity_request", args=[TB, seeded.report.pk]),
        {"alasan": "Perlu keterangan saksi untuk pemeriksaan."},
    )
    identity_request = IdentityRequest.objects.get()
    decide = reverse("cases:wbs_identity_decide", args=[TB, identity_request.pk])
    # The handler cannot decide the request; the custodian can.
    assert client.post(decide, {"keputusan": "setujui"}).status_code == 404
    _as(client, custodian)
    listing = client.get(reverse("cases:wbs_identity_list", args=[TB]))
    assert listing.status_code == 200
    assert SECRET_SUMMARY not in listing.text
    client.post(decide, {"keputusan": "setujui", "catatan": "Untuk pemeriksaan."})
    identity_request.refresh_from_db()
    assert identity_request.status == IdentityRequest.Status.APPROVED
    assert identity_request.decided_by == custodian
    _as(client, handler)
    response = client.get(show)
    assert response.status_code == 200
    assert "Siti Pelapor Rahasia" in response.text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "wbs.identity_requested",
        "wbs.identity_approved",
        "wbs.identity_read",
    } <= actions


def test_a_refused_request_keeps_the_identity_sealed(
    client: Client, seeded: Seeded, handler: User, custodian: User
) -> None:
    request = services.request_identity(seeded.report, by=handler, reason="Perlu.")
    services.decide_identity(request, by=custodian, approve=False)
    _as(client, handler)
    show = reverse("cases:wbs_identity_show", args=[TB, seeded.report.pk])
    assert client.get(show).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("lena", 200), ("admin", 200), ("bob", 403), ("vera", 403)],
)
def test_public_page_editor_is_for_the_coordinator_and_pimpinan(
    client: Client, request: Any, tree: dict[str, Unit], persona: str, status: int
) -> None:
    _as(client, request.getfixturevalue(persona))
    response = client.get(reverse("cases:public_page_edit", args=[TB]))
    assert response.status_code == status


def test_anonymous_is_sent_to_login_for_every_private_wbs_page(
    client: Client, seeded: Seeded
) -> None:
    for url in [
        reverse("cases:wbs_index", args=[TB]),
        reverse("cases:wbs_identity_list", args=[TB]),
        reverse("cases:public_page_edit", args=[TB]),
        *[u for _, u in _report_urls(seeded)],
    ]:
        response = client.get(url)
        assert response.status_code in {302, 405}, url
        if response.status_code == 302:
            assert "/akun/masuk/" in response["Location"]
