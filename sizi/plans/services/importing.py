"""Import a parsed decree into a unit's plan, in place and in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sizi.core import audit
from sizi.plans.importing import naming
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    Component,
    ExpectedEvidence,
    Indicator,
)
from sizi.plans.services.rows import (
    DECREE_FIELDS,
    apply_values,
    clean_value,
    create_valid,
    plain,
    target_fields,
)
from sizi.plans.sync import match_rows

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

FIELD_LABELS = {
    "numeral": "nomor area",
    "title": "judul",
    "lke_area": "area LKE",
    "number": "nomor",
    "name": "komponen",
    "text": "teks",
    "target_raw": "target waktu",
}
KINDS = ["area", "component", "indicator", "step", "evidence"]


@dataclass
class ImportResult:
    """What an import created, updated and removed, per kind of row."""

    plan: ActionPlan
    created_plan: bool = False
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    removed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    removed_rows: list[str] = field(default_factory=list)
    decree_changes: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(
            self.created_plan
            or any(self.created.values())
            or any(self.updated.values())
            or any(self.removed.values())
            or self.decree_changes
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "created_plan": self.created_plan,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "removed_rows": self.removed_rows,
            "decree_changes": sorted(self.decree_changes),
        }


class _DryRun(Exception):
    """Raised inside the import transaction to roll a dry run back."""


@contextmanager
def _at(where: str) -> Iterator[None]:
    """Prefix validation messages with where the row is in the decree."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise ValidationError([f"{where}: {m}" for m in exc.messages]) from exc
        messages = [
            f"{where}, kolom {FIELD_LABELS.get(name, name)}: {m}"
            for name, errors in exc.message_dict.items()
            for m in errors
        ]
        raise ValidationError(messages) from exc


