"""Import a parsed decree into a unit's plan, in place and in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.formats import date_format

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
KIND_LABELS = {
    "area": "Area",
    "component": "Komponen",
    "indicator": "Indikator",
    "step": "Langkah aksi",
    "evidence": "Bukti fisik",
}
ADDED, CHANGED, REMOVED = "ditambahkan", "diubah", "dihapus"


@dataclass(frozen=True)
class RowChange:
    """One row of the re-import diff: what is added, changed (old → new) or removed."""

    kind: str  # a KIND_LABELS value, or "Data SK"
    change: str  # ADDED, CHANGED or REMOVED
    before: str
    after: str

    def as_entry(self) -> dict[str, Any]:
        """The row as an item of the import's audit entry (its drill-down)."""
        action = {ADDED: "plans.row_added", CHANGED: "plans.row_changed"}.get(
            self.change, "plans.row_removed"
        )
        if self.change == CHANGED:
            changes: dict[str, Any] = {"text": [self.before, self.after]}
        else:
            changes = {"text": self.after or self.before}
        return {"action": action, "target": self.kind, "changes": changes}


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
    rows: list[RowChange] = field(default_factory=list)  # not kept for a new plan

    @property
    def kind_labels(self) -> dict[str, str]:
        return KIND_LABELS

    def note(self, kind: str, change: str, before: str = "", after: str = "") -> None:
        if not self.created_plan:
            self.rows.append(
                RowChange(KIND_LABELS.get(kind, kind), change, before, after)
            )

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
            text = describe(row)
            self.result.removed_rows.append(f"{KIND_LABELS[kind]} {text}")
            self.result.note(kind, REMOVED, before=text)
            row.delete()

    def _update(self, kind: str, row: Any, values: dict[str, Any], text: Any) -> None:
        """Apply `values` to a stored row; count and note it when it changed."""
        before = text(row)
        if apply_values(row, values):
            self.result.updated[kind] += 1
            after = text(row)
            if after == before:
                after = f"{before} (urutan atau letaknya berubah)"
            self.result.note(kind, CHANGED, before, after)

    def _create(self, kind: str, model: Any, values: dict[str, Any], text: Any) -> Any:
        row = create_valid(model, values)
        self.result.created[kind] += 1
        self.result.note(kind, ADDED, after=text(row))
        return row

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
        self._remove("area", m.removed, _area_text)
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
                area = self._create(
                    "area", Area, {"plan": self.plan, **values}, _area_text
                )
            else:
                self._update("area", area, values, _area_text)
        m = match_rows(
            self.components.get(area.pk, []),
            new.components,
            stored_key=lambda c: c.name,
            incoming_key=lambda c: c.name,
            stored_position=lambda c: c.order,
        )
        self._remove("component", m.removed, _component_text)
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
                comp = self._create(
                    "component", Component, {"area": area, **values}, _component_text
                )
            else:
                self._update(
                    "component", comp, {"area_id": area.pk, **values}, _component_text
                )
        m = match_rows(
            self.indicators.get(comp.pk, []),
            new.indicators,
            stored_key=lambda i: i.text,
            incoming_key=lambda i: i.text,
            stored_position=lambda i: i.order,
        )
        self._remove("indicator", m.removed, lambda i: i.text[:80])
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
                ind = self._create(
                    "indicator",
                    Indicator,
                    {"component": comp, **values},
                    _indicator_text,
                )
            else:
                self._update(
                    "indicator",
                    ind,
                    {"component_id": comp.pk, **values},
                    _indicator_text,
                )
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

        def describe(row: Any) -> str:
            lost = getattr(row, "n_real", 0)
            suffix = f" (beserta {lost} realisasi)" if lost else ""
            return f"{row.text[:80]}{suffix}"

        def shown(row: Any) -> str:
            return str(row.text)

        self._remove(kind, m.removed, describe)
        for old, text, i in m.pairs:
            self._update(
                kind, old, {"indicator_id": ind.pk, "text": text, "order": i}, shown
            )
        for text, i in m.added:
            self._create(
                kind, model, {"indicator": ind, "text": text, "order": i}, shown
            )


def _area_text(area: Area) -> str:
    return f"{area.numeral} {area.title}"


def _component_text(comp: Component) -> str:
    return f"{comp.number} {comp.name}".strip()


def _indicator_text(ind: Indicator) -> str:
    target = f" (target: {ind.target_raw})" if ind.target_raw else ""
    return f"{ind.text}{target}"


def _decree_rows(changes: dict[str, Any]) -> list[RowChange]:
    """The decree's changed fields as diff rows, by their Indonesian names."""
    rows = []
    for name, (old, new) in changes.items():
        field = next(f for f in ActionPlan._meta.concrete_fields if f.name == name)
        label = str(field.verbose_name)
        rows.append(
            RowChange(
                "Data SK", CHANGED, f"{label}: {_plain(old)}", f"{label}: {_plain(new)}"
            )
        )
    return rows


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "—"
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if value in (None, ""):
        return "—"
    try:
        return date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


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
    result.rows.extend(_decree_rows(result.decree_changes))
    if created:
        plan.source_filename, plan.source_sha256 = filename[:255], sha256
    if created or result.decree_changes:
        plan.full_clean()
        plan.save()
    _Importer(plan, result).run(list(parsed.areas))
    if not result.changed:
        # The same plan again (even under another file name): nothing is written.
        return result
    if not created:
        plan.source_filename, plan.source_sha256 = filename[:255], sha256
        plan.save(update_fields=["source_filename", "source_sha256", "updated_at"])
    audit.record(
        by,
        "plans.plan_imported",
        plan,
        unit=unit,
        changes=result.decree_changes,
        filename=filename,
        sha256=sha256,
        **result.as_dict(),
        entries=[row.as_entry() for row in result.rows],
        **({"confirmed_warnings": confirmed} if confirmed else {}),
    )
    return result
