"""Prove that stored evidence files are still what was uploaded (SHA-256)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.files.storage import default_storage

from sizi.evidence.models import EvidenceRevision

CHUNK_SIZE = 1024 * 1024


@dataclass
class IntegrityReport:
    """The outcome of a check: how many files, which are missing or changed."""

    checked: int = 0
    missing: list[EvidenceRevision] = field(default_factory=list)
    mismatched: list[tuple[EvidenceRevision, str]] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        lines = [
            f"HILANG  bukti #{r.evidence_id} rev {r.number} «{r.original_name}» ({r.file.name})"
            for r in self.missing
        ]
        lines += [
            f"BERUBAH bukti #{r.evidence_id} rev {r.number} «{r.original_name}» "
            f"({r.file.name}): tercatat {r.sha256}, sekarang {actual}"
            for r, actual in self.mismatched
        ]
        return lines


def file_sha256(name: str) -> str:
    """Return the SHA-256 of a stored file, read in chunks."""
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as source:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def check_revisions(unit_code: str | None = None) -> IntegrityReport:
    """Recompute every stored revision's SHA-256 (of one unit, if given)."""
    revisions = EvidenceRevision.objects.order_by("pk")
    if unit_code:
        revisions = revisions.filter(evidence__unit__code=unit_code)
    report = IntegrityReport()
    for revision in revisions.iterator(chunk_size=500):
        report.checked += 1
        try:
            actual = file_sha256(revision.file.name)
        except FileNotFoundError:
            report.missing.append(revision)
            continue
        if actual != revision.sha256:
            report.mismatched.append((revision, actual))
    return report


def _walk(folder: str) -> list[str]:
    """Return every file name below `folder` in the default storage."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += _walk(f"{folder}/{sub}")
    return names


def find_orphans() -> list[str]:
    """Return stored evidence files that no revision refers to (left by a crash)."""
    known = set(EvidenceRevision.objects.values_list("file", flat=True))
    return sorted(name for name in _walk("evidence") if name not in known)
