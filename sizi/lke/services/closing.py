"""Closing an evaluation: the pimpinan's approval, TPI's conclusion, predicates.

- The unit's pimpinan approves the complete self-assessment ("Setujui");
  only then may it be submitted, and any change of the self layer afterwards
  withdraws the approval (`withdraw_approval`, called by the answer services).
- TPI concludes with its layer's score and a predicate recommendation, checked
  against the thresholds on the TPI layer; an empty TPI layer is refused unless
  TPI explicitly adopts the lower layer's answers (copied, audited).
- The predicate history of a unit (`PredicateRecord`) feeds the WBBM
  prerequisite; it is written when TPN results are recorded or entered for
  past years.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.core import audit
from sizi.integrity.lke_inputs import full_compliance
from sizi.lke import scoring
from sizi.lke.models import (
    Answer,
    Assessment,
    Layer,
    Predicate,
    PredicateRecord,
    ResultInput,
    Submission,
)
from sizi.lke.scoring import proposal
from sizi.lke.services import scores
from sizi.lke.services.answers import answer_question, save_result_inputs
from sizi.lke.services.workflow import (
    conclude_assessment,
    lock_assessment,
    open_layers,
    record_national,
    refuse_missing,
)
from sizi.plans.models import ActionPlan
from sizi.units.models import Unit, User

Status = Assessment.Status
UNIT_EDITABLE = {Status.DRAFT, Status.RETURNED}


# --------------------------------------------------------------------------- approval


@transaction.atomic
def approve_assessment(assessment: Assessment, *, by: User) -> None:
    """Record the pimpinan's approval of the complete self-assessment."""
    lock_assessment(assessment)
    if assessment.status not in UNIT_EDITABLE:
        raise ValidationError("Penilaian ini tidak sedang menunggu persetujuan.")
    refuse_missing(assessment, "disetujui")
    assessment.approved_at = timezone.now()
    assessment.approved_by = by
    assessment.save(update_fields=["approved_at", "approved_by", "updated_at"])
    audit.record(by, "lke.assessment_approved", assessment, unit=assessment.unit)


# --------------------------------------------------------------------------- predicates


def held_predicates(unit: Unit, before_year: int) -> set[str]:
    """Return the predicates the unit obtained in a year before ``before_year``."""
    return set(
        PredicateRecord.objects.filter(unit=unit, year__lt=before_year).values_list(
            "predicate", flat=True
        )
    )


def tpi_result(assessment: Assessment) -> scores.LayerResult:
    """Score the TPI layer with the WBBM prerequisite checked from the history."""
    result = scores.score_layer(assessment, Layer.INTERNAL)
    held = held_predicates(assessment.unit, assessment.year)
    eligibility = scoring.eligibility(result.score, result.spec, held)
    return scores.LayerResult(
        layer=result.layer,
        spec=result.spec,
        score=result.score,
        eligibility=eligibility,
        answers=result.answers,
        hasil=result.hasil,
    )