class _Importer:
    """Bring the stored rows of one plan in line with a parsed plan."""

    def __init__(self, plan: ActionPlan, result: ImportResult) -> None:
        self.plan = plan
        self.result = result
        self.components: dict[int, list[Component]] = defaultdict(list)
        self.indicators: dict[int, list[Indicator]] = defaultdict(list)
        self.steps: dict[int, list[ActionStep]] = defaultdict(list)
        self.evidence: dict[int, list[ExpectedEvidence]] = defaultdict(list)
        for c in Component.objects.filter(area__plan=plan):
            self.components[c.area_id].append(c)
        for i in Indicator.objects.filter(component__area__plan=plan):
            self.indicators[i.component_id].append(i)
        for s in ActionStep.objects.for_plan(plan).annotate(
            n_real=models.Count("realisations")
        ):
            self.steps[s.indicator_id].append(s)
        for e in ExpectedEvidence.objects.filter(indicator__component__area__plan=plan):
            self.evidence[e.indicator_id].append(e)

    def _remove(self, kind: str, rows: Iterable[Any], describe: Any) -> None:
        for row in rows:
            self._count_removed(kind, row)
            self.result.removed_rows.append(describe(row))
            row.delete()

    def _count_removed(self, kind: str, row: Any) -> None:
        """Count a removed row and the stored rows under it (deleted with it)."""
        self.result.removed[kind] += 1
        if kind == "area":
            for comp in self.components.get(row.pk, []):
                self._count_removed("component", comp)
        elif kind == "component":
            for ind in self.indicators.get(row.pk, []):
                self._count_removed("indicator", ind)
        elif kind == "indicator":
            self.result.removed["step"] += len(self.steps.get(row.pk, []))
            self.result.removed["evidence"] += len(self.evidence.get(row.pk, []))

    def run(self, areas: list[Any]) -> None:
        stored = list(Area.objects.filter(plan=self.plan))
        m = match_rows(
            stored,
            areas,
            stored_key=lambda a: a.numeral,
            incoming_key=lambda a: a.numeral,
            stored_position=lambda a: a.order,
        )
        self._remove("area", m.removed, lambda a: f"Area {a.numeral} {a.title}")
        for old, new, index in m.pairs:
            self._area(old, new, index)
        for new, index in m.added:
            self._area(None, new, index)

    def _area(self, area: Area | None, new: Any, index: int) -> None:
        values = {
            "numeral": new.numeral,
            "title": new.title,
            "lke_area": str(plain(new.lke_area)),
            "order": index,
        }
        with _at(f"Area {new.numeral}"):
            if area is None:
                area = create_valid(Area, {"plan": self.plan, **values})
                self.result.created["area"] += 1
            elif apply_values(area, values):
                self.result.updated["area"] += 1
        m = match_rows(
            self.components.get(area.pk, []),
            new.components,
            stored_key=lambda c: c.name,
            incoming_key=lambda c: c.name,
            stored_position=lambda c: c.order,
        )
        self._remove("component", m.removed, lambda c: f"Komponen {c.number} {c.name}")
        for old, child, i in m.pairs:
            self._component(area, old, child, i)
        for child, i in m.added:
            self._component(area, None, child, i)

    def _component(
        self, area: Area, comp: Component | None, new: Any, index: int
    ) -> None:
        values = {"number": str(new.number or ""), "name": new.name, "order": index}
        with _at(f"Area {area.numeral}, komponen {new.number} {new.name[:60]}"):
            if comp is None:
                comp = create_valid(Component, {"area": area, **values})
                self.result.created["component"] += 1
            elif apply_values(comp, {"area_id": area.pk, **values}):
                self.result.updated["component"] += 1
        m = match_rows(
            self.indicators.get(comp.pk, []),
            new.indicators,
            stored_key=lambda i: i.text,
            incoming_key=lambda i: i.text,
            stored_position=lambda i: i.order,
        )
        self._remove("indicator", m.removed, lambda i: f"Indikator {i.text[:80]}")
        for old, child, i in m.pairs:
            self._indicator(comp, old, child, i)
        for child, i in m.added:
            self._indicator(comp, None, child, i)

    def _indicator(
        self, comp: Component, ind: Indicator | None, new: Any, index: int
    ) -> None:
        location = clean_value(str(getattr(new, "location", "") or ""))[:100]
        values = {
            "text": new.text,
            "order": index,
            **target_fields(new.target, self.plan.signed_on),
        }
        with _at(location or f"indikator {new.text[:60]}"):
            if ind is None:
                values["source_location"] = location
                ind = create_valid(Indicator, {"component": comp, **values})
                self.result.created["indicator"] += 1
            elif apply_values(ind, {"component_id": comp.pk, **values}):
                self.result.updated["indicator"] += 1
            if ind.source_location != location:
                # Where the row sits in the file is not a change of the plan.
                ind.source_location = location
                ind.save(update_fields=["source_location"])
            self._children(ind, "step", ActionStep, self.steps, list(new.steps))
            self._children(
                ind, "evidence", ExpectedEvidence, self.evidence, list(new.evidence)
            )

    def _children(
        self,
        ind: Indicator,
        kind: str,
        model: type[models.Model],
        stored: dict[int, list[Any]],
        texts: list[str],
    ) -> None:
        m = match_rows(
            stored.get(ind.pk, []),
            texts,
            stored_key=lambda s: s.text,
            incoming_key=lambda t: t,
            stored_position=lambda s: s.order,
        )
        label = "Langkah aksi" if kind == "step" else "Bukti fisik"

        def describe(row: Any) -> str:
            lost = getattr(row, "n_real", 0)
            suffix = f" (beserta {lost} realisasi)" if lost else ""
            return f"{label} {row.text[:80]}{suffix}"

        self._remove(kind, m.removed, describe)
        for old, text, i in m.pairs:
            if apply_values(old, {"indicator_id": ind.pk, "text": text, "order": i}):
                self.result.updated[kind] += 1
        for text, i in m.added:
            create_valid(model, {"indicator": ind, "text": text, "order": i})
            self.result.created[kind] += 1


