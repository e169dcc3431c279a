"""Closing an evaluation: sign-off, conclusion rules, predicates, proposal checks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sizi.core.models import AuditEvent
from sizi.lke import services
from sizi.lke.models import (
    Answer,
    Assessment,
    LayerScore,
    PredicateRecord,
)
from sizi.lke.services import closing, rollup
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q

Status = Assessment.Status


def _hasil(assessment, by, layer="self", ipak="4", ipkp="4", performance="A"):
    services.save_result_inputs(
        assessment,
        layer,
        ipak=Decimal(ipak),
        ipkp=Decimal(ipkp),
        performance=performance,
        expected_version=0,
        by=by,
    )


def _at_tpi(assessment, alice, lena, rina, preliminary=None):
    """Answer everything at the top, approve, submit, forward to TPI."""
    answer_all(assessment, alice)
    _hasil(assessment, alice)
    closing.approve_assessment(assessment, by=lena)
    services.submit_assessment(assessment, by=alice)
    for code, value in (preliminary or {}).items():
        answer(assessment, q(assessment, code), rina, layer="preliminary", value=value)
    services.forward_assessment(assessment, by=rina)
    assessment.refresh_from_db()


def _actions(action):
    return AuditEvent.objects.filter(action=action)


# --------------------------------------------------------------------------- sign-off


def test_submit_is_refused_until_the_pimpinan_approves(assessment, alice, lena):
    answer_all(assessment, alice)

    with pytest.raises(ValidationError) as exc:
        services.submit_assessment(assessment, by=alice)
    assert "disetujui pimpinan" in exc.value.messages[0]

    closing.approve_assessment(assessment, by=lena)
    submission = services.submit_assessment(assessment, by=alice)

    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert submission.data["assessment"]["approved_by"] == "lena"
    assert submission.data["assessment"]["approved_at"]
    assert _actions("lke.assessment_approved").count() == 1


def test_a_change_after_approval_withdraws_it(assessment, alice, lena):
    answer_all(assessment, alice)
    closing.approve_assessment(assessment, by=lena)

    answer(assessment, q(assessment, "P.1.i.a"), alice, value="tidak")

    assessment.refresh_from_db()
    assert assessment.approved_at is None
    event = _actions("lke.approval_withdrawn").get()
    assert "P.1.i.a" in event.changes["reason"]
    with pytest.raises(ValidationError):
        services.submit_assessment(assessment, by=alice)


def test_saving_the_same_answer_keeps_the_approval(assessment, alice, lena):
    answer_all(assessment, alice)
    closing.approve_assessment(assessment, by=lena)

    answer(assessment, q(assessment, "P.1.i.a"), alice)

    assessment.refresh_from_db()
    assert assessment.approved_at is not None


def test_an_incomplete_assessment_cannot_be_approved(assessment, lena):
    with pytest.raises(ValidationError) as exc:
        closing.approve_assessment(assessment, by=lena)
    assert "Belum dapat disetujui" in exc.value.messages[0]


# --------------------------------------------------------------------------- conclusion


def test_conclusion_is_refused_while_the_tpi_layer_is_empty(
    assessment, alice, lena, rina, tia
):
    _at_tpi(assessment, alice, lena, rina)

    with pytest.raises(ValidationError) as exc:
        closing.conclude_with_predicate(assessment, recommendation="wbk", by=tia)

    assert "Lapisan TPI masih kosong" in exc.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.status == Status.FORWARDED


def test_adoption_copies_the_lower_answers_into_the_tpi_layer(
    assessment, alice, lena, rina, tia
):
    _at_tpi(assessment, alice, lena, rina, preliminary={"P.1.i.b": "b"})

    closing.conclude_with_predicate(
        assessment, recommendation="wbk", adopt=True, by=tia
    )

    assessment.refresh_from_db()
    assert assessment.status == Status.CONCLUDED_MET
    assert assessment.recommendation == "wbk"
    assert assessment.adopted_layer == "preliminary"
    internal = Answer.objects.filter(assessment=assessment, layer="internal")
    assert (
        internal.count()
        == Answer.objects.filter(assessment=assessment, layer="self").count()
    )
    adopted = internal.get(question__code="P.1.i.b")
    assert (adopted.value, adopted.note) == (
        "b",
        "Diadopsi dari penilaian pendahuluan.",
    )
    adoption = _actions("lke.answers_adopted").get()
    assert adoption.changes["source"] == "preliminary"
    # One entry; each adopted answer is in its drill-down, not a row of its own.
    assert not _actions("lke.answer_saved").filter(changes__layer="internal").exists()
    assert (
        len(
            [
                e
                for e in adoption.changes["entries"]
                if e["action"] == "lke.answer_saved"
            ]
        )
        == internal.count()
    )
    tpi = LayerScore.objects.get(assessment=assessment, layer="internal")
    assert assessment.conclusion_total == tpi.total


def test_a_recommendation_the_tpi_score_does_not_meet_is_refused(
    assessment, alice, lena, rina, tia
):
    _at_tpi(assessment, alice, lena, rina)
    _hasil(assessment, tia, layer="internal", ipak="2")

    with pytest.raises(ValidationError) as exc:
        closing.conclude_with_predicate(assessment, recommendation="wbk", by=tia)

    assert "belum memenuhi syarat Menuju WBK" in exc.value.messages[0]
    closing.conclude_with_predicate(assessment, recommendation="none", by=tia)
    assessment.refresh_from_db()
    assert assessment.status == Status.CONCLUDED_NOT_MET


def test_wbbm_needs_an_earlier_menuju_wbk(assessment, alice, lena, rina, tia, tree):
    _at_tpi(assessment, alice, lena, rina)
    answer(assessment, q(assessment, "P.1.i.a"), tia, layer="internal")

    with pytest.raises(ValidationError) as exc:
        closing.conclude_with_predicate(assessment, recommendation="wbbm", by=tia)
    assert "Belum mendapatkan predikat Menuju WBK" in exc.value.messages[0]

    closing.record_predicate(
        tree["tanjabbar"], year=2024, predicate="wbk", source="entered", by=alice
    )
    closing.conclude_with_predicate(assessment, recommendation="wbbm", by=tia)
    assessment.refresh_from_db()
    assert assessment.get_recommendation_display() == "Menuju WBBM"


def test_a_wbbm_record_needs_a_wbk_record_first(tree, alice):
    with pytest.raises(ValidationError):
        closing.record_predicate(
            tree["tanjabbar"], year=2024, predicate="wbbm", source="entered", by=alice
        )
    closing.record_predicate(
        tree["tanjabbar"],
        year=2023,
        predicate="wbk",
        source="entered",
        decree_reference="KEP-123/2023",
        by=alice,
    )
    closing.record_predicate(
        tree["tanjabbar"], year=2024, predicate="wbbm", source="entered", by=alice
    )
    assert _actions("lke.predicate_recorded").count() == 2


def test_tpn_result_records_the_predicate(assessment, alice, lena, rina, tia):
    _at_tpi(assessment, alice, lena, rina)
    closing.conclude_with_predicate(
        assessment, recommendation="wbk", adopt=True, by=tia
    )

    closing.record_national_result(
        assessment, predicate="wbk", decree_reference="KEP-9/2025", by=tia
    )

    record = PredicateRecord.objects.get(unit=assessment.unit)
    assert (record.year, record.predicate, record.source, record.decree_reference) == (
        2025,
        "wbk",
        "tpn",
        "KEP-9/2025",
    )


def test_rollup_never_shows_memenuhi_beside_a_failing_tpi_score(
    assessment, alice, lena, rina, tia, tree
):
    _at_tpi(assessment, alice, lena, rina)
    _hasil(assessment, tia, layer="internal", ipak="2")
    # An old-style conclusion (before predicates were checked) said "memenuhi".
    services.conclude_assessment(assessment, met=True, by=tia)

    page = rollup.rollup_page(tree["ri"], 2025, "status")
    row = next(r for r in page.rows if r.unit == tree["tanjabbar"])

    assert "memenuhi" not in row.status_label.replace("belum memenuhi", "")
    assert "perlu ditinjau" in row.status_label


# --------------------------------------------------------------------------- proposal


def test_proposal_conditions_are_checked_and_the_rest_listed(
    assessment, alice, lena, rina, tia
):
    _at_tpi(assessment, alice, lena, rina)
    closing.conclude_with_predicate(
        assessment, recommendation="wbk", adopt=True, by=tia
    )

    target, rows, source = closing.proposal_checks(assessment)

    states = {row.code: row.state for row in rows}
    assert target == "wbk"
    assert states["nilai"] == "met"
    assert states["lama-zi"] == "failed"  # the first ZI data is this year
    assert states["lhkpn"] == "confirm"  # the integrity register of 2025 is empty
    assert states["tlhp"] == "confirm"
    assert "prasyarat-wbk" not in states
    assert "5 Tahun 2024" in source


def test_wbbm_proposal_shows_the_missing_prerequisite(assessment, tree, alice):
    closing.record_predicate(
        tree["tanjabbar"], year=2023, predicate="wbk", source="entered", by=alice
    )

    target, rows, _source = closing.proposal_checks(assessment)

    states = {row.code: row.state for row in rows}
    assert target == "wbbm"
    assert states["prasyarat-wbk"] == "met"
    assert states["lama-zi"] == "met"
    assert states["nilai"] == "failed"


def test_approve_and_submit_helper_is_used_by_older_tests(assessment, alice):
    answer_all(assessment, alice)
    submission = approve_and_submit(assessment, alice)
    assert submission.data["assessment"]["approved_by"] == "alice"


def test_the_lhkpn_condition_reads_the_integrity_register(assessment, monkeypatch):
    from sizi.integrity.lke_inputs import ComplianceCondition

    monkeypatch.setattr(
        closing,
        "full_compliance",
        lambda unit, year: ComplianceCondition(
            False, "2 pegawai belum menyampaikan LHKPN/LHKASN tahun 2025.", True
        ),
    )

    _target, rows, _source = closing.proposal_checks(assessment)

    lhkpn = next(row for row in rows if row.code == "lhkpn")
    assert (lhkpn.state, lhkpn.detail) == (
        "failed",
        "2 pegawai belum menyampaikan LHKPN/LHKASN tahun 2025.",
    )
