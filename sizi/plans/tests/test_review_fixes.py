"""Fixes from the review: preview cleanup, step page links, preview layout, markup."""

from __future__ import annotations

import os
import time
from datetime import date
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from sizi.plans import services
from sizi.plans.import_previews import IMPORTS_DIR
from sizi.plans.models import ActionPlan

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _stored_previews() -> list[str]:
    if not default_storage.exists(IMPORTS_DIR):
        return []
    dirs, _files = default_storage.listdir(IMPORTS_DIR)
    return [
        f"{d}/{name}"
        for d in dirs
        for name in default_storage.listdir(f"{IMPORTS_DIR}/{d}")[1]
    ]


def _preview(client, seed_decree_path):
    with seed_decree_path.open("rb") as handle:
        response = client.post(
            reverse("plans:plan_import", args=[CODE]), {"file": handle, "year": ""}
        )
    assert response.status_code == 200
    return response


def _confirm_data(response) -> dict[str, object]:
    confirm = response.context["confirm"]
    return {k: confirm.initial[k] for k in ("token", "filename", "year")}


# --------------------------------------------------------------------- 1. previews


def test_preview_file_is_deleted_after_saving(client, alice, tree, seed_decree_path):
    client.force_login(alice)
    response = _preview(client, seed_decree_path)
    assert len(_stored_previews()) == 1
    client.post(
        reverse("plans:plan_import_confirm", args=[CODE]), _confirm_data(response)
    )
    assert ActionPlan.objects.count() == 1
    assert _stored_previews() == []


def test_cancel_deletes_the_preview_and_saves_nothing(
    client, alice, tree, seed_decree_path
):
    client.force_login(alice)
    response = _preview(client, seed_decree_path)
    assert len(_stored_previews()) == 1
    response = client.post(
        reverse("plans:plan_import_cancel", args=[CODE]), _confirm_data(response)
    )
    assert response.status_code == 302
    assert _stored_previews() == []
    assert ActionPlan.objects.count() == 0


def test_cancel_needs_the_right_to_import(client, bob, tree):
    client.force_login(bob)
    data = {"token": "a" * 64, "filename": "ra.txt", "year": 2025}
    name = f"{IMPORTS_DIR}/{CODE}/{'a' * 64}.txt"
    default_storage.save(name, ContentFile(b"x"))
    response = client.post(reverse("plans:plan_import_cancel", args=[CODE]), data)
    assert response.status_code == 403
    assert default_storage.exists(name)


def _age(name: str, hours: float) -> None:
    stamp = time.time() - hours * 3600
    os.utime(default_storage.path(name), (stamp, stamp))


def test_purge_deletes_only_previews_older_than_the_limit(tree):
    old = default_storage.save(
        f"{IMPORTS_DIR}/{CODE}/{'1' * 64}.txt", ContentFile(b"a")
    )
    other = default_storage.save(
        f"{IMPORTS_DIR}/kpu-tanjabtim/{'2' * 64}.docx", ContentFile(b"b")
    )
    fresh = default_storage.save(
        f"{IMPORTS_DIR}/{CODE}/{'3' * 64}.xlsx", ContentFile(b"c")
    )
    unrelated = default_storage.save("evidence/keep.txt", ContentFile(b"d"))
    _age(old, 25)
    _age(other, 48)
    _age(fresh, 2)
    _age(unrelated, 100)
    out = StringIO()
    call_command("purge_plan_imports", stdout=out)
    assert "2 berkas" in out.getvalue()
    assert [default_storage.exists(n) for n in (old, other, fresh, unrelated)] == [
        False,
        False,
        True,
        True,
    ]
    call_command("purge_plan_imports", "--older-than", "1", stdout=StringIO())
    assert not default_storage.exists(fresh)
    assert default_storage.exists(unrelated)


def test_purge_without_any_preview_folder_does_nothing(tree):
    out = StringIO()
    call_command("purge_plan_imports", "--older-than", "0", stdout=out)
    assert out.getvalue().startswith("0 berkas")


# --------------------------------------------------------------------- 2. step page


@pytest.mark.parametrize(
    ("persona", "shown"), [("bob", True), ("alice", True), ("vera", False)]
)
def test_step_page_links_evidence_upload_for_contributors(
    client, request, bob_step, persona, shown
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk])
    html = client.get(url).content.decode()
    link = reverse("evidence:upload", args=[CODE]) + f"?langkah={bob_step.pk}"
    assert (link in html) is shown
    assert ("Unggah bukti untuk langkah ini" in html) is shown


def test_step_page_counts_linked_evidence_by_status(client, alice, tree, bob_step):
    for title, status in [("SK", "diverifikasi"), ("Foto", "draft"), ("BA", "draft")]:
        bob_step.evidence.create(
            unit=tree["tanjabbar"],
            title=title,
            document_date=date(2025, 3, 1),
            status=status,
        )
    client.force_login(alice)
    response = client.get(reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk]))
    assert response.context["evidence_count"] == 3
    assert response.context["evidence_by_status"] == [("Diverifikasi", 1), ("Draf", 2)]
    assert "3 bukti: 1 diverifikasi, 2 draf" in response.content.decode()


