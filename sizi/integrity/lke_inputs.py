"""What the LKE reads from the integrity registers (lke calls these; nothing here imports lke).

R.5.iii.a / R.5.iii.b: the LHKPN and LHKASN percentages with their inputs and
source; and the P5/2024 proposal condition of 100 % LHKPN/LHKASN compliance.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import date_format

from sizi.integrity.models import WealthReportCompliance
from sizi.integrity.queries import wealth_summary
from sizi.units.models import Unit


@dataclass(frozen=True)
class PercentInput:
    """One % item of the LKE: its code, the two counts, the value and where they come from."""

    code: str
    required: int
    reported: int
    value: Decimal | None  # min(1, reported ÷ required); None when nobody is required
    source: str


@dataclass(frozen=True)
class R5iiiInputs:
    lhkpn: PercentInput
    lhkasn: PercentInput
    has_data: bool


@dataclass(frozen=True)
class ComplianceCondition:
    """The P5/2024 proposal condition: every LHKPN and LHKASN filer has reported."""

    met: bool
    detail: str
    has_data: bool


def _source(unit: Unit, year: int) -> str:
    last = (
        WealthReportCompliance.objects.filter(unit=unit, year=year)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    when = f", diperbarui {date_format(last, 'j F Y')}" if last else ""
    return f"Register LHKPN/LHKASN SIZI, {unit.name}, tahun {year}{when}"


def r5iii_inputs(unit: Unit, year: int) -> R5iiiInputs:
    """Return the R.5.iii.a (LHKPN) and R.5.iii.b (LHKASN) inputs for the year (2 queries)."""
    summary = wealth_summary(unit, year)
    source = _source(unit, year)
    return R5iiiInputs(
        lhkpn=PercentInput(
            "R.5.iii.a",
            summary.lhkpn.required,
            summary.lhkpn.reported,
            summary.lhkpn.ratio,
            source,
        ),
        lhkasn=PercentInput(
            "R.5.iii.b",
            summary.lhkasn.required,
            summary.lhkasn.reported,
            summary.lhkasn.ratio,
            source,
        ),
        has_data=summary.listed > 0,
    )


def full_compliance(unit: Unit, year: int) -> ComplianceCondition:
    """Return whether LHKPN and LHKASN compliance is 100 % (P5/2024 syarat pengusulan)."""
    summary = wealth_summary(unit, year)
    if summary.listed == 0:
        return ComplianceCondition(
            False, f"Register LHKPN/LHKASN tahun {year} belum diisi.", False
        )
    missing = (summary.lhkpn.required - summary.lhkpn.reported) + (
        summary.lhkasn.required - summary.lhkasn.reported
    )
    if missing:
        return ComplianceCondition(
            False,
            f"{missing} pegawai belum menyampaikan LHKPN/LHKASN tahun {year}.",
            True,
        )
    return ComplianceCondition(
        True, f"Seluruh wajib LHKPN/LHKASN tahun {year} telah melapor.", True
    )


@dataclass(frozen=True)
class RegisterLink:
    """A register of this app that produces bukti fisik for an LKE question."""

    question: str
    register: str
    url: str


# LKE question → (register title, URL name of its page under /u/<code>/integritas/).
REGISTERS: dict[str, tuple[str, str]] = {
    "P.5.i.a": (
        "Kampanye publik gratifikasi (langkah aksi)",
        "integrity:public_campaign",
    ),
    "P.5.i.b": ("Laporan berkala UPG", "integrity:upg_report"),
    "P.5.ii.b": ("Register risiko SPIP", "integrity:risk_register"),
    "P.5.ii.c": ("Dokumen RTP dan Kartu Kendali SPIP", "integrity:risk_register"),
    "R.5.i.-": ("Kartu Kendali SPIP", "integrity:risk_register"),
    "P.5.v.a": ("Matrik Identifikasi Benturan Kepentingan", "integrity:conflict_map"),
    "P.5.v.c": (
        "Surat Pernyataan Bebas Benturan Kepentingan",
        "integrity:campaign_list",
    ),
    "P.5.v.d": (
        "Evaluasi penanganan benturan kepentingan",
        "integrity:conflict_evaluations",
    ),
    "P.5.v.e": (
        "Tindak lanjut evaluasi benturan kepentingan",
        "integrity:conflict_evaluations",
    ),
    "R.5.iii.a": ("Register LHKPN/LHKASN", "integrity:wealth_list"),
    "R.5.iii.b": ("Register LHKPN/LHKASN", "integrity:wealth_list"),
}


def registers_for(unit: Unit, questions: list[str]) -> list[RegisterLink]:
    """Return, for the LKE questions given (e.g. the readiness gaps), the registers here
    whose filed output could close them, with the page to open (no query)."""
    return [
        RegisterLink(
            code, REGISTERS[code][0], reverse(REGISTERS[code][1], args=[unit.code])
        )
        for code in questions
        if code in REGISTERS
    ]


# The LKE's input codes of R.5.iii.a and R.5.iii.b, by the register's category.
_R5III_INPUTS: dict[str, tuple[str, dict[str, str]]] = {
    "R.5.iii.a": (
        "kepala_satker pejabat_wajib lainnya",
        {
            WealthReportCompliance.Category.HEAD: "kepala_satker",
            WealthReportCompliance.Category.OFFICIAL: "pejabat_wajib",
            WealthReportCompliance.Category.OTHER_LHKPN: "lainnya",
        },
    ),
    "R.5.iii.b": (
        "administrator pengawas fungsional_pelaksana",
        {
            WealthReportCompliance.Category.ADMINISTRATOR: "administrator",
            WealthReportCompliance.Category.SUPERVISOR: "pengawas",
            WealthReportCompliance.Category.STAFF: "fungsional_pelaksana",
        },
    ),
}


def r5iii_question_inputs(unit: Unit, year: int) -> dict[str, dict[str, int]]:
    """Return the inputs of R.5.iii.a/b by the instrument's input codes (1 query).

    Each category of the register counts its people; ``sudah_melapor`` counts
    those of the question's categories who have reported. Empty when the
    register of the year has nobody in those categories.
    """
    rows = WealthReportCompliance.objects.filter(unit=unit, year=year).values_list(
        "category", "reported_on"
    )
    result: dict[str, dict[str, int]] = {}
    for question, (codes, by_category) in _R5III_INPUTS.items():
        counts = dict.fromkeys(codes.split(), 0) | {"sudah_melapor": 0}
        for category, reported_on in rows:
            code = by_category.get(category)
            if code is None:
                continue
            counts[code] += 1
            counts["sudah_melapor"] += reported_on is not None
        if any(counts[c] for c in codes.split()):
            result[question] = counts
    return result
