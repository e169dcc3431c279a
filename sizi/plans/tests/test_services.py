"""Import, step updates and monev through the services, with their audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sizi.core.models import AuditEvent
from sizi.plans import services
from sizi.plans.importing.parsed import ParseIssue
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    ExpectedEvidence,
    Indicator,
    Realisation,
)
from sizi.plans.services.work import reconcile
from sizi.plans.tests.factories import parsed_plan

pytestmark = pytest.mark.django_db


def _import(parsed, unit, by, sha="a" * 64):
    return services.import_plan(
        parsed, unit=unit, year=2025, by=by, filename="ra.txt", sha256=sha
    )


def test_import_creates_the_whole_tree(tree, alice):
    result = _import(parsed_plan(), tree["tanjabbar"], alice)
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    assert result.created_plan is True
    assert result.created == {
        "area": 2,
        "component": 3,
        "indicator": 4,
        "step": 5,
        "evidence": 5,
    }
    assert plan.number == "42"
    assert plan.signed_on == date(2025, 10, 27)
    assert list(Area.objects.filter(plan=plan).values_list("numeral", "lke_area")) == [
        ("I", "MP"),
        ("II", "PT"),
    ]
    week = Indicator.objects.get(text="Menerbitkan SK Tim Kerja/Kelompok Kerja")
    assert (week.target_kind, week.target_start, week.target_end) == (
        "week",
        date(2025, 10, 8),
        date(2025, 10, 14),
    )
    assert week.target_periods == [["2025-10-08", "2025-10-14"]]
    assert Indicator.objects.get(text="Laporan kinerja tepat waktu").retroactive is True
    assert week.retroactive is True  # 8–14 Oktober ended before 27 Oktober
    assert Indicator.objects.get(text="SOP telah dievaluasi").retroactive is False
    assert AuditEvent.objects.filter(action="plans.plan_imported").count() == 1


def test_reimporting_the_same_file_changes_nothing(tree, alice):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    pks = sorted(ActionStep.objects.values_list("pk", flat=True))
    plan = ActionPlan.objects.get()
    events = AuditEvent.objects.count()
    result = services.import_plan(
        parsed_plan(),
        unit=tree["tanjabbar"],
        year=2025,
        by=alice,
        filename="ra (salinan).txt",
        sha256="a" * 64,
    )
    assert result.changed is False and result.rows == []
    assert sorted(ActionStep.objects.values_list("pk", flat=True)) == pks
    assert AuditEvent.objects.count() == events
    again = ActionPlan.objects.get()
    assert (again.source_filename, again.updated_at) == ("ra.txt", plan.updated_at)


def test_a_corrected_file_lists_the_rows_that_change(tree, alice):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    corrected = parsed_plan()
    indicator = corrected.areas[0].components[1].indicators[0]
    indicator.steps[0] = "Penyusunan dokumen rencana aksi"
    indicator.steps.append("Sosialisasi rencana aksi")
    indicator.evidence.pop()

    result = _import(corrected, tree["tanjabbar"], alice, sha="b" * 64)

    rows = {(r.kind, r.change, r.before, r.after) for r in result.rows}
    assert (
        "Langkah aksi",
        "diubah",
        "Penyusunan dokumen",
        "Penyusunan dokumen rencana aksi",
    ) in rows
    assert ("Langkah aksi", "ditambahkan", "", "Sosialisasi rencana aksi") in rows
    assert [r.change for r in result.rows if r.kind == "Bukti fisik"] == ["dihapus"]
    event = (
        AuditEvent.objects.filter(action="plans.plan_imported").order_by("id").last()
    )
    assert {e["action"] for e in event.changes["entries"]} == {
        "plans.row_added",
        "plans.row_changed",
        "plans.row_removed",
    }
    assert ActionPlan.objects.get().source_filename == "ra.txt"


def test_corrected_file_keeps_pics_and_realisations(tree, alice, bob):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    step = ActionStep.objects.get(text="Penyusunan dokumen")
    services.assign_owners(step, [bob], by=alice)
    services.add_realisation(
        step, by=bob, description="Draf disusun", done_on=date(2025, 10, 9)
    )
    corrected = parsed_plan()
    indicator = corrected.areas[0].components[1].indicators[0]
    indicator.steps[0] = "Penyusunan dokumen rencana aksi"  # typo fixed in place
    indicator.evidence.pop()  # one evidence removed
    corrected.areas[1].components[0].indicators.pop()  # one indicator removed
    result = _import(corrected, tree["tanjabbar"], alice, sha="b" * 64)
    same = ActionStep.objects.get(pk=step.pk)
    assert same.text == "Penyusunan dokumen rencana aksi"
    assert list(same.owners.all()) == [bob]
    assert same.realisations.count() == 1
    assert same.status == ActionStep.Status.IN_PROGRESS
    assert result.updated["step"] == 1
    assert result.removed == {
        "area": 0,
        "component": 0,
        "indicator": 1,
        "step": 1,
        "evidence": 2,
    }
    assert ExpectedEvidence.objects.filter(text="Foto rapat").exists() is False
    assert ActionPlan.objects.get().source_sha256 == "b" * 64


def test_reordered_steps_keep_their_identity(tree, alice):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    first = ActionStep.objects.get(text="Penyusunan dokumen")
    swapped = parsed_plan()
    steps = swapped.areas[0].components[1].indicators[0].steps
    steps.reverse()
    _import(swapped, tree["tanjabbar"], alice, sha="c" * 64)
    assert ActionStep.objects.get(pk=first.pk).order == 1


def test_parse_errors_write_nothing(tree, alice):
    broken = parsed_plan(
        errors=[ParseIssue("baris 12", "Kolom TARGET WAKTU tidak ada.")]
    )
    with pytest.raises(ValidationError) as info:
        _import(broken, tree["tanjabbar"], alice)
    assert info.value.messages == ["baris 12: Kolom TARGET WAKTU tidak ada."]
    assert ActionPlan.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_invalid_row_rolls_the_whole_import_back(tree, alice):
    bad = parsed_plan()
    bad.areas[1].lke_area = "XX"
    with pytest.raises(ValidationError) as info:
        _import(bad, tree["tanjabbar"], alice)
    assert info.value.messages == [
        "Area II, kolom area LKE: Nilai 'XX' bukan pilihan yang valid."
    ]
    assert ActionPlan.objects.count() == 0
    assert Area.objects.count() == 0


def test_dry_run_reports_but_writes_nothing(tree, alice):
    result = services.import_plan(
        parsed_plan(),
        unit=tree["tanjabbar"],
        year=2025,
        by=alice,
        filename="x.txt",
        sha256="d" * 64,
        dry_run=True,
    )
    assert result.created["step"] == 5
    assert ActionPlan.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_update_step_keeps_status_and_progress_consistent(tree, alice, bob):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    step = ActionStep.objects.get(text="Evaluasi SOP")
    services.update_step(step, by=bob, progress=40)
    assert (step.status, step.progress) == ("in_progress", 40)
    services.update_step(step, by=bob, status="done")
    assert (step.status, step.progress) == ("done", 100)
    services.update_step(step, by=bob, status="in_progress", progress=70)
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 70)
    actions = list(
        AuditEvent.objects.filter(action="plans.step_updated").values_list(
            "changes", flat=True
        )
    )
    assert len(actions) == 3


def test_realisation_marks_done_when_asked(tree, alice, bob):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    step = ActionStep.objects.get(text="Evaluasi SOP")
    services.add_realisation(
        step,
        by=bob,
        description="SOP dievaluasi",
        done_on=date(2025, 10, 20),
        note="ok",
        mark_done=True,
    )
    step.refresh_from_db()
    assert step.status == "done"
    assert Realisation.objects.get().by == bob
    assert AuditEvent.objects.filter(action="plans.realisation_added").count() == 1


def test_follow_up_links_only_steps_of_the_same_plan(tree, alice, charlie):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    services.import_plan(
        parsed_plan(),
        unit=tree["tanjabtim"],
        year=2025,
        by=charlie,
        filename="x.txt",
        sha256="e" * 64,
    )
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"])
    meeting = services.record_meeting(
        plan, by=alice, held_on=date(2025, 11, 3), title="Rapat monev I"
    )
    own = ActionStep.objects.for_plan(plan).first()
    other = ActionStep.objects.for_unit(tree["tanjabtim"]).first()
    follow_up = services.add_follow_up(
        meeting,
        by=alice,
        text="Lengkapi SK",
        owner=alice,
        due_on=date(2025, 11, 10),
        steps=[own],
    )
    assert list(follow_up.steps.all()) == [own]
    with pytest.raises(ValidationError):
        services.add_follow_up(
            meeting, by=alice, text="x", owner=None, due_on=None, steps=[other]
        )
    services.set_follow_up_done(follow_up, by=alice, done=True)
    follow_up.refresh_from_db()
    assert follow_up.done is True


def test_edit_indicator_reparses_the_target(tree, alice):
    from sizi.plans.target_time import TargetTime

    _import(parsed_plan(), tree["tanjabbar"], alice)
    ind = Indicator.objects.get(text="SOP telah dievaluasi")
    new_target = TargetTime(
        raw="Desember 2025",
        kind="month",
        start=date(2025, 12, 1),
        end=date(2025, 12, 31),
    )
    services.edit_indicator(
        ind,
        by=alice,
        text=ind.text,
        target=new_target,
        evidence=["E-Banner SOP", "Foto"],
    )
    ind.refresh_from_db()
    assert (ind.target_raw, ind.target_end) == ("Desember 2025", date(2025, 12, 31))
    assert list(ind.expected_evidence.values_list("text", flat=True)) == [
        "E-Banner SOP",
        "Foto",
    ]
    assert AuditEvent.objects.filter(action="plans.indicator_edited").count() == 1


def test_too_long_component_name_is_reported_with_its_place(tree, alice):
    bad = parsed_plan()
    bad.areas[0].components[1].name = "x" * 600
    with pytest.raises(ValidationError) as info:
        _import(bad, tree["tanjabbar"], alice)
    (message,) = info.value.messages
    assert message.startswith("Area I, komponen 2 xxx")
    assert "kolom komponen" in message
    assert ActionPlan.objects.count() == 0


def test_seed_decree_lands_in_the_database_as_printed(seed_plan):
    plan = seed_plan
    areas = list(plan.areas.order_by("order").values_list("numeral", "lke_area"))
    assert areas == [
        ("I", "MP"),
        ("II", "PT"),
        ("III", "SDM"),
        ("IV", "AK"),
        ("V", "PW"),
        ("VI", "PP"),
    ]
    per_area = [
        (
            a.numeral,
            a.components.count(),
            Indicator.objects.filter(component__area=a).count(),
        )
        for a in plan.areas.order_by("order")
    ]
    assert sum(c for _, c, _ in per_area) == 23
    assert sum(i for _, _, i in per_area) == 70
    assert ActionStep.objects.for_plan(plan).count() == 74
    assert (
        ExpectedEvidence.objects.filter(indicator__component__area__plan=plan).count()
        == 70
    )
    sop = Indicator.objects.get(
        component__area__plan=plan, component__name__startswith="Prosedur Operasional"
    )
    assert list(sop.steps.order_by("order").values_list("text", flat=True)) == [
        "Seluruh pegawai telah mengetahui SOP yang telah ditetapkan",
        "SOP tersedia di ruang pelayanan",
        "Melaksanakan evaluasi dokumen SOP",
    ]
    assert (sop.target_raw, sop.target_end) == (
        "Paling lambat November 2025",
        date(2025, 11, 30),
    )
    monthly = Indicator.objects.get(component__area__plan=plan, target_raw="Per-bulan")
    assert monthly.target_recurrence == "monthly"
    assert (plan.number, plan.place, plan.signed_on) == (
        "42",
        "Kuala Tungkal",
        date(2025, 10, 27),
    )
    assert plan.signatory == "MUHAMMAD RUM"
    assert (
        Indicator.objects.filter(component__area__plan=plan, retroactive=True).count()
        == 28
    )
    assert not Indicator.objects.filter(
        component__area__plan=plan, text__contains="<i>"
    ).exists()


def test_rows_moved_to_other_lines_are_not_changes(tree, alice):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    shifted = parsed_plan()
    for area in shifted.areas:
        for comp in area.components:
            for ind in comp.indicators:
                ind.location = ind.location.replace("baris 2", "baris 9")
    result = _import(shifted, tree["tanjabbar"], alice, sha="9" * 64)
    assert result.changed is False
    assert (
        Indicator.objects.get(text="SOP telah dievaluasi").source_location
        == "baris 922"
    )


def test_fields_missing_from_the_file_keep_their_stored_value(tree, alice):
    _import(parsed_plan(), tree["tanjabbar"], alice)
    bare = parsed_plan()
    bare.decree.legal_basis = []
    bare.decree.signatory = ""
    result = _import(bare, tree["tanjabbar"], alice, sha="8" * 64)
    plan = ActionPlan.objects.get()
    assert result.changed is False
    assert (plan.signatory, plan.legal_basis) == (
        "MUHAMMAD RUM",
        ["Undang-Undang Nomor 28 Tahun 1999"],
    )


statuses = st.sampled_from(["not_started", "in_progress", "done"])


@given(
    statuses, st.integers(0, 100), st.none() | statuses, st.none() | st.integers(0, 100)
)
def test_reconcile_keeps_status_and_progress_consistent(cur_s, cur_p, status, progress):
    if cur_s == "done":
        cur_p = 100
    if cur_s == "not_started":
        cur_p = 0
    new_status, new_progress = reconcile(cur_s, cur_p, status, progress)
    assert (new_status == "done") == (new_progress == 100)
    assert new_status != "not_started" or new_progress == 0
    if status == "done":
        assert new_status == "done"
    if progress is not None and progress < 100 and status != "done":
        assert new_progress == progress


def test_nul_characters_are_dropped_so_postgresql_accepts_the_text(tree, alice):
    dirty = parsed_plan()
    dirty.areas[0].components[0].indicators[0].steps[0] = "Mengevaluasi\x00 anggota"
    dirty.decree.legal_basis = ["UU\x00 28/1999"]
    _import(dirty, tree["tanjabbar"], alice)
    assert ActionStep.objects.filter(text="Mengevaluasi anggota").exists()
    assert ActionPlan.objects.get().legal_basis == ["UU 28/1999"]
    assert _import(dirty, tree["tanjabbar"], alice).changed is False