# --------------------------------------------------------------------- 3. preview layout


def test_preview_separates_unread_from_retroactive_targets(
    client, alice, tree, seed_decree_path
):
    client.force_login(alice)
    response = _preview(client, seed_decree_path)
    html = response.content.decode()
    flagged = response.context["flagged"]
    counts = response.context["counts"]
    assert len(flagged["review"]) == counts["targets_flagged"] == 0
    assert len(flagged["retroactive"]) == counts["targets_retroactive"] == 28
    assert "Target waktu yang perlu diperiksa" not in html
    assert 'id="targets-review"' not in html
    assert "Target berlaku surut (28)" in html
    assert '<details class="retroactive" id="targets-retroactive">' in html
    # Comparison and the save button come before the long tables; a second button at the end.
    assert html.count("Simpan rencana aksi</button>") == 2
    first_button = html.index("Simpan rencana aksi</button>")
    assert html.index("h-compare") < first_button < html.index("targets-retroactive")
    assert first_button < html.index("Isi yang terbaca")
    assert html.rindex("Simpan rencana aksi</button>") > html.index("Isi yang terbaca")


# --------------------------------------------------------------------- 4–6, 8 markup


def test_plan_tree_has_no_emoji_prints_deadlines_and_one_week_note(
    client, alice, seed_plan
):
    client.force_login(alice)
    html = client.get(reverse("plans:plan_detail", args=[CODE, 2025])).content.decode()
    assert "🗓" not in html
    assert '<svg class="icon"' in html
    assert "Paling lambat November 2025" in html
    assert "s.d. 30 November 2025" in html
    markers = html.count('href="#catatan-minggu"')
    assert markers >= 2
    # Shown once as a footnote; each marker only carries it as a tooltip (title).
    assert html.count('id="catatan-minggu"') == 1
    assert html.count("Minggu ke-N suatu bulan") == 1 + markers
    assert 'class="table-wrap"' in html
    assert "---------" not in html


def test_tree_without_week_targets_has_no_week_note(client, alice, seed_plan):
    area = (
        seed_plan.areas.exclude(components__indicators__target_kind="week")
        .order_by("order")
        .first()
    )
    assert area is not None
    client.force_login(alice)
    url = reverse("plans:plan_detail", args=[CODE, 2025])
    html = client.get(url, {"area": area.pk}).content.decode()
    assert "Minggu ke-N suatu bulan" not in html
    assert 'id="catatan-minggu"' not in html


def test_monev_owner_select_says_pilih_pic(client, alice, seed_plan):
    meeting = services.record_meeting(
        seed_plan, by=alice, held_on=date(2025, 11, 3), title="Monev"
    )
    client.force_login(alice)
    url = reverse("plans:meeting_detail", args=[CODE, 2025, meeting.pk])
    html = client.get(url).content.decode()
    assert '<option value="" selected>Pilih PIC</option>' in html
    assert "---------" not in html


def test_timeline_and_schedule_tables_scroll_inside_a_wrapper(client, alice, seed_plan):
    client.force_login(alice)
    for name in ("plan_timeline", "plan_schedule"):
        html = client.get(reverse(f"plans:{name}", args=[CODE, 2025])).content.decode()
        assert html.count('class="table-wrap') >= html.count("<table"), name
        assert "---------" not in html


def test_step_delete_button_is_marked_destructive_and_asks(client, alice, bob_step):
    client.force_login(alice)
    html = client.get(
        reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk])
    ).content.decode()
    form_start = html.index(
        reverse("plans:step_delete", args=[CODE, 2025, bob_step.pk])
    )
    form = html[html.rindex("<form", 0, form_start) : html.index("</form>", form_start)]
    assert 'data-confirm="' in form
    assert 'class="button button-danger"' in form


# --------------------------------------------------------------------- 11. recurring


def test_recurring_step_page_explains_the_rule_and_names_the_missed_period(
    client, alice, seed_plan, monkeypatch
):
    from sizi.plans import models as plan_models
    from sizi.plans.models import ActionStep

    step = (
        ActionStep.objects.for_plan(seed_plan)
        .filter(indicator__target_recurrence="monthly")
        .order_by("pk")
        .first()
    )
    assert step is not None
    monkeypatch.setattr(plan_models, "today", lambda: date(2025, 3, 10))
    client.force_login(alice)
    url = reverse("plans:step_detail", args=[CODE, 2025, step.pk])
    html = client.get(url).content.decode()
    assert 'id="recurring-rule"' in html
    assert "Belum ada realisasi 1 Feb – 28 Feb 2025" in html
    assert '<span class="badge badge-danger" id="step-status">Terlambat</span>' in html
    services.add_realisation(
        step, by=alice, description="Februari", done_on=date(2025, 2, 27), note=""
    )
    html = client.get(url).content.decode()
    assert 'id="missed-period"' not in html
    assert "Terlambat</span>" not in html
    timeline = client.get(reverse("plans:plan_timeline", args=[CODE, 2025]))
    assert '<svg class="tick"' in timeline.content.decode()
