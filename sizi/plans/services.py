"""Writes to action plans. Every change goes through here and lands in the audit log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sizi.core import audit
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    Component,
    ExpectedEvidence,
    FollowUp,
    Indicator,
    Realisation,
    ReviewMeeting,
)
from sizi.plans.sync import match_rows

if TYPE_CHECKING:
    from sizi.units.models import Unit, User

DECREE_FIELDS = [
    "number",
    "title",
    "signed_on",
    "place",
    "signatory",
    "signatory_title",
    "legal_basis",
]
TARGET_FIELDS = [
    "target_raw",
    "target_kind",
    "target_start",
    "target_end",
    "target_recurrence",
    "target_periods",
    "target_needs_review",
    "target_note",
    "retroactive",
]
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


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {
            name: _plain(getattr(value, name)) for name in value.__dataclass_fields__
        }
    return value


def target_fields(target: Any, signed_on: date | None) -> dict[str, Any]:
    """Return Indicator target_* fields from a parsed TargetTime."""
    if target is None:
        return {"target_raw": "", "target_needs_review": True}
    retro = bool(signed_on and target.end and target.is_retroactive(signed_on))
    return {
        "target_raw": (target.raw or "")[:300],
        "target_kind": str(_plain(target.kind) or "")[:30],
        "target_start": target.start,
        "target_end": target.end,
        "target_recurrence": str(_plain(target.recurrence) or "")[:30],
        "target_periods": _plain(list(target.periods or [])),
        "target_needs_review": bool(target.needs_review),
        "target_note": (target.note or "")[:300],
        "retroactive": retro,
    }


def _apply(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set `values` on `obj`; save and return True only if something changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save(update_fields=changed)
    return True


def _create(model: type[models.Model], values: dict[str, Any]) -> Any:
    obj = model(**values)
    obj.full_clean()
    obj.save()
    return obj


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
            "lke_area": str(_plain(new.lke_area)),
            "order": index,
        }
        with _at(f"Area {new.numeral}"):
            if area is None:
                area = _create(Area, {"plan": self.plan, **values})
                self.result.created["area"] += 1
            elif _apply(area, values):
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
                comp = _create(Component, {"area": area, **values})
                self.result.created["component"] += 1
            elif _apply(comp, {"area_id": area.pk, **values}):
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
        location = str(getattr(new, "location", "") or "")[:100]
        values = {
            "text": new.text,
            "order": index,
            **target_fields(new.target, self.plan.signed_on),
        }
        with _at(location or f"indikator {new.text[:60]}"):
            if ind is None:
                values["source_location"] = location
                ind = _create(Indicator, {"component": comp, **values})
                self.result.created["indicator"] += 1
            elif _apply(ind, {"component_id": comp.pk, **values}):
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
            if _apply(old, {"indicator_id": ind.pk, "text": text, "order": i}):
                self.result.updated[kind] += 1
        for text, i in m.added:
            _create(model, {"indicator": ind, "text": text, "order": i})
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
) -> ImportResult:
    """Create or update the unit's plan for `year` from a parsed decree, in place.

    Rows are matched to stored rows (see `sync`), so PICs, realisations and
    evidence links of unchanged or corrected steps survive. Nothing is written
    when the parse has errors; a dry run computes the result and rolls back.
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
                parsed, unit=unit, year=year, by=by, filename=filename, sha256=sha256
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _import(
    parsed: Any, *, unit: Unit, year: int, by: User | None, filename: str, sha256: str
) -> ImportResult:
    plan = ActionPlan.objects.filter(unit=unit, year=year).first()
    created = plan is None
    if plan is None:
        plan = ActionPlan(unit=unit, year=year)
    result = ImportResult(plan=plan, created_plan=created)
    before = {} if created else audit.snapshot(plan, DECREE_FIELDS)
    # A field the file does not carry (e.g. Mengingat in an exported Lampiran)
    # keeps its stored value instead of being wiped.
    values = {k: v for k, v in _decree_values(parsed).items() if v or created}
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


# --- Steps -------------------------------------------------------------------