@transaction.atomic
def record_predicate(
    unit: Unit,
    *,
    year: int,
    predicate: str,
    source: str,
    decree_reference: str = "",
    by: User,
) -> PredicateRecord:
    """Record a predicate the unit holds from ``year`` (TPN result or past years)."""
    if predicate not in PredicateRecord.Kind.values:
        raise ValidationError("Pilih predikat: Menuju WBK atau Menuju WBBM.")
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError("Tahun predikat tidak sah.")
    if PredicateRecord.objects.filter(
        unit=unit, year=year, predicate=predicate
    ).exists():
        raise ValidationError(f"Predikat ini sudah tercatat untuk tahun {year}.")
    if predicate == PredicateRecord.Kind.WBBM and (
        PredicateRecord.Kind.WBK not in held_predicates(unit, year + 1)
    ):
        raise ValidationError(
            "Predikat Menuju WBBM memerlukan predikat Menuju WBK yang tercatat lebih dulu."
        )
    record = PredicateRecord(
        unit=unit,
        year=year,
        predicate=predicate,
        source=source,
        decree_reference=decree_reference.strip(),
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    audit.record(
        by,
        "lke.predicate_recorded",
        record,
        unit=unit,
        year=year,
        predicate=predicate,
        source=source,
        decree_reference=record.decree_reference,
    )
    return record


# --------------------------------------------------------------------------- conclusion


def tpi_layer_empty(assessment: Assessment) -> bool:
    """Return whether TPI has written nothing (no answer, no Hasil input)."""
    present = scores.layers_present(
        Answer.objects.filter(assessment=assessment, layer=Layer.INTERNAL),
        ResultInput.objects.filter(assessment=assessment, layer=Layer.INTERNAL),
    )
    return Layer.INTERNAL not in present


def _adopt_answers(assessment: Assessment, *, by: User) -> str:
    """Copy the highest lower layer's answer of every question into the TPI layer."""
    below = [Layer.PRELIMINARY, Layer.SELF]
    rank: dict[str, int] = {str(layer): i for i, layer in enumerate(below)}
    chosen: dict[int, Answer] = {}
    for answer in Answer.objects.filter(
        assessment=assessment, layer__in=below
    ).select_related("question"):
        if not answer.value and not answer.inputs:
            continue
        held = chosen.get(answer.question_id)
        if held is None or rank[answer.layer] < rank[held.layer]:
            chosen[answer.question_id] = answer
    if not chosen:
        raise ValidationError("Lapisan di bawah TPI belum berisi jawaban.")
    versions = dict(
        Answer.objects.filter(assessment=assessment, layer=Layer.INTERNAL).values_list(
            "question_id", "version"
        )
    )
    for source in chosen.values():
        label = Layer(source.layer).label.lower()
        answer_question(
            assessment,
            source.question,
            Layer.INTERNAL,
            value=source.value,
            inputs=source.inputs,
            note=f"Diadopsi dari {label}.",
            expected_version=versions.get(source.question_id, 0),
            by=by,
            refresh_scores=False,
        )
    _adopt_results(assessment, by=by)
    scores.refresh_layer_scores(assessment)
    layers = sorted({a.layer for a in chosen.values()}, key=lambda x: rank[x])
    return str(layers[0])


def _adopt_results(assessment: Assessment, *, by: User) -> None:
    rows = {r.layer: r for r in ResultInput.objects.filter(assessment=assessment)}
    source = rows.get(Layer.PRELIMINARY) or rows.get(Layer.SELF)
    if source is None:
        return
    current = rows.get(Layer.INTERNAL)
    save_result_inputs(
        assessment,
        Layer.INTERNAL,
        ipak=source.ipak,
        ipak_source=source.ipak_source,
        ipkp=source.ipkp,
        ipkp_source=source.ipkp_source,
        performance=source.performance,
        performance_note=source.performance_note,
        other=dict(source.other),
        expected_version=current.version if current else 0,
        by=by,
    )


def _check_recommendation(
    recommendation: str, eligibility: scoring.Eligibility
) -> None:
    if recommendation not in Predicate.values:
        raise ValidationError("Pilih rekomendasi predikat.")
    if recommendation == Predicate.NONE:
        return
    if not eligibility.passed.get(recommendation, False):
        label = Predicate(recommendation).label
        gaps = "; ".join(f.message for f in eligibility.failures_for(recommendation))
        raise ValidationError(
            f"Nilai TPI belum memenuhi syarat {label}: {gaps}. "
            "Pilih rekomendasi yang sesuai atau perbaiki jawaban TPI."
        )


@transaction.atomic
def conclude_with_predicate(
    assessment: Assessment,
    *,
    recommendation: str,
    note: str = "",
    adopt: bool = False,
    by: User,
) -> Submission:
    """Conclude TPI's review with its layer's score and a checked recommendation."""
    lock_assessment(assessment)
    if Layer.INTERNAL not in open_layers(assessment):
        raise ValidationError("Penilaian ini tidak sedang dinilai TPI.")
    adopted = ""
    if tpi_layer_empty(assessment):
        if not adopt:
            raise ValidationError(
                "Lapisan TPI masih kosong. Isi jawaban TPI, atau centang "
                "'Adopsi jawaban lapisan di bawah' untuk memakai jawaban itu sebagai "
                "jawaban TPI."
            )
        # One audit entry whose drill-down lists every adopted answer.
        with audit.batch(
            by, "lke.answers_adopted", assessment, unit=assessment.unit
        ) as entry:
            adopted = _adopt_answers(assessment, by=by)
            entry.extra["source"] = adopted
    result = tpi_result(assessment)
    _check_recommendation(recommendation, result.eligibility)
    assessment.recommendation = recommendation
    assessment.conclusion_total = result.score.total.quantize(Decimal("0.0001"))
    assessment.adopted_layer = adopted
    assessment.save(
        update_fields=[
            "recommendation",
            "conclusion_total",
            "adopted_layer",
            "updated_at",
        ]
    )
    return conclude_assessment(
        assessment,
        met=recommendation != Predicate.NONE,
        note=note,
        by=by,
        recommendation=recommendation,
    )


@transaction.atomic
def record_national_result(
    assessment: Assessment,
    *,
    predicate: str = "",
    decree_reference: str = "",
    by: User,
) -> Submission:
    """Record the TPN values and, when TPN awarded one, the unit's predicate."""
    submission = record_national(assessment, by=by)
    if predicate:
        record_predicate(
            assessment.unit,
            year=assessment.year,
            predicate=predicate,
            source=PredicateRecord.Source.TPN,
            decree_reference=decree_reference,
            by=by,
        )
    return submission


# --------------------------------------------------------------------------- proposal


def proposal_target(assessment: Assessment, held: set[str]) -> str:
    """Return the predicate a proposal would ask for: TPI's, else the next one."""
    if assessment.recommendation in {Predicate.WBK, Predicate.WBBM}:
        return str(assessment.recommendation)
    return Predicate.WBBM if Predicate.WBK in held else Predicate.WBK


def zi_started_year(unit: Unit) -> int | None:
    """Return the first year the unit worked on ZI in SIZI (plan or assessment)."""
    years = [
        *ActionPlan.objects.filter(unit=unit).values_list("year", flat=True),
        *Assessment.objects.filter(unit=unit).values_list("year", flat=True),
        *PredicateRecord.objects.filter(unit=unit).values_list("year", flat=True),
    ]
    return min(years) if years else None


def lhkpn_compliance(unit: Unit, year: int) -> tuple[bool | None, str]:
    """Return whether LHKPN/LHKASN compliance is 100 % from the integrity register.

    None (to be confirmed) while the register of that year is empty.
    """
    condition = full_compliance(unit, year)
    return (condition.met if condition.has_data else None), condition.detail


def proposal_checks(
    assessment: Assessment,
) -> tuple[str, list[proposal.ConditionRow], str]:
    """Return the target predicate, its P5/2024 conditions checked, and their source."""
    held = held_predicates(assessment.unit, assessment.year)
    target = proposal_target(assessment, held)
    rules = proposal.load_conditions()
    result = tpi_result(assessment)
    started = zi_started_year(assessment.unit)
    gaps = "; ".join(f.message for f in result.eligibility.failures_for(target))
    facts: dict[str, tuple[bool | None, str]] = {
        "thresholds": (
            result.eligibility.passed.get(target, False),
            gaps or "semua ambang terpenuhi",
        ),
        "prerequisite": (
            Predicate.WBK in held,
            "tercatat di riwayat predikat"
            if Predicate.WBK in held
            else "belum ada predikat Menuju WBK di riwayat predikat",
        ),
        "zi_age": (
            started is not None and started < assessment.year,
            f"data ZI pertama di SIZI: tahun {started}"
            if started
            else "belum ada data",
        ),
        "lhkpn": lhkpn_compliance(assessment.unit, assessment.year),
    }
    return target, proposal.evaluate(rules, target, facts), rules.source
