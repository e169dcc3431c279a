"""What the pages say and link: step carried to uploads, stylesheet, texts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from sizi.core.tests.vocabulary import problems_in_page
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import add_evidence, every_page, pdf, upload

Status = Evidence.Status
TANJABBAR = "kpu-tanjabbar"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_upload_button_of_a_step_list_keeps_the_step(client, bob, steps) -> None:
    client.force_login(bob)
    html = client.get(
        reverse("evidence:list", args=[TANJABBAR]), {"step": steps[2].pk}
    ).content.decode()
    upload_url = reverse("evidence:upload", args=[TANJABBAR])
    link_url = reverse("evidence:link_create", args=[TANJABBAR])
    assert f'href="{upload_url}?langkah={steps[2].pk}"' in html
    assert f'href="{link_url}?langkah={steps[2].pk}"' in html
    plain = client.get(reverse("evidence:list", args=[TANJABBAR])).content.decode()
    assert f'href="{upload_url}"' in plain


def test_upload_page_shows_and_preselects_the_step(client, bob, steps) -> None:
    client.force_login(bob)
    response = client.get(
        reverse("evidence:upload", args=[TANJABBAR]), {"langkah": steps[2].pk}
    )
    html = response.content.decode()
    assert "Bukti untuk langkah:" in text_of(html)
    assert 'id="preselected-steps"' in html
    assert "Menyusun SOP pelayanan" in text_of(html)
    assert re.search(rf'name="steps" value="{steps[2].pk}" checked', html)
    assert html.count(" checked") == 2  # the step and "ajukan"


@pytest.mark.parametrize("value", ["abc", "999999", ""])
def test_upload_page_ignores_unknown_steps(client, bob, steps, value) -> None:
    client.force_login(bob)
    response = client.get(
        reverse("evidence:upload", args=[TANJABBAR]), {"langkah": value}
    )
    assert response.status_code == 200
    assert "Bukti untuk langkah:" not in response.content.decode()


def test_upload_page_does_not_preselect_another_units_step(
    client, charlie, steps
) -> None:
    client.force_login(charlie)
    response = client.get(
        reverse("evidence:upload", args=["kpu-tanjabtim"]), {"langkah": steps[0].pk}
    )
    assert response.status_code == 200
    assert response.context["preselected"] == []
    assert "Menyusun SK tim kerja" not in response.content.decode()


def test_link_page_preselects_the_step_too(client, bob, steps) -> None:
    client.force_login(bob)
    response = client.get(
        reverse("evidence:link_create", args=[TANJABBAR]), {"langkah": steps[1].pk}
    )
    assert response.context["preselected"] == [steps[1]]


def test_every_page_loads_the_evidence_stylesheet(
    client, alice, bob, tree, steps
) -> None:
    item = add_evidence(tree["tanjabbar"], bob, status=Status.SUBMITTED)
    pages = every_page(item, requested_from=bob, by=alice)
    client.force_login(alice)
    for name, args in pages.items():
        html = client.get(reverse(name, args=args)).content.decode()
        assert re.search(
            r'<link rel="stylesheet" href="[^"]*evidence/evidence', html
        ), name
        assert "---------" not in html, name
        assert 'class="narrow"' not in html, name
        if "<table" in html:
            assert html.count("<table") == html.count('<div class="table-wrap">'), name


def test_missing_page_shows_late_steps_as_the_plan_does(client, alice, steps) -> None:
    indicator = steps[0].indicator
    indicator.target_start = date(2020, 1, 1)
    indicator.target_end = date(2020, 3, 31)
    indicator.save()
    client.force_login(alice)
    response = client.get(
        reverse("evidence:missing", args=[TANJABBAR]), {"tampil": "semua"}
    )
    states = {s.pk: s.state for s in response.context["steps"]}
    assert states[steps[0].pk] == "late"
    assert states[steps[1].pk] == "not_started"
    for step in response.context["steps"]:
        assert step.state == step.display_code()
    html = response.content.decode()
    row = re.search(rf'<tr id="step-{steps[0].pk}".*?</tr>', html, re.S)
    assert row is not None
    assert 'data-state="late">Terlambat</span>' in row.group(0)
    assert "Belum mulai" not in row.group(0)


def test_detail_shows_size_once_and_status_once(client, alice, bob, tree) -> None:
    small = add_evidence(tree["tanjabbar"], bob, status=Status.SUBMITTED)
    client.force_login(alice)
    html = client.get(
        reverse("evidence:detail", args=[TANJABBAR, small.pk])
    ).content.decode()
    size = small.current_revision.size
    assert size < 1024
    assert text_of(html).count(f"{size} bita") == 1
    line = re.search(r'id="evidence-status-line">(.*?)</dd>', html, re.S)
    assert line is not None
    assert line.group(1).startswith("Diajukan, ")
    assert "oleh Bob PIC" in line.group(1)
    assert not re.search(r"(?i)diajukan\s+diajukan", text_of(html))


def test_detail_shows_exact_size_of_large_files_with_indonesian_grouping(
    client, alice, bob, tree
) -> None:
    big = add_evidence(
        tree["tanjabbar"], bob, data=pdf("x" * 3000), status=Status.SUBMITTED
    )
    big.current_revision.size = 1234567
    big.current_revision.save()
    client.force_login(alice)
    plain = text_of(
        client.get(
            reverse("evidence:detail", args=[TANJABBAR, big.pk])
        ).content.decode()
    )
    assert "1,2 MB (1.234.567 bita)" in plain


def test_return_button_is_styled_as_a_negative_action(client, alice, bob, tree) -> None:
    item = add_evidence(tree["tanjabbar"], bob, status=Status.SUBMITTED)
    client.force_login(alice)
    html = client.get(
        reverse("evidence:detail", args=[TANJABBAR, item.pk])
    ).content.decode()
    button = re.search(r"<button[^>]*>Kembalikan</button>", html)
    assert button is not None and "button-danger" in button.group(0)


def test_submit_and_upload_messages_are_plain_indonesian(client, bob, tree) -> None:
    item = add_evidence(tree["tanjabbar"], bob, title="Daftar hadir")
    client.force_login(bob)
    response = client.post(
        reverse("evidence:submit", args=[TANJABBAR, item.pk]), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "«Daftar hadir» diajukan. Koordinator atau penilai unit induk "
        "akan memeriksanya."
    ]
    response = client.post(
        reverse("evidence:upload", args=[TANJABBAR]),
        {"uploads": [upload("a.pdf", pdf("a"))], "document_date": "2026-02-03"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 bukti tersimpan sebagai draf; ajukan bila sudah siap diverifikasi."
    ]


def test_templates_use_no_english_date_formats() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "templates" / "evidence"
    formats = set()
    for template in folder.glob("*.html"):
        formats |= set(re.findall(r'\|date:"([^"]*)"', template.read_text()))
    # Day before month, 24-hour clock with a dot: the Indonesian way.
    assert formats <= {"j F Y", "j F Y, H.i"}


def test_every_evidence_page_reads_in_one_vocabulary_and_date_style(
    client, alice, bob, steps
) -> None:
    returned = add_evidence(
        alice.memberships.first().unit,
        bob,
        steps=[steps[0]],
        status=Status.RETURNED,
    )
    add_evidence(returned.unit, bob, title="Daftar hadir", status=Status.SUBMITTED)
    pages = every_page(returned, requested_from=bob, by=alice)
    client.force_login(alice)

    found = {}
    for name, args in pages.items():
        found[name] = problems_in_page(client.get(reverse(name, args=args)).text)
    found["units:dashboard"] = problems_in_page(
        client.get(reverse("units:dashboard")).text
    )
    client.force_login(bob)
    found["units:dashboard (PIC)"] = problems_in_page(
        client.get(reverse("units:dashboard")).text
    )

    assert {name: p for name, p in found.items() if p} == {}
    detail = client.get(reverse("evidence:detail", args=[TANJABBAR, returned.pk]))
    assert re.search(r"\d{1,2} [A-Z][a-z]{2,} \d{4}, \d{2}\.\d{2}", detail.text)
