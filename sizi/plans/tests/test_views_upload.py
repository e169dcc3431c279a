"""Importing through the browser: the preview page, saving, cancelling, the stored preview file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

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


def test_reimport_preview_lists_changed_rows_with_indonesian_headers(
    client, alice, tree, seed_decree_path, tmp_path
):
    client.force_login(alice)
    first = _preview(client, seed_decree_path)
    client.post(reverse("plans:plan_import_confirm", args=[CODE]), _confirm_data(first))
    corrected = tmp_path / "keputusan-perbaikan.txt"
    corrected.write_text(
        seed_decree_path.read_text(encoding="utf-8").replace(
            "Menetapkan SK Tim Agen Perubahan.",
            "Menetapkan SK Tim Agen Perubahan Tahun 2025.",
        ),
        encoding="utf-8",
    )

    again = _preview(client, corrected)

    html = again.content.decode()
    assert 'id="import-diff"' in html
    assert '<th scope="col">Langkah aksi</th>' in html
    assert '<th scope="col">step</th>' not in html
    rows = [
        (r.kind, r.change, r.before, r.after) for r in again.context["dry_run"].rows
    ]
    assert rows == [
        (
            "Langkah aksi",
            "diubah",
            "Menetapkan SK Tim Agen Perubahan.",
            "Menetapkan SK Tim Agen Perubahan Tahun 2025.",
        )
    ]


def test_reimport_preview_of_the_same_file_under_another_name_changes_nothing(
    client, alice, tree, seed_decree_path, tmp_path
):
    client.force_login(alice)
    first = _preview(client, seed_decree_path)
    client.post(reverse("plans:plan_import_confirm", args=[CODE]), _confirm_data(first))
    plan = ActionPlan.objects.get()
    copy = tmp_path / "salinan.txt"
    copy.write_bytes(seed_decree_path.read_bytes())

    again = _preview(client, copy)
    client.post(reverse("plans:plan_import_confirm", args=[CODE]), _confirm_data(again))

    assert "Sama persis dengan yang tersimpan" in again.content.decode()
    same = ActionPlan.objects.get()
    assert (same.source_filename, same.updated_at) == (
        plan.source_filename,
        plan.updated_at,
    )
