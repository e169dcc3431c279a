"""Who reaches which survey page: every URL of the UI half × personas.

URL names and their rule (for the access matrix):

Read (anyone who sees the unit: its members, leaders/reviewers above, admins;
another unit → 404; anonymous → login):
  surveys:period_list, surveys:period_detail, surveys:results,
  surveys:report_pdf, surveys:report_docx, surveys:period_poster,
  surveys:responses
Manage (the unit's coordinator or leader; other members → 403):
  surveys:period_create, surveys:period_edit, surveys:setup,
  POST surveys:period_open, surveys:period_close, surveys:period_reopen,
  surveys:period_publish, surveys:period_withdraw, surveys:service_type_add,
  surveys:service_type_toggle, surveys:question_add, surveys:question_toggle,
  surveys:follow_up, surveys:report_archive, surveys:response_flag
Paper entry (coordinator, leader, anggota tim/PIC of the unit; a closed period → 403):
  surveys:paper_entry
Public (no sign-in; by the period's random token; a draft → 404, a closed
period's form → 410; results only for a closed, announced period, else 404):
  surveys:public_form, surveys:public_thanks, surveys:public_results,
  surveys:public_index (announced periods of a unit; unknown unit → 404)
The import pages (surveys:import_*) follow the Manage rule; their tests are
the backend's (test_importing.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sizi.surveys import services
from sizi.surveys.models import SurveyPeriod, UnitQuestion
from sizi.surveys.tests.conftest import make_period

CODE = "kpu-tanjabbar"
YEAR = timezone.localdate().year

READ = [
    "responses",
    "period_list",
    "period_detail",
    "results",
    "period_poster",
]
# Downloads prepared as background jobs: a POST by anyone who may read.
READ_POST = ["report_pdf", "report_docx"]
MANAGE_GET = ["period_create", "period_edit", "setup"]
MANAGE_POST = [
    "period_open",
    "period_close",
    "period_reopen",
    "period_publish",
    "period_withdraw",
    "service_type_add",
    "service_type_toggle",
    "question_add",
    "question_toggle",
    "follow_up",
    "report_archive",
]
NO_PK = {"period_list", "period_create", "setup", "service_type_add", "question_add"}
# persona → (may read, may manage, may enter paper)
PERSONAS = {
    "alice": (True, True, True),  # koordinator
    "lena": (True, True, True),  # pimpinan
    "bob": (True, False, True),  # anggota tim (PIC)
    "vera": (True, False, False),  # pemantau
    "rina": (True, False, False),  # penilai provinsi (unit induk)
    "admin": (True, False, False),  # administrator sistem
    "charlie": (False, False, False),  # koordinator unit lain
}


@pytest.fixture
def people(
    request: Any, lena, alice, bob, vera, charlie, rina, admin
) -> dict[str, Any]:
    return {
        "lena": lena,
        "alice": alice,
        "bob": bob,
        "vera": vera,
        "charlie": charlie,
        "rina": rina,
        "admin": admin,
    }


@pytest.fixture
def objects(period, alice, layanan) -> dict[str, int]:
    question = services.add_unit_question(
        period.unit, text="Antrean?", kind=UnitQuestion.Kind.TEXT, by=alice
    )
    return {"period": period.pk, "service": layanan[0].pk, "question": question.pk}


def _url(name: str, objects: dict[str, int]) -> str:
    if name in NO_PK:
        return reverse(f"surveys:{name}", args=[CODE])
    key = {"service_type_toggle": "service", "question_toggle": "question"}.get(
        name, "period"
    )
    return reverse(f"surveys:{name}", args=[CODE, objects[key]])


@pytest.mark.parametrize("persona", PERSONAS)
def test_read_pages(client, people, objects, persona):
    client.force_login(people[persona])
    may_read = PERSONAS[persona][0]
    for name in READ:
        status = client.get(_url(name, objects)).status_code
        assert status == (200 if may_read else 404), (name, status)
    for name in READ_POST:
        status = client.post(_url(name, objects)).status_code
        assert status == (302 if may_read else 404), (name, status)


@pytest.mark.parametrize("persona", PERSONAS)
def test_manage_pages(client, people, objects, persona):
    client.force_login(people[persona])
    may_read, may_manage, _ = PERSONAS[persona]
    expected = 200 if may_manage else (403 if may_read else 404)
    for name in MANAGE_GET:
        status = client.get(_url(name, objects)).status_code
        assert status == expected, (name, status)
    if not may_manage:
        for name in MANAGE_POST:
            status = client.post(_url(name, objects), {}).status_code
            assert status == expected, (name, status)


@pytest.mark.parametrize("persona", PERSONAS)
def test_paper_entry(client, people, objects, persona):
    client.force_login(people[persona])
    may_read, _, may_enter = PERSONAS[persona]
    status = client.get(_url("paper_entry", objects)).status_code
    assert status == (200 if may_enter else 403 if may_read else 404)


def test_paper_entry_into_a_closed_period_is_refused(client, alice, period):
    services.close_period(period, by=alice)
    client.force_login(alice)
    url = reverse("surveys:paper_entry", args=[CODE, period.pk])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, objects):
    for name in [*READ, *MANAGE_GET, "paper_entry"]:
        response = client.get(_url(name, objects))
        assert response.status_code == 302, name
        assert "/akun/masuk/" in response["Location"], name


def test_anonymous_get_on_a_post_only_action_is_sent_to_sign_in(client, objects):
    # Sign-in comes before the method check: a stranger learns nothing of the URL.
    for name in MANAGE_POST:
        response = client.get(_url(name, objects))
        assert response.status_code == 302, name
        assert "/akun/masuk/" in response["Location"], name


def test_get_on_a_post_only_action_is_refused(client, alice, objects):
    client.force_login(alice)
    for name in MANAGE_POST:
        assert client.get(_url(name, objects)).status_code == 405, name


def test_another_units_period_through_ones_own_unit_is_404(
    client, alice, charlie, tree, instruments
):
    theirs = make_period(tree["tanjabtim"], instruments["skm"], charlie, year=YEAR)
    client.force_login(alice)
    for name in [*READ, "period_edit", "paper_entry"]:
        if name in NO_PK:
            continue
        url = reverse(f"surveys:{name}", args=[CODE, theirs.pk])
        assert client.get(url).status_code == 404, name
    for name in ["period_close", "period_publish", "follow_up", "report_archive"]:
        url = reverse(f"surveys:{name}", args=[CODE, theirs.pk])
        assert client.post(url, {}).status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.status == SurveyPeriod.Status.OPEN


def test_public_pages_are_open_without_sign_in(
    client, tree, instruments, alice, layanan
):
    live = make_period(
        tree["tanjabbar"], instruments["skm"], alice, service_types=layanan, year=YEAR
    )
    assert (
        client.get(reverse("surveys:public_form", args=[live.public_token])).status_code
        == 200
    )
    thanks = reverse("surveys:public_thanks", args=[live.public_token])
    assert client.get(thanks).status_code == 200
    results = reverse("surveys:public_results", args=[CODE, live.public_token])
    assert client.get(results).status_code == 404  # open, not announced
    services.close_period(live, by=alice)
    services.publish_results(live, by=alice, published=True)
    assert client.get(results).status_code == 200