def _decree_values(parsed: Any) -> dict[str, Any]:
    decree = parsed.decree
    basis = decree.legal_basis
    if isinstance(basis, str):
        basis = [line for line in basis.splitlines() if line.strip()]
    return {
        "number": (decree.number or "")[:100],
        "title": decree.title or "",
        "signed_on": decree.signed_on,
        "place": (decree.place or "")[:100],
        "signatory": (decree.signatory or "")[:150],
        "signatory_title": (decree.signatory_title or "")[:300],
        "legal_basis": list(basis or []),
    }


def decree_mismatches(parsed: Any, *, unit: Unit, year: int | None) -> list[str]:
    """Say where the decree's title or signer names another unit, or its plan
    year differs from `year`; the import then needs an explicit confirmation."""
    from sizi.units.models import Unit

    others: dict[str, list[str]] = {}
    for other in Unit.objects.exclude(pk=unit.pk).only("name", "short_name"):
        others[other.name] = [other.name, other.short_name]
    return naming.decree_mismatches(
        parsed.decree,
        unit_name=unit.name,
        unit_names=[unit.name, unit.short_name],
        others=others,
        year=year,
    )


def parse_errors_message(parsed: Any) -> list[str]:
    """Return the parser's errors as lines 'lokasi: pesan'."""
    return [
        f"{e.location}: {e.message}" if e.location else e.message for e in parsed.errors
    ]


@transaction.atomic
def import_plan(
    parsed: Any,
    *,
    unit: Unit,
    year: int,
    by: User | None,
    filename: str,
    sha256: str,
    dry_run: bool = False,
    confirmed: list[str] | None = None,
) -> ImportResult:
    """Create or update the unit's plan for `year` from a parsed decree, in place.

    Rows are matched to stored rows (see `sync`), so PICs, realisations and
    evidence links of unchanged or corrected steps survive. Nothing is written
    when the parse has errors; a dry run computes the result and rolls back.
    `confirmed`: the warnings the person confirmed (another unit or year named
    in the decree), kept in the audit entry.
    """
    if parsed.errors:
        raise ValidationError(parse_errors_message(parsed))
    if not parsed.areas:
        raise ValidationError(
            "Tidak ada area rencana aksi yang terbaca dari berkas ini."
        )
    try:
        with transaction.atomic():
            result = _import(
                parsed,
                unit=unit,
                year=year,
                by=by,
                filename=filename,
                sha256=sha256,
                confirmed=confirmed or [],
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _import(
    parsed: Any,
    *,
    unit: Unit,
    year: int,
    by: User | None,
    filename: str,
    sha256: str,
    confirmed: list[str],
) -> ImportResult:
    plan = ActionPlan.objects.filter(unit=unit, year=year).first()
    created = plan is None
    if plan is None:
        plan = ActionPlan(unit=unit, year=year)
    result = ImportResult(plan=plan, created_plan=created)
    before = {} if created else audit.snapshot(plan, DECREE_FIELDS)
    # A field the file does not carry (e.g. Mengingat in an exported Lampiran)
    # keeps its stored value instead of being wiped.
    values = {
        k: clean_value(v) for k, v in _decree_values(parsed).items() if v or created
    }
    for name, value in values.items():
        setattr(plan, name, value)
    result.decree_changes = (
        {} if created else audit.diff({k: before[k] for k in values}, values)
    )
    plan.source_filename = filename[:255]
    plan.source_sha256 = sha256
    plan.full_clean()
    plan.save()
    _Importer(plan, result).run(list(parsed.areas))
    if result.changed:
        audit.record(
            by,
            "plans.plan_imported",
            plan,
            unit=unit,
            changes=result.decree_changes,
            filename=filename,
            sha256=sha256,
            **result.as_dict(),
            **({"confirmed_warnings": confirmed} if confirmed else {}),
        )
    else:
        audit.record(
            by,
            "plans.plan_import_unchanged",
            plan,
            unit=unit,
            filename=filename,
            sha256=sha256,
        )
    return result
