"""The parsed decree: one dataclass tree produced by every reader (the import contract).

Readers (plain text, DOCX, XLSX) never touch the database; they return a
``ParsedPlan``. Callers check ``plan.errors`` (nothing may be written when it is
not empty) and show ``plan.warnings`` to the user. Texts are cleaned (HTML
remnants removed, whitespace collapsed) but otherwise kept as printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sizi.plans.target_time import TargetTime

# LKE ZI area codes, in the order of the decree's areas I..VI.
LKE_AREAS: dict[str, str] = {
    "MP": "Manajemen Perubahan",
    "PT": "Penataan Tatalaksana",
    "SDM": "Penataan Sistem Manajemen SDM",
    "AK": "Penguatan Akuntabilitas",
    "PW": "Penguatan Pengawasan",
    "PP": "Peningkatan Kualitas Pelayanan Publik",
}
NUMERALS: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI")


@dataclass
class ParseIssue:
    """A problem found while reading: where (``"baris 312"``, ``"sel C14"``) and what."""

    location: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"location": self.location, "message": self.message}

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class ParsedDecree:
    """The decree's own fields (empty string / None when not found)."""

    number: str = ""  # "42" (from "NOMOR 42 TAHUN 2025")
    year: int | None = None  # 2025
    title: str = ""  # the "TENTANG ..." text, one line
    signed_on: date | None = None  # "pada tanggal 27 Oktober 2025"
    place: str = ""  # "Kuala Tungkal" (from "Ditetapkan di ...")
    signatory: str = ""  # "MUHAMMAD RUM"
    signatory_title: str = ""  # "KETUA KOMISI PEMILIHAN UMUM KABUPATEN ..."
    legal_basis: list[str] = field(default_factory=list)  # the "Mengingat" items
    # the year the plan is for: "TAHUN yyyy" at the end of the title, else ``year``
    # (a decree signed in December 2024 may set the plan for 2025)
    plan_year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "year": self.year,
            "title": self.title,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "place": self.place,
            "signatory": self.signatory,
            "signatory_title": self.signatory_title,
            "legal_basis": list(self.legal_basis),
            "plan_year": self.plan_year,
        }


@dataclass
class ParsedIndicator:
    """One indikator row (page-break pieces already joined)."""

    text: str
    steps: list[str] = field(default_factory=list)  # langkah aksi, one per item
    evidence: list[str] = field(default_factory=list)  # bukti fisik, one per item
    target: TargetTime = field(default_factory=lambda: TargetTime(raw=""))
    # where the row starts: "baris 312", "tabel 1 baris 4", "lembar «X» baris 14"
    location: str = ""
    # items OCR was unsure of: "text.0", "step.2", "evidence.0", "target.0"
    uncertain: list[str] = field(default_factory=list)

    def _uncertain(self, kind: str) -> list[int]:
        return [
            int(k.split(".")[1]) for k in self.uncertain if k.startswith(kind + ".")
        ]

    @property
    def uncertain_text(self) -> bool:
        return bool(self._uncertain("text"))

    @property
    def uncertain_steps(self) -> list[int]:
        return self._uncertain("step")

    @property
    def uncertain_evidence(self) -> list[int]:
        return self._uncertain("evidence")

    @property
    def uncertain_target(self) -> bool:
        return bool(self._uncertain("target"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "steps": list(self.steps),
            "evidence": list(self.evidence),
            "target": self.target.to_dict(),
            "location": self.location,
        }


@dataclass
class ParsedComponent:
    """A komponen: its printed number ("1", "2" — trailing dot dropped) and name."""

    number: str
    name: str
    indicators: list[ParsedIndicator] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "indicators": [i.to_dict() for i in self.indicators],
        }


@dataclass
class ParsedArea:
    """An area row: numeral "I".."VI", title as printed, LKE area code (see LKE_AREAS)."""

    numeral: str
    title: str
    lke_area: str
    components: list[ParsedComponent] = field(default_factory=list)

    @property
    def lke_area_label(self) -> str:
        return LKE_AREAS.get(self.lke_area, "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "numeral": self.numeral,
            "title": self.title,
            "lke_area": self.lke_area,
            "lke_area_label": self.lke_area_label,
            "components": [c.to_dict() for c in self.components],
        }


@dataclass
class UncertainCell:
    """An item read by OCR with a word below the confidence threshold.

    ``key`` names the item by position: "area.komponen.indikator.kind.n" (0-based;
    kind: text, step, evidence, target), so a correction typed in the preview
    can be applied to the same file read again (see ``apply_corrections``).
    """

    key: str
    location: str
    column: str  # "Langkah aksi", ...
    text: str
    confidence: int  # the lowest word confidence (0–100)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "location": self.location,
            "column": self.column,
            "text": self.text,
            "confidence": self.confidence,
        }


@dataclass
class ParsedPlan:
    """The whole parsed Lampiran plus the decree fields, warnings and errors."""

    decree: ParsedDecree = field(default_factory=ParsedDecree)
    areas: list[ParsedArea] = field(default_factory=list)
    warnings: list[ParseIssue] = field(default_factory=list)
    errors: list[ParseIssue] = field(default_factory=list)
    source_format: str = (
        ""  # "text", "docx", "xlsx", "pdf", "pdf-ocr" ("" when unreadable)
    )
    uncertain: list[UncertainCell] = field(default_factory=list)  # OCR only

    @property
    def ok(self) -> bool:
        return not self.errors

    def iter_indicators(
        self,
    ) -> Iterator[tuple[ParsedArea, ParsedComponent, ParsedIndicator]]:
        for area in self.areas:
            for component in area.components:
                for indicator in component.indicators:
                    yield area, component, indicator

    def summary(self) -> dict[str, int]:
        """Count what was read, so a person can check it against the paper."""
        indicators = [i for _, _, i in self.iter_indicators()]
        signed_on = self.decree.signed_on
        return {
            "areas": len(self.areas),
            "components": sum(len(a.components) for a in self.areas),
            "indicators": len(indicators),
            "steps": sum(len(i.steps) for i in indicators),
            "evidence": sum(len(i.evidence) for i in indicators),
            "targets_flagged": sum(1 for i in indicators if i.target.needs_review),
            "targets_retroactive": (
                sum(1 for i in indicators if i.target.is_retroactive(signed_on))
                if signed_on
                else 0
            ),
            "warnings": len(self.warnings),
            "errors": len(self.errors),
        }

    def to_dict(self) -> dict[str, Any]:
        out = {
            "format": self.source_format,
            "decree": self.decree.to_dict(),
            "areas": [a.to_dict() for a in self.areas],
            "warnings": [w.to_dict() for w in self.warnings],
            "errors": [e.to_dict() for e in self.errors],
            "summary": self.summary(),
        }
        if self.uncertain:
            out["uncertain"] = [u.to_dict() for u in self.uncertain]
        return out
