"""verify_evidence recomputes every stored file's SHA-256."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from sizi.evidence.integrity import check_revisions
from sizi.evidence.tests.conftest import add_evidence


def test_clean_store_passes(tree, bob, capsys) -> None:
    add_evidence(tree["tanjabbar"], bob)
    add_evidence(tree["tanjabtim"], bob, title="lain")
    call_command("verify_evidence")
    assert "2 berkas diperiksa: 0 hilang, 0 berubah." in capsys.readouterr().out


def test_changed_and_missing_files_are_reported_with_exit_code_1(
    tree, bob, capsys
) -> None:
    changed = add_evidence(tree["tanjabbar"], bob, title="berubah").current_revision
    missing = add_evidence(tree["tanjabbar"], bob, title="hilang").current_revision
    add_evidence(tree["tanjabbar"], bob, title="utuh")
    with default_storage.open(changed.file.name, "wb") as stored:
        stored.write(b"%PDF-1.4 diubah")
    default_storage.delete(missing.file.name)
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_evidence")
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "3 berkas diperiksa: 1 hilang, 1 berubah." in captured.out
    assert f"HILANG  bukti #{missing.evidence_id} rev 1" in captured.err
    assert f"BERUBAH bukti #{changed.evidence_id} rev 1" in captured.err


def test_check_can_be_limited_to_a_unit(tree, bob) -> None:
    add_evidence(tree["tanjabbar"], bob)
    add_evidence(tree["tanjabtim"], bob)
    assert check_revisions(unit_code="kpu-tanjabtim").checked == 1


def test_orphan_files_are_listed(tree, bob, capsys) -> None:
    from django.core.files.base import ContentFile

    add_evidence(tree["tanjabbar"], bob)
    orphan = default_storage.save("evidence/1/99/sisa.pdf", ContentFile(b"%PDF-1.4"))
    call_command("verify_evidence", orphans=True)
    out = capsys.readouterr().out
    assert f"YATIM   {orphan}" in out
    assert "1 berkas tanpa revisi" in out
