"""The unit's public page: what it shows, and a crawl that nothing personal leaks.

The crawl starts at ``/publik/<unit>/`` and follows every link that stays on
public pages (``/publik/...``), as a citizen (and a search engine) would. It
fails on any name, NIK/NIP-like number, e-mail address or phone number of the
seeded reporters and staff, and on any e-mail address or 15–18 digit number at
all. The data it hunts for is seeded where a careless page could show it: the
staff of the unit and their positions, the plan's signatory and PIC, a WBS
reporter's identity and report.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sizi.cases.public_page import services as page_services
from sizi.cases.tests.wbs_fixtures import (
    SECRET_CONTACT,
    SECRET_NAME,
    SECRET_SUMMARY,
    seed_report,
)
from sizi.plans.models import ActionStep
from sizi.plans.tests.factories import (
    ActionPlanFactory,
    ActionStepFactory,
    AreaFactory,
    ComponentFactory,
    IndicatorFactory,
)
from sizi.surveys import services as survey_services
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import SurveyInstrument, SurveyPeriod
from sizi.units.models import Unit, User
from sizi.units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TB = "kpu-tanjabbar"
STAFF_NIP = "198703152010121003"
STAFF_PHONE = "0813-9988-7766"
STAFF_EMAIL = "pegawai.rahasia@kpu-tanjabbar.example.go.id"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
LONG_NUMBER = re.compile(r"(?<!\d)\d{15,18}(?!\d)")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href.split("#")[0])


def crawl(client: Client, start: str) -> dict[str, str]:
    """Return {path: text} of every public page reachable from `start`."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < 200:
        path = queue.pop()
        if path in seen or not path.startswith("/publik/"):
            continue
        response = client.get(path)
        assert response.status_code in {200, 302, 404, 503}, path
        body = response.content.decode(errors="replace")
        seen[path] = body
        if "html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(body)
            queue.extend(parser.links)
    return seen


def leaks(pages: dict[str, str], names: list[str], phones: list[str]) -> list[str]:
    found = []
    for path, text in pages.items():
        for needle in [*names, *phones]:
            if needle and needle.lower() in text.lower():
                found.append(f"{path}: {needle}")
        found += [f"{path}: {m.group(0)}" for m in EMAIL.finditer(text)]
        found += [f"{path}: {m.group(0)}" for m in LONG_NUMBER.finditer(text)]
    return found


@pytest.fixture
def populated(
    tree: dict[str, Unit],
    lena: User,
    alice: User,
    bob: User,
    handler: User,
    custodian: User,
) -> dict[str, Any]:
    unit = tree["tanjabbar"]
    staff = UserFactory(
        username="pegawai",
        full_name="Rahmat Hidayatullah",
        email=STAFF_EMAIL,
        position=f"Analis, NIP {STAFF_NIP}, HP {STAFF_PHONE}",
    )
    plan = ActionPlanFactory(unit=unit, year=2025, signatory="MUHAMMAD RUM")
    area = AreaFactory(
        plan=plan, numeral="I", title="Manajemen Perubahan", lke_area="MP"
    )
    indicator = IndicatorFactory(component=ComponentFactory(area=area))
    done = ActionStepFactory(
        indicator=indicator, text="Rapat bersama Rahmat Hidayatullah", status="done"
    )
    done.owners.add(staff, bob)
    ActionStepFactory(
        indicator=indicator, status=ActionStep.Status.IN_PROGRESS, progress=50
    )
    page_services.save_public_info(
        unit,
        by=alice,
        pledge_text="Kami siap memberikan pelayanan yang cepat, tepat dan bebas korupsi.",
        standard_text="Waktu layanan: Senin–Jumat 08.00–16.00.",
    )
    seed_report(unit)
    names = list(User.objects.exclude(full_name="").values_list("full_name", flat=True))
    return {
        "unit": unit,
        "names": [*names, "MUHAMMAD RUM", SECRET_NAME, SECRET_SUMMARY],
        "phones": [STAFF_PHONE, SECRET_CONTACT, STAFF_NIP],
    }


def test_public_page_shows_the_channels_pledge_and_progress(
    client: Client, populated: dict[str, Any]
) -> None:
    response = client.get(reverse("cases:public_page", args=[TB]))
    assert response.status_code == 200
    text = response.text
    assert "Kami siap memberikan pelayanan" in text
    assert "Senin–Jumat" in text
    assert reverse("cases:wbs_submit", args=[TB]) in text
    assert reverse("cases:wbs_login", args=[TB]) in text
    assert 'data-testid="plan-progress"' in text
    assert "I. Manajemen Perubahan" in text
    assert "75%" in text  # one step done (100) and one at 50


