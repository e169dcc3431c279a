"""What SIZI's own surveys and registers offer the LKE of a unit and year.

The LKE reads the apps to its left: a closed IPAK or IPKP survey period gives
the Hasil inputs (H1.a, H2.a), the SKM periods of the year suggest P.6.iv.a,
the complaint recap gives R.5.ii, and the LHKPN/LHKASN register gives R.5.iii.
These are suggestions with their source: a person adopts them into a layer
with one action (audited like any answer), and a reviewer's layer can still
say otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from sizi.cases.lke_inputs import r5ii_inputs
from sizi.integrity.lke_inputs import r5iii_question_inputs, registers_for
from sizi.lke.models import Answer, Assessment, Question, ResultInput
from sizi.lke.services.answers import answer_question, save_result_inputs
from sizi.surveys.lke_inputs import hasil_inputs, skm_frequency
from sizi.units.models import Unit, User

HASIL_LABELS = {"H1.a": "IPAK", "H2.a": "IPKP"}
_SURVEYS = ("Survei kepuasan masyarakat (SKM)", "surveys:period_list")
_COMPLAINTS = ("Pengaduan masyarakat dan rekapnya", "cases:complaint_list")
_WBS = ("Whistleblowing system dan rekapnya", "cases:wbs_index")
_PPID = ("Layanan informasi publik (PPID) dan laporannya", "cases:request_list")
# LKE question → the page of SIZI's surveys and public channels whose records
# and filed recaps are its bukti fisik (the integrity registers name their own).
CHANNEL_PAGES: dict[str, tuple[str, str]] = {
    "P.6.iv.a": _SURVEYS,
    "P.6.iv.b": _SURVEYS,
    "P.6.iv.c": _SURVEYS,
    "P.5.iii.a": _COMPLAINTS,
    "P.5.iii.b": _COMPLAINTS,
    "P.5.iii.c": _COMPLAINTS,
    "P.5.iii.d": _COMPLAINTS,
    "R.5.ii.-": _COMPLAINTS,
    "P.5.iv.a": _WBS,
    "P.5.iv.b": _WBS,
    "P.5.iv.c": _WBS,
    "P.2.iii.a": _PPID,
    "P.2.iii.b": _PPID,
}


@dataclass(frozen=True)
class RegisterPage:
    """A page of SIZI whose records or filed documents could close an LKE gap."""

    title: str
    url: str


def register_pages(unit: Unit, codes: list[str]) -> dict[str, list[RegisterPage]]:
    """Return, per question code, the SIZI registers that could close it (no query)."""
    pages: dict[str, list[RegisterPage]] = {}
    for code in codes:
        if code in CHANNEL_PAGES:
            title, name = CHANNEL_PAGES[code]
            pages.setdefault(code, []).append(
                RegisterPage(title, reverse(name, args=[unit.code]))
            )
    for link in registers_for(unit, codes):
        pages.setdefault(link.question, []).append(
            RegisterPage(link.register, link.url)
        )
    return pages


@dataclass(frozen=True)
class HasilSuggestion:
    """A survey's value for IPAK or IPKP (0–4), with its source and any warning."""

    field: str  # "ipak" or "ipkp"
    label: str
    value: Decimal
    source: str
    warning: str


@dataclass(frozen=True)
class AnswerSuggestion:
    """An answer a register or survey offers for one question."""

    question: str
    source: str
    value: str = ""
    inputs: dict[str, int] = field(default_factory=dict)
    register_url: str = ""


def hasil_suggestions(assessment: Assessment) -> list[HasilSuggestion]:
    """Return the IPAK/IPKP values of the year's closed survey periods."""
    found = hasil_inputs(assessment.unit, assessment.year)
    return [
        HasilSuggestion(
            field=HASIL_LABELS[question].lower(),
            label=HASIL_LABELS[question],
            value=value.value,
            source=value.source,
            warning=value.warning,
        )
        for question, value in found.items()
        if value is not None and question in HASIL_LABELS
    ]


