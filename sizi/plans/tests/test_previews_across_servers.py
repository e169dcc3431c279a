"""A decree previewed on one app server is saved on another (shared storage)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sizi.core.tests import shared_storage
from sizi.plans.models import ActionPlan

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _preview(client, seed_decree_path) -> dict[str, object]:
    with seed_decree_path.open("rb") as handle:
        response = client.post(
            reverse("plans:plan_import", args=[CODE]), {"file": handle, "year": ""}
        )
    assert response.status_code == 200
    confirm = response.context["confirm"]
    return {k: confirm.initial[k] for k in ("token", "filename", "year")}


def _confirm(client, data):
    return client.post(
        reverse("plans:plan_import_confirm", args=[CODE]), data, follow=True
    )


def _journey(settings, client, seed_decree_path, storage) -> None:
    first = shared_storage.become_server(settings, storage)
    data = _preview(client, seed_decree_path)
    second = shared_storage.become_server(settings, storage)
    assert second is not first
    response = _confirm(client, data)
    assert response.status_code == 200
    plan = ActionPlan.objects.get()
    assert plan.unit.code == CODE
    assert "tersimpan" in response.content.decode()


def test_preview_in_a_shared_folder_is_saved_by_the_other_server(
    settings, client, alice, tree, seed_decree_path, tmp_path
):
    client.force_login(alice)
    _journey(settings, client, seed_decree_path, shared_storage.folder(tmp_path))


def test_preview_in_s3_storage_is_saved_by_the_other_server(
    settings, client, alice, tree, seed_decree_path
):
    client.force_login(alice)
    with shared_storage.s3_bucket():
        _journey(settings, client, seed_decree_path, shared_storage.s3())


def test_a_preview_on_one_machine_disk_is_not_found_by_the_other(
    settings, client, alice, tree, seed_decree_path, tmp_path
):
    client.force_login(alice)
    shared_storage.become_server(settings, shared_storage.folder(tmp_path / "a"))
    data = _preview(client, seed_decree_path)
    shared_storage.become_server(settings, shared_storage.folder(tmp_path / "b"))
    response = _confirm(client, data)
    assert "Berkas pratinjau tidak ditemukan lagi" in response.content.decode()
    assert not ActionPlan.objects.exists()