def test_no_page_reachable_from_the_public_page_shows_anything_personal(
    client: Client, populated: dict[str, Any]
) -> None:
    pages = crawl(client, reverse("cases:public_page", args=[TB]))
    assert reverse("cases:wbs_submit", args=[TB]) in pages
    assert len(pages) >= 3
    assert leaks(pages, populated["names"], populated["phones"]) == []


def test_the_crawl_catches_a_leak(client: Client, populated: dict[str, Any]) -> None:
    """The check above can fail: a staff member's details on the page are found."""
    unit, alice = populated["unit"], User.objects.get(username="alice")
    page_services.save_public_info(
        unit,
        by=alice,
        pledge_text=f"Hubungi Rahmat Hidayatullah ({STAFF_PHONE}, {STAFF_EMAIL}), NIP {STAFF_NIP}.",
        standard_text="",
    )
    pages = crawl(client, reverse("cases:public_page", args=[TB]))
    found = leaks(pages, populated["names"], populated["phones"])
    assert any("Rahmat Hidayatullah" in f for f in found)
    assert any(STAFF_EMAIL in f for f in found)
    assert any(STAFF_NIP in f for f in found)
    assert any(STAFF_PHONE in f for f in found)


def test_the_coordinator_uploads_the_standard_as_pdf(
    client: Client, populated: dict[str, Any], alice: User
) -> None:
    client.force_login(alice)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        reverse("cases:public_page_edit", args=[TB]),
        {
            "pledge_text": "Maklumat",
            "standard_text": "",
            "standard_file": SimpleUploadedFile("standar.pdf", pdf),
        },
    )
    assert response.status_code == 302
    client.logout()
    download = client.get(reverse("cases:public_file", args=[TB, "standar"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("cases:public_file", args=[TB, "maklumat"])).status_code
        == 404
    )


def test_the_coordinator_cannot_publish_a_non_pdf(
    client: Client, populated: dict[str, Any], alice: User
) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("cases:public_page_edit", args=[TB]),
        {
            "pledge_text": "",
            "standard_text": "",
            "pledge_file": SimpleUploadedFile("maklumat.pdf", b"bukan pdf sama sekali"),
        },
    )
    assert response.status_code == 422


def test_an_unknown_or_inactive_unit_has_no_public_page(
    client: Client, tree: dict[str, Unit]
) -> None:
    assert client.get("/publik/tidak-ada/").status_code == 404
    tree["tanjabtim"].is_active = False
    tree["tanjabtim"].save()
    assert client.get("/publik/kpu-tanjabtim/").status_code == 404


def test_public_page_queries_stay_flat(
    client: Client, populated: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    url = reverse("cases:public_page", args=[TB])
    client.get(url)
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    indicator = ActionStep.objects.first().indicator  # type: ignore[union-attr]
    for _ in range(10):
        ActionStepFactory(indicator=indicator)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_saving_the_same_text_again_writes_nothing(
    tree: dict[str, Unit], alice: User
) -> None:
    from sizi.core.models import AuditEvent

    unit = tree["tanjabbar"]
    for _ in range(2):
        page_services.save_public_info(
            unit, by=alice, pledge_text="Maklumat", standard_text="Standar"
        )
    assert AuditEvent.objects.filter(action="cases.public_info_saved").count() == 1


def test_the_channels_menu_leads_the_coordinator_to_the_editor(
    client: Client, tree: dict[str, Unit], alice: User, bob: User
) -> None:
    edit = reverse("cases:public_page_edit", args=[TB])
    client.force_login(alice)
    page = client.get(edit)
    assert f'href="{edit}"' in page.text
    assert reverse("cases:public_page", args=[TB]) in page.text
    client.force_login(bob)
    assert (
        f'href="{edit}"'
        not in client.get(reverse("cases:complaint_list", args=[TB])).text
    )


def test_public_page_links_open_surveys_and_published_results(client, tree, alice):
    ensure_instruments()
    skm = SurveyInstrument.objects.get(code="skm")
    today = timezone.localdate()

    def period(title: str) -> SurveyPeriod:
        return survey_services.create_period(
            tree["tanjabbar"],
            instrument=skm,
            year=today.year,
            values=survey_services.PeriodValues(
                title=title,
                starts_on=today.replace(month=1, day=1),
                ends_on=today.replace(month=12, day=31),
                population=100,
                service_types=[],
            ),
            by=alice,
            status=SurveyPeriod.Status.OPEN,
        )

    running = period("SKM berjalan")
    done = period("SKM selesai")
    survey_services.close_period(done, by=alice)
    survey_services.publish_results(done, by=alice, published=True)
    hidden = period("SKM ditutup tanpa diumumkan")
    survey_services.close_period(hidden, by=alice)

    html = client.get(reverse("cases:public_page", args=[TB])).content.decode()

    assert reverse("surveys:public_form", args=[running.public_token]) in html
    assert reverse("surveys:public_results", args=[TB, done.public_token]) in html
    assert hidden.public_token not in html