def _unit_of(step: ActionStep) -> Unit:
    return step.indicator.component.area.plan.unit


@transaction.atomic
def assign_owners(step: ActionStep, owners: Iterable[User], *, by: User) -> None:
    """Set the PICs of a step (users of the step's unit)."""
    new = sorted({u.pk: u for u in owners}.values(), key=lambda u: u.pk)
    before = sorted(step.owners.values_list("username", flat=True))
    step.owners.set(new)
    after = sorted(u.username for u in new)
    if before != after:
        audit.record(
            by,
            "plans.step_owners_set",
            step,
            unit=_unit_of(step),
            changes={"owners": [before, after]},
        )


@transaction.atomic
def update_step(
    step: ActionStep,
    *,
    by: User,
    status: str | None = None,
    progress: int | None = None,
) -> None:
    """Change a step's status and/or progress, keeping the two consistent.

    Selesai means 100%; a progress of 100 means selesai; any progress above 0
    on a step not started makes it berjalan.
    """
    before = audit.snapshot(step, ["status", "progress"])
    if status is not None:
        if status not in ActionStep.Status.values:
            raise ValidationError({"status": "Status tidak dikenal."})
        step.status = status
        if status == ActionStep.Status.DONE:
            step.progress = 100
        elif status == ActionStep.Status.NOT_STARTED and progress is None:
            step.progress = 0
        elif step.progress == 100 and progress is None:
            step.progress = 90
    if progress is not None:
        step.progress = progress
        if progress == 100:
            step.status = ActionStep.Status.DONE
        elif (
            progress > 0
            and step.status == ActionStep.Status.NOT_STARTED
            or progress < 100
            and step.status == ActionStep.Status.DONE
            and status is None
        ):
            step.status = ActionStep.Status.IN_PROGRESS
    changes = audit.diff(before, audit.snapshot(step, ["status", "progress"]))
    if not changes:
        return
    step.full_clean()
    step.save(update_fields=["status", "progress", "updated_at"])
    audit.record(by, "plans.step_updated", step, unit=_unit_of(step), changes=changes)


@transaction.atomic
def add_realisation(
    step: ActionStep,
    *,
    by: User,
    description: str,
    done_on: date,
    note: str = "",
    mark_done: bool = False,
) -> Realisation:
    """Record what was done for a step; optionally mark the step selesai."""
    realisation: Realisation = _create(
        Realisation,
        {
            "step": step,
            "description": description,
            "done_on": done_on,
            "note": note,
            "by": by,
        },
    )
    audit.record(
        by,
        "plans.realisation_added",
        step,
        unit=_unit_of(step),
        description=description,
        done_on=done_on,
        note=note,
    )
    if mark_done:
        update_step(step, by=by, status=ActionStep.Status.DONE)
    elif step.status == ActionStep.Status.NOT_STARTED:
        update_step(step, by=by, status=ActionStep.Status.IN_PROGRESS)
    return realisation


# --- Editing the plan (coordinator) -------------------------------------------


@transaction.atomic
def edit_step_text(step: ActionStep, *, by: User, text: str) -> None:
    """Change the wording of a step."""
    before = audit.snapshot(step, ["text"])
    if _apply(step, {"text": text}):
        audit.record(
            by,
            "plans.step_edited",
            step,
            unit=_unit_of(step),
            changes=audit.diff(before, {"text": text}),
        )


@transaction.atomic
def add_step(indicator: Indicator, *, by: User, text: str) -> ActionStep:
    """Append a step to an indicator."""
    order = indicator.steps.count()
    step: ActionStep = _create(
        ActionStep, {"indicator": indicator, "text": text, "order": order}
    )
    audit.record(
        by, "plans.step_added", step, unit=indicator.component.area.plan.unit, text=text
    )
    return step


@transaction.atomic
def remove_step(step: ActionStep, *, by: User) -> None:
    """Delete a step with its realisations."""
    unit = _unit_of(step)
    audit.record(by, "plans.step_removed", step, unit=unit, text=step.text)
    step.delete()


