"""Who reaches which complaint and PPID page (the WBS has its own test module).

URL names (namespace ``cases``) and their rule, for the access matrix:

Public, no sign-in (open to anyone; look-ups rate-limited):
  complaint_new, complaint_receipt, complaint_track, complaint_respond (POST),
  info_request_new, info_request_receipt, info_request_track,
  info_request_object (POST), dip_public. An unknown or inactive unit is 404.

Signed in (anonymous → login); another unit's page or object → 404:
  my_work_panel                      any signed-in user
  complaint_list, dashboard_panel,
  complaint_recap, request_list,
  dip_list                           anyone who sees the unit (rows only for those below)
  complaint_register,
  complaint_recap_file               pengelola pengaduan, koordinator, pimpinan (else 403)
  complaint_detail, complaint_attachment,
  complaint_note                     the above, or the assigned handler/PIC (else 404)
  complaint_verify/assign/forward/
  reply/follow_up/close              pengelola, koordinator, pimpinan, assigned handler (PIC 403)
  channel_settings, officer_appoint,
  officer_remove                     koordinator, pimpinan (else 403)
  request_detail                     PPID, Atasan PPID, koordinator, pimpinan (else 404)
  request_register, request_extend,
  request_decide                     PPID (else 403)
  request_notice                     PPID, Atasan PPID (names the requester; else 403)
  objection_decide                   Atasan PPID (else 403)
  objection_register                 PPID, Atasan PPID (else 403)
  dip_create, dip_edit, dip_delete,
  ppid_report_file                   PPID, koordinator, pimpinan (else 403)
  ppid_report                        PPID, Atasan PPID, koordinator, pimpinan (else 403)
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sizi.cases.complaints import services
from sizi.cases.complaints.models import ChannelOfficer
from sizi.cases.ppid.models import PublicInformation
from sizi.cases.tests.channel_fixtures import REPORTER_NAME, REQUESTER_NIK

pytestmark = pytest.mark.django_db
U = "kpu-tanjabbar"


@pytest.fixture
def people(tree, lena, alice, bob, vera, charlie, rina, clerk, ppid_officer, admin):
    return {
        "lena": lena,
        "alice": alice,
        "bob": bob,
        "vera": vera,
        "charlie": charlie,
        "rina": rina,
        "clerk": clerk,
        "ppid": ppid_officer,
        "admin": admin,
    }


@pytest.mark.parametrize(
    "name",
    [
        "complaint_new",
        "complaint_track",
        "info_request_new",
        "info_request_track",
        "dip_public",
    ],
)
def test_public_pages_are_open_and_unknown_units_are_404(client, tree, name):
    assert client.get(reverse(f"cases:{name}", args=[U])).status_code == 200
    assert client.get(reverse(f"cases:{name}", args=["tidak-ada"])).status_code == 404


def test_receipts_without_a_fresh_submission_redirect(client, tree):
    for name in ("complaint_receipt", "info_request_receipt"):
        assert client.get(reverse(f"cases:{name}", args=[U])).status_code == 302


STAFF_PAGES = [
    ("complaint_list", {}),
    ("complaint_register", {}),
    ("complaint_recap", {}),
    ("dashboard_panel", {}),
    ("channel_settings", {}),
    ("request_list", {}),
    ("request_register", {}),
    ("dip_list", {}),
    ("dip_create", {}),
    ("ppid_report", {}),
    ("complaint_detail", {"pk": "complaint"}),
    ("request_detail", {"pk": "request"}),
]

# person → {url name: status}; missing means 200.
EXPECTED = {
    "clerk": {
        "channel_settings": 403,
        "request_register": 403,
        "dip_create": 403,
        "ppid_report": 403,
        "request_detail": 404,
    },
    "alice": {"request_register": 403},
    "lena": {"request_register": 403},
    "bob": {
        "complaint_register": 403,
        "channel_settings": 403,
        "request_register": 403,
        "dip_create": 403,
        "ppid_report": 403,
        "complaint_detail": 404,
        "request_detail": 404,
    },
    "vera": {
        "complaint_register": 403,
        "channel_settings": 403,
        "request_register": 403,
        "dip_create": 403,
        "ppid_report": 403,
        "complaint_detail": 404,
        "request_detail": 404,
    },
    "rina": {
        "complaint_register": 403,
        "channel_settings": 403,
        "request_register": 403,
        "dip_create": 403,
        "ppid_report": 403,
        "complaint_detail": 404,
        "request_detail": 404,
    },
    "ppid": {
        "complaint_register": 403,
        "channel_settings": 403,
        "complaint_detail": 404,
    },
    "admin": {"request_register": 403},
    "charlie": {name: 404 for name, _ in STAFF_PAGES},
}


@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_staff_pages_by_role(client, people, complaint, info_request, person):
    client.force_login(people[person])
    objects = {"complaint": complaint.pk, "request": info_request.pk}
    seen = {}
    for name, extra in STAFF_PAGES:
        args = [U] + [objects[v] for v in extra.values()]
        seen[name] = client.get(reverse(f"cases:{name}", args=args)).status_code
    wanted = {name: EXPECTED[person].get(name, 200) for name, _ in STAFF_PAGES}
    assert seen == wanted


def test_anonymous_is_sent_to_login(client, complaint, info_request):
    for name, extra in STAFF_PAGES:
        objects = {"complaint": complaint.pk, "request": info_request.pk}
        args = [U] + [objects[v] for v in extra.values()]
        response = client.get(reverse(f"cases:{name}", args=args))
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert client.get(reverse("cases:my_work_panel")).status_code == 302


def test_another_units_complaint_is_404_even_with_the_right_code(
    client, tree, charlie, complaint
):
    client.force_login(charlie)
    for code in (U, "kpu-tanjabtim"):
        url = reverse("cases:complaint_detail", args=[code, complaint.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "person", "status"),
    [
        ("complaint_verify", "bob", 404),
        ("complaint_verify", "vera", 404),
        ("complaint_verify", "charlie", 404),
        ("complaint_close", "ppid", 404),
        ("complaint_reply", "rina", 404),
        ("complaint_forward", "charlie", 404),
        ("officer_appoint", "clerk", 403),
        ("request_decide", "alice", 403),
        ("request_extend", "clerk", 404),
        ("objection_decide", "ppid", 403),
        ("objection_register", "alice", 403),
        ("complaint_recap_file", "vera", 403),
        ("ppid_report_file", "vera", 403),
    ],
)
def test_actions_refused(client, people, complaint, info_request, name, person, status):
    client.force_login(people[person])
    needs_complaint = name.startswith("complaint_") and not name.startswith(
        "complaint_recap"
    )
    needs_request = name in (
        "request_decide",
        "request_extend",
        "objection_decide",
        "objection_register",
    )
    args = [U]
    if needs_complaint:
        args.append(complaint.pk)
    if needs_request:
        args.append(info_request.pk)
    assert (
        client.post(reverse(f"cases:{name}", args=args), {"text": "x"}).status_code
        == status
    )


def test_identity_only_for_handlers(client, people, complaint):
    url = reverse("cases:complaint_detail", args=[U, complaint.pk])
    client.force_login(people["clerk"])
    assert REPORTER_NAME in client.get(url).content.decode()
    for person in ("alice", "lena", "admin"):
        client.force_login(people[person])
        body = client.get(url).content.decode()
        assert REPORTER_NAME not in body and "Dirahasiakan" in body


def test_assigned_pic_reads_but_does_not_act(client, people, complaint):
    services.assign_complaint(
        complaint, handler=None, pic=people["bob"], by=people["clerk"]
    )
    client.force_login(people["bob"])
    url = reverse("cases:complaint_detail", args=[U, complaint.pk])
    body = client.get(url).content.decode()
    assert client.get(url).status_code == 200 and REPORTER_NAME not in body
    assert (
        client.post(
            reverse("cases:complaint_note", args=[U, complaint.pk]), {"text": "Cek"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("cases:complaint_close", args=[U, complaint.pk]), {"text": "x"}
        ).status_code
        == 403
    )


def test_requester_identity_only_for_ppid(client, people, info_request):
    url = reverse("cases:request_detail", args=[U, info_request.pk])
    client.force_login(people["ppid"])
    assert REQUESTER_NIK in client.get(url).content.decode()
    client.force_login(people["alice"])
    assert REQUESTER_NIK not in client.get(url).content.decode()


def test_officers_are_appointed_by_the_coordinator_and_audited(client, people, tree):
    client.force_login(people["alice"])
    url = reverse("cases:officer_appoint", args=[U])
    client.post(url, {"user": people["bob"].pk, "role": "ppid"})
    officer = ChannelOfficer.objects.get(user=people["bob"], role="ppid")
    client.post(url, {"user": people["charlie"].pk, "role": "ppid"})
    assert not ChannelOfficer.objects.filter(user=people["charlie"]).exists()
    remove = reverse("cases:officer_remove", args=[U, officer.pk])
    assert client.post(remove).status_code == 302
    assert not ChannelOfficer.objects.filter(pk=officer.pk).exists()


def test_dip_of_another_unit_is_404(client, people, tree):
    entry = PublicInformation.objects.create(
        unit=tree["tanjabtim"], category="berkala", title="Lain"
    )
    client.force_login(people["alice"])
    assert client.get(reverse("cases:dip_edit", args=[U, entry.pk])).status_code == 404
    assert (
        client.post(reverse("cases:dip_delete", args=[U, entry.pk])).status_code == 404
    )


def test_a_pic_lists_only_the_complaints_assigned_to_them(client, people, tree):
    from sizi.cases.tests.channel_fixtures import file_complaint

    mine, _ = file_complaint(tree["tanjabbar"], subject="Ditugaskan ke Bob")
    file_complaint(tree["tanjabbar"], subject="Tidak ditugaskan")
    services.assign_complaint(mine, handler=None, pic=people["bob"], by=people["clerk"])
    client.force_login(people["bob"])
    body = client.get(reverse("cases:complaint_list", args=[U])).content.decode()
    assert "Ditugaskan ke Bob" in body and "Tidak ditugaskan" not in body
    client.force_login(people["vera"])
    body = client.get(reverse("cases:complaint_list", args=[U])).content.decode()
    assert "Ditugaskan ke Bob" not in body and "Tidak ditugaskan" not in body
