"""The import and export commands."""

from __future__ import annotations

import json
import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from sizi.plans.import_previews import IMPORTS_DIR
from sizi.plans.models import ActionPlan, ActionStep, Indicator

pytestmark = pytest.mark.django_db


def test_import_dry_run_json_prints_the_tree_and_writes_nothing(
    tree, seed_decree_path, capsys
):
    call_command(
        "import_action_plan",
        str(seed_decree_path),
        "--unit",
        "kpu-tanjabbar",
        "--dry-run",
        "--json",
    )
    output = json.loads(capsys.readouterr().out)
    assert output["summary"]["areas"] == 6
    assert output["summary"]["indicators"] == 70
    assert output["import"]["dry_run"] is True
    assert output["import"]["created"]["step"] == 74
    first = output["areas"][0]["components"][0]["indicators"][0]
    assert first["target"]["raw"] == "Oktober minggu ke-2 tahun 2025"
    assert ActionPlan.objects.count() == 0


def test_import_then_reimport_changes_nothing(tree, seed_decree_path, capsys):
    args = [str(seed_decree_path), "--unit", "kpu-tanjabbar"]
    call_command("import_action_plan", *args)
    first = capsys.readouterr().out
    assert "Rencana aksi 2025" in first
    pks = sorted(ActionStep.objects.values_list("pk", flat=True))
    call_command("import_action_plan", *args)
    assert "tidak ada perubahan" in capsys.readouterr().out
    assert sorted(ActionStep.objects.values_list("pk", flat=True)) == pks
    plan = ActionPlan.objects.get()
    assert (plan.number, plan.place, plan.signatory) == (
        "42",
        "Kuala Tungkal",
        "MUHAMMAD RUM",
    )
    assert Indicator.objects.filter(component__area__plan=plan).count() == 70


def test_import_of_a_bad_file_exits_1_and_writes_nothing(tree, tmp_path, capsys):
    bad = tmp_path / "rusak.txt"
    bad.write_text("NO\tKOMPONEN\n1\t2\nI\tAREA\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command(
            "import_action_plan", str(bad), "--unit", "kpu-tanjabbar", "--year", "2025"
        )
    assert info.value.returncode == 1
    assert "KESALAHAN" in capsys.readouterr().err
    assert ActionPlan.objects.count() == 0


def test_import_to_an_unknown_unit_fails(tree, seed_decree_path):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("import_action_plan", str(seed_decree_path), "--unit", "tidak-ada")


@pytest.mark.parametrize(
    "fmt,magic", [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")]
)
def test_export_command_writes_the_file(seed_plan, tmp_path, fmt, magic):
    out = tmp_path / f"ra.{fmt}"
    call_command(
        "export_action_plan",
        "--unit",
        "kpu-tanjabbar",
        "--year",
        "2025",
        "--format",
        fmt,
        "-o",
        str(out),
    )
    assert out.read_bytes().startswith(magic)


def test_import_files_the_plan_under_the_year_in_its_title(
    tree, seed_decree_path, tmp_path, capsys
):
    # a decree numbered in 2024 that sets the 2025 plan ("... TAHUN 2025" in its title)
    text = seed_decree_path.read_text(encoding="utf-8")
    assert "NOMOR 42 TAHUN 2025" in text
    decree = tmp_path / "ra.txt"
    decree.write_text(text.replace("NOMOR 42 TAHUN 2025", "NOMOR 99 TAHUN 2024"))
    call_command("import_action_plan", str(decree), "--unit", "kpu-tanjabbar")
    assert "Rencana aksi 2025" in capsys.readouterr().out
    assert ActionPlan.objects.get().year == 2025


def test_unreadable_file_is_not_blamed_on_a_missing_year(tree, tmp_path, capsys):
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_action_plan", str(empty), "--unit", "kpu-tanjabbar")
    err = capsys.readouterr().err
    assert "Berkas kosong" in err
    assert "--year" not in err  # giving a year would not help


def test_json_lists_every_reason_nothing_was_saved(tree, tmp_path, capsys):
    # a readable table whose year is nowhere: the JSON must say why nothing was saved
    rows = ["NO\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU"]
    for numeral, title in (
        ("I", "MANAJEMEN PERUBAHAN"),
        ("II", "PENATAAN TATALAKSANA"),
        ("III", "PENATAAN SISTEM MANAJEMEN SDM"),
        ("IV", "PENGUATAN AKUNTABILITAS"),
        ("V", "PENGUATAN PENGAWASAN"),
        ("VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"),
    ):
        rows += [f"{numeral}\t{title}\t\t\t\t", "1.\tK\tIndikator\tLangkah\tBukti\tMei"]
    decree = tmp_path / "tanpa-tahun.txt"
    decree.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "import_action_plan", str(decree), "--unit", "kpu-tanjabbar", "--json"
        )
    output = json.loads(capsys.readouterr().out)
    assert "import" not in output
    assert any("--year" in e["message"] for e in output["errors"]), output["errors"]
    assert output["summary"]["errors"] == len(output["errors"])
    assert ActionPlan.objects.count() == 0


def _age(name: str, hours: float) -> None:
    stamp = time.time() - hours * 3600
    os.utime(default_storage.path(name), (stamp, stamp))


def test_purge_deletes_only_previews_older_than_the_limit(tree):
    old = default_storage.save(
        f"{IMPORTS_DIR}/kpu-tanjabbar/{'1' * 64}.txt", ContentFile(b"a")
    )
    other = default_storage.save(
        f"{IMPORTS_DIR}/kpu-tanjabtim/{'2' * 64}.docx", ContentFile(b"b")
    )
    fresh = default_storage.save(
        f"{IMPORTS_DIR}/kpu-tanjabbar/{'3' * 64}.xlsx", ContentFile(b"c")
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