@transaction.atomic
def edit_indicator(
    indicator: Indicator, *, by: User, text: str, target: Any, evidence: list[str]
) -> None:
    """Change an indicator's wording, target time (parsed) and expected evidence."""
    fields = ["text", *TARGET_FIELDS]
    before = audit.snapshot(indicator, fields)
    plan = indicator.component.area.plan
    _apply(indicator, {"text": text, **target_fields(target, plan.signed_on)})
    changes = audit.diff(before, audit.snapshot(indicator, fields))
    stored = list(indicator.expected_evidence.all())
    old_texts = [e.text for e in stored]
    if old_texts != evidence:
        m = match_rows(
            stored,
            evidence,
            stored_key=lambda e: e.text,
            incoming_key=lambda t: t,
            stored_position=lambda e: e.order,
        )
        for row in m.removed:
            row.delete()
        for old, new, i in m.pairs:
            _apply(old, {"text": new, "order": i})
        for new, i in m.added:
            _create(ExpectedEvidence, {"indicator": indicator, "text": new, "order": i})
        changes["evidence"] = [old_texts, evidence]
    if changes:
        audit.record(
            by, "plans.indicator_edited", indicator, unit=plan.unit, changes=changes
        )


# --- Monev ---------------------------------------------------------------------


@transaction.atomic
def record_meeting(
    plan: ActionPlan,
    *,
    by: User,
    held_on: date,
    title: str,
    attendees: str = "",
    minutes: str = "",
    decisions: str = "",
) -> ReviewMeeting:
    """Record a monev meeting of a plan."""
    meeting: ReviewMeeting = _create(
        ReviewMeeting,
        {
            "plan": plan,
            "held_on": held_on,
            "title": title,
            "attendees": attendees,
            "minutes": minutes,
            "decisions": decisions,
            "recorded_by": by,
        },
    )
    audit.record(by, "plans.meeting_recorded", meeting, unit=plan.unit, held_on=held_on)
    return meeting


@transaction.atomic
def add_follow_up(
    meeting: ReviewMeeting,
    *,
    by: User,
    text: str,
    owner: User | None,
    due_on: date | None,
    steps: Iterable[ActionStep] = (),
) -> FollowUp:
    """Add a follow-up to a meeting, linked to the steps it concerns."""
    plan_step_ids = set(
        ActionStep.objects.for_plan(meeting.plan).values_list("pk", flat=True)
    )
    linked = list(steps)
    if any(s.pk not in plan_step_ids for s in linked):
        raise ValidationError(
            {"steps": "Langkah aksi harus dari rencana aksi yang sama."}
        )
    follow_up: FollowUp = _create(
        FollowUp, {"meeting": meeting, "text": text, "owner": owner, "due_on": due_on}
    )
    follow_up.steps.set(linked)
    audit.record(
        by,
        "plans.follow_up_added",
        follow_up,
        unit=meeting.plan.unit,
        text=text,
        owner=owner,
        due_on=due_on,
        steps=[s.pk for s in linked],
    )
    return follow_up


@transaction.atomic
def set_follow_up_done(follow_up: FollowUp, *, by: User, done: bool) -> None:
    """Mark a follow-up done or reopen it."""
    if follow_up.done == done:
        return
    follow_up.done = done
    follow_up.save(update_fields=["done", "updated_at"])
    audit.record(
        by,
        "plans.follow_up_done" if done else "plans.follow_up_reopened",
        follow_up,
        unit=follow_up.meeting.plan.unit,
    )


@transaction.atomic
def update_decree(plan: ActionPlan, *, by: User, **values: Any) -> None:
    """Correct the decree fields of a plan (number, title, date, place, signatory)."""
    fields = [name for name in DECREE_FIELDS if name in values]
    before = audit.snapshot(plan, fields)
    if _apply(plan, {name: values[name] for name in fields}):
        audit.record(
            by,
            "plans.decree_updated",
            plan,
            unit=plan.unit,
            changes=audit.diff(before, audit.snapshot(plan, fields)),
        )
