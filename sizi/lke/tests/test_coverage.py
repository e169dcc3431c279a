"""Suggested indicator↔question links on the seed plan, confirmation and the reports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sizi.lke import services
from sizi.lke.models import Assessment, Question, QuestionIndicatorLink
from sizi.lke.services import coverage
from sizi.lke.tests.arrange import answer
from sizi.plans.importing import parse_decree
from sizi.plans.models import Indicator
from sizi.plans.services import import_plan
from sizi.units.models import User

# The seed decree's components and the Pemenuhan sub-area of the P90 LKE each
# one serves (the decree follows the 2019 wording, e.g. "E-Office" = SPBE).
EXPECTED = {
    "Tim Kerja": "P.1.i",
    "Dokumen Rencana Aksi": "P.1.ii",
    "Pemantauan dan Evaluasi": "P.1.iii",
    "Perubahan Pola Pikir": "P.1.iv",
    "Prosedur Operasional Tetap": "P.2.i",
    "E-Office": "P.2.ii",
    "Keterbukaan Informasi": "P.2.iii",
    "Perencanaan Kebutuhan Pegawai": "P.3.i",
    "Pola Mutasi": "P.3.ii",
    "Pengembangan Pegawai": "P.3.iii",
    "Penetapan Kinerja Individu": "P.3.iv",
    "Penegakan Aturan Disiplin": "P.3.v",
    "Sistem Informasi Kepegawaian": "P.3.vi",
    "Keterlibatan Pimpinan": "P.4.i",
    "Pengelolaan Akuntabilitas": "P.4.ii",
    "Pengendalian Gratifikasi": "P.5.i",
    "Penerapan SPIP": "P.5.ii",
    "Pengaduan Masyarakat": "P.5.iii",
    "Whistleblowing": "P.5.iv",
    "Benturan Kepentingan": "P.5.v",
    "Standar Pelayanan": "P.6.i",
    "Budaya Pelayanan Prima": "P.6.ii",
    "Penilaian Kepuasan": "P.6.iv",
}


def expected_sub_area(component: str) -> str:
    return next(
        code for key, code in EXPECTED.items() if key.lower() in component.lower()
    )


@pytest.fixture
def seeded(assessment: Assessment, seed_decree_path: Path, alice: User) -> Assessment:
    data = seed_decree_path.read_bytes()
    parsed = parse_decree(data, seed_decree_path.name, year=2025)
    import_plan(
        parsed,
        unit=assessment.unit,
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return assessment


def test_seed_plan_rows_mostly_land_on_the_right_sub_areas(seeded, alice):
    coverage.suggest_links(seeded, by=alice)

    indicators = coverage.plan_indicators(seeded)
    right = 0
    for indicator in indicators:
        best = (
            QuestionIndicatorLink.objects.filter(indicator=indicator)
            .select_related("question__sub_area")
            .order_by("-suggested_score")
            .first()
        )
        expected = expected_sub_area(indicator.component.name)
        if best is not None and best.question.code.startswith(expected + "."):
            right += 1
    share = right / len(indicators)
    assert len(indicators) > 60
    assert share >= 0.8, (
        f"only {right}/{len(indicators)} indicators on the right sub-area"
    )


def test_suggestions_stay_inside_the_mapped_area(seeded, alice):
    coverage.suggest_links(seeded, by=alice)

    for link in QuestionIndicatorLink.objects.select_related(
        "question__sub_area__area", "indicator__component__area"
    ):
        assert (
            link.question.sub_area.area.code == link.indicator.component.area.lke_area
        )


def test_confirmed_links_survive_new_suggestions(seeded, alice):
    indicator = Indicator.objects.filter(component__name__icontains="Tim Kerja").first()
    question = Question.objects.get(instrument=seeded.instrument, code="P.1.i.b")
    coverage.set_indicator_links(seeded, indicator, [question.pk], by=alice)

    coverage.suggest_links(seeded, by=alice)

    confirmed = QuestionIndicatorLink.objects.filter(
        indicator=indicator, confirmed=True
    )
    assert [link.question.code for link in confirmed] == ["P.1.i.b"]


def test_reports_list_uncovered_questions_and_unverified_top_answers(seeded, alice):
    from sizi.evidence.models import Evidence

    indicator = Indicator.objects.filter(component__name__icontains="Tim Kerja").first()
    question = Question.objects.get(instrument=seeded.instrument, code="P.1.i.a")
    coverage.set_indicator_links(seeded, indicator, [question.pk], by=alice)
    answer(seeded, question, alice, value="ya")
    old = Evidence.objects.create(
        unit=seeded.unit,
        title="SK Tim 2023",
        kind="link",
        url="https://example.go.id",
        document_date="2023-05-01",
    )
    services.set_answer_evidence(seeded, question, "self", [old.pk], by=alice)

    report = coverage.coverage_report(seeded)

    uncovered = {q.code for q in report.questions_without_steps}
    assert "P.1.i.a" not in uncovered
    assert "P.1.i.b" in uncovered
    assert [(q.code, v) for q, v in report.top_without_verified] == [("P.1.i.a", "ya")]
    assert [(q.code, e.title) for q, e in report.old_evidence] == [
        ("P.1.i.a", "SK Tim 2023")
    ]
    assert len(report.steps_without_question) > 0


def test_report_lists_a_percentage_at_100_without_verified_evidence(seeded, alice):
    def q(code: str) -> Question:
        return Question.objects.get(instrument=seeded.instrument, code=code)

    full = {"kepala_satker": 1, "pejabat_wajib": 2, "lainnya": 0, "sudah_melapor": 3}
    answer(seeded, q("R.5.iii.a"), alice, inputs=full)
    half = {"administrator": 2, "pengawas": 2, "fungsional_pelaksana": 0}
    answer(seeded, q("R.5.iii.b"), alice, inputs={**half, "sudah_melapor": 2})

    report = coverage.coverage_report(seeded)

    assert [(x.code, v) for x, v in report.top_without_verified] == [
        ("R.5.iii.a", "100%")
    ]


def test_similarity_prefers_related_texts():
    assert coverage.similarity("Whistleblowing System", "Whistle-Blowing System") > 0.5
    assert coverage.similarity("Pengendalian Gratifikasi", "Standar Pelayanan") < 0.2


def test_readiness_lists_the_steps_covering_each_question(seeded, alice):
    from sizi.lke.services import scores
    from sizi.lke.services.readiness import readiness_rows

    indicator = Indicator.objects.filter(component__name__icontains="Tim Kerja").first()
    question = Question.objects.get(instrument=seeded.instrument, code="P.1.i.b")
    coverage.set_indicator_links(seeded, indicator, [question.pk], by=alice)
    answer(seeded, question, alice, value="c")

    rows = readiness_rows(seeded, scores.score_layer(seeded, "self"), limit=None)

    row = next(r for r in rows if r.candidate.code == "P.1.i.b")
    assert [s.text for s in row.steps] == [s.text for s in indicator.steps.all()]
    assert row.suggested_only is False
    gains = [r.candidate.gain for r in rows]
    assert gains == sorted(gains, reverse=True)


def test_link_groups_tick_suggestions_until_a_link_is_confirmed(
    seeded, alice, django_assert_num_queries
):
    coverage.suggest_links(seeded, by=alice)
    with django_assert_num_queries(4):
        groups = coverage.indicator_link_groups(seeded)
    rows = [row for group in groups for row in group.rows]
    assert len(rows) == len(coverage.plan_indicators(seeded))
    suggested = next(row for row in rows if len(row.links) >= 2)
    assert suggested.confirmed == frozenset()
    assert suggested.checked == {link.question_id for link in suggested.links}
    chosen = suggested.links[-1].question
    coverage.set_indicator_links(seeded, suggested.indicator, [chosen.pk], by=alice)
    again = next(
        row
        for group in coverage.indicator_link_groups(seeded)
        for row in group.rows
        if row.indicator.pk == suggested.indicator.pk
    )
    assert again.checked == again.confirmed == {chosen.pk}
    assert all(q.sub_area.area.code == chosen.sub_area.area.code for q in again.choices)
    assert sum(g.confirmed for g in coverage.indicator_link_groups(seeded)) == 1