def answer_suggestions(assessment: Assessment) -> dict[str, AnswerSuggestion]:
    """Return the answers SIZI's registers and surveys offer, by question code."""
    unit, year = assessment.unit, assessment.year
    suggestions: dict[str, AnswerSuggestion] = {}
    skm = skm_frequency(unit, year)
    suggestions[skm.question] = AnswerSuggestion(
        question=skm.question,
        value=skm.letter,
        source=f"Survei SKM SIZI tahun {year}: {skm.count} periode dengan jawaban",
        register_url=reverse("surveys:period_list", args=[unit.code]),
    )
    complaints = r5ii_inputs(unit, year)
    if complaints.pengaduan_harus:
        suggestions[complaints.question] = AnswerSuggestion(
            question=complaints.question,
            inputs=complaints.as_inputs(),
            source=complaints.source,
            register_url=reverse("cases:complaint_list", args=[unit.code]),
        )
    for question, inputs in r5iii_question_inputs(unit, year).items():
        suggestions[question] = AnswerSuggestion(
            question=question,
            inputs=inputs,
            source=f"Register LHKPN/LHKASN SIZI tahun {year}",
            register_url=reverse("integrity:wealth_list", args=[unit.code])
            + f"?tahun={year}",
        )
    codes = set(
        Question.objects.filter(
            instrument=assessment.instrument, code__in=list(suggestions)
        ).values_list("code", flat=True)
    )
    return {code: s for code, s in suggestions.items() if code in codes}


#: The questions SIZI's registers and surveys can answer.
SUGGESTIBLE = frozenset({"P.6.iv.a", "R.5.ii.-", "R.5.iii.a", "R.5.iii.b"})


def answer_suggestions_for(
    assessment: Assessment, codes: set[str]
) -> list[AnswerSuggestion]:
    """Return the suggestions for the given questions; no query for other areas."""
    if not codes & SUGGESTIBLE:
        return []
    found = answer_suggestions(assessment)
    return [found[code] for code in sorted(codes & set(found))]


@transaction.atomic
def adopt_hasil_suggestions(
    assessment: Assessment, layer: str, *, by: User
) -> ResultInput:
    """Fill a layer's IPAK/IPKP with the survey values (other Hasil fields kept)."""
    suggestions = {s.field: s for s in hasil_suggestions(assessment)}
    if not suggestions:
        raise ValidationError(
            "Belum ada periode survei IPAK/IPKP yang ditutup tahun ini."
        )
    row = ResultInput.objects.filter(assessment=assessment, layer=layer).first()

    def pick(name: str) -> tuple[Decimal | None, str]:
        if name in suggestions:
            return suggestions[name].value, suggestions[name].source
        if row is None:
            return None, ""
        return getattr(row, name), getattr(row, f"{name}_source")

    ipak, ipak_source = pick("ipak")
    ipkp, ipkp_source = pick("ipkp")
    return save_result_inputs(
        assessment,
        layer,
        ipak=ipak,
        ipak_source=ipak_source,
        ipkp=ipkp,
        ipkp_source=ipkp_source,
        performance=row.performance if row else "",
        performance_note=row.performance_note if row else "",
        expected_version=row.version if row else 0,
        by=by,
    )


@transaction.atomic
def adopt_answer_suggestion(
    assessment: Assessment, question: Question, layer: str, *, by: User
) -> Answer:
    """Answer a question in a layer with what a register or survey offers."""
    suggestion = answer_suggestions(assessment).get(question.code)
    if suggestion is None:
        raise ValidationError(f"{question.code}: tidak ada isian dari register SIZI.")
    current = Answer.objects.filter(
        assessment=assessment, question=question, layer=layer
    ).first()
    return answer_question(
        assessment,
        question,
        layer,
        value=suggestion.value,
        inputs=dict(suggestion.inputs),
        note=f"Diisi dari {suggestion.source}.",
        expected_version=current.version if current else 0,
        by=by,
    )
