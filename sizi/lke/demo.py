"""Demo data: the LKE instrument and a partly answered 2025 self-assessment of kpu-tanjabbar."""

from __future__ import annotations

from decimal import Decimal
from io import TextIOBase

from sizi.lke import services
from sizi.lke.instrument import default_instrument_path
from sizi.lke.models import (
    Answer,
    Assessment,
    Question,
    QuestionIndicatorLink,
    ResultInput,
)
from sizi.lke.services import coverage, scores
from sizi.lke.services.instrument import load_instrument_file
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
YEAR = 2025
# Areas answered in the demo (the rest stays open to show progress per area).
ANSWERED_AREAS = ("MP", "PT", "SDM", "AK")
# A fixed, varied pattern of option ranks (0 = best) so scores look realistic.
PATTERN = (0, 0, 1, 0, 2, 0, 1, 0, 0, 1)
# Numeric inputs as a unit would fill them: a part never exceeds its whole
# (achieved ≤ targets, sanctioned ≤ violations, reported ≤ obliged).
DEMO_INPUTS = {
    "jumlah_agen": 10,
    "perubahan_dibuat": 8,
    "perubahan_terintegrasi": 6,
    "pelanggaran_tahun_lalu": 4,
    "pelanggaran_tahun_ini": 2,
    "pelanggaran_disanksi": 2,
    "jumlah_sasaran": 8,
    "sasaran_tercapai": 7,
    "pengaduan_harus": 12,
    "pengaduan_diproses": 2,
    "pengaduan_selesai": 10,
    "kepala_satker": 1,
    "pejabat_wajib": 6,
    "lainnya": 0,
    "administrator": 2,
    "pengawas": 5,
    "fungsional_pelaksana": 20,
    "sudah_melapor": 7,
    "layanan_terdaftar": 10,
    "layanan_dipermudah": 8,
}


def load(*, stdout: TextIOBase) -> None:
    """Load the instrument and a partly answered 2025 assessment (idempotent)."""
    instrument, created = load_instrument_file(default_instrument_path())
    stdout.write(
        f"Instrumen LKE: {instrument} ({'dimuat' if created else 'sudah ada'}).\n"
    )
    unit = Unit.objects.filter(code=UNIT).first()
    coordinator = User.objects.filter(username="koordinator.tanjabbar").first()
    if unit is None or coordinator is None:
        stdout.write(
            f"Penilaian LKE demo dilewati: unit {UNIT} atau koordinatornya tidak ada.\n"
        )
        return
    assessment = services.start_assessment(
        unit=unit, year=YEAR, instrument=instrument, by=coordinator
    )
    if assessment.status not in {Assessment.Status.DRAFT, Assessment.Status.RETURNED}:
        stdout.write(f"Penilaian LKE {YEAR} {UNIT} sudah diajukan; tidak diubah.\n")
        return
    done = set(
        Answer.objects.filter(assessment=assessment, layer="self").values_list(
            "question_id", flat=True
        )
    )
    # The assessment keeps the version it started on (a newer one may be loaded).
    questions = Question.objects.filter(
        instrument=assessment.instrument, sub_area__area__code__in=ANSWERED_AREAS
    ).order_by("order")
    for i, question in enumerate(questions):
        if question.pk in done:
            continue
        value, inputs = _demo_answer(question, i)
        services.answer_question(
            assessment,
            question,
            "self",
            value=value,
            inputs=inputs,
            note="Diisi pada data demo.",
            expected_version=0,
            by=coordinator,
            refresh_scores=False,
        )
    scores.refresh_layer_scores(assessment)
    if not ResultInput.objects.filter(assessment=assessment, layer="self").exists():
        services.save_result_inputs(
            assessment,
            "self",
            ipak=Decimal("3.62"),
            ipak_source="Survei internal Oktober 2025",
            ipkp=Decimal("3.41"),
            ipkp_source="Survei internal Oktober 2025",
            performance="B",
            performance_note="Capaian IKU 100%, lebih baik dari 2024.",
            expected_version=0,
            by=coordinator,
        )
    links = QuestionIndicatorLink.objects.filter(
        indicator__component__area__plan__unit=unit,
        indicator__component__area__plan__year=YEAR,
    ).count() or coverage.suggest_links(assessment, by=coordinator)
    answered = Answer.objects.filter(assessment=assessment, layer="self").count()
    stdout.write(
        f"Penilaian LKE {YEAR} {UNIT}: {answered} dari {Question.objects.filter(instrument=assessment.instrument).count()}"
        f" pertanyaan terjawab; {links} tautan indikator.\n"
    )


def _demo_answer(question: Question, index: int) -> tuple[str, dict[str, int]]:
    if question.options:
        rank = min(PATTERN[index % len(PATTERN)], len(question.options) - 1)
        return question.options[rank]["letter"], {}
    return "", {
        spec["code"]: DEMO_INPUTS.get(spec["code"], 5) for spec in question.inputs
    }
