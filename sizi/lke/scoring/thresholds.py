"""Eligibility for Menuju WBK / WBBM: every threshold with its gap."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from sizi.lke.instrument import (
    InstrumentSpec,
    ThresholdSpec,
)
from sizi.lke.scoring.results import (
    HUNDRED,
    ONE,
    ZERO,
    Check,
    Eligibility,
    Failure,
    Score,
    format_id,
)

# --------------------------------------------------------------------------- eligibility


def _hasil_name(spec: InstrumentSpec, code: str) -> str:
    for group in spec.hasil_groups:
        if group.code == code:
            return group.name
        for item in group.items:
            if item.code == code:
                return item.name
    return code


def _threshold_checks(
    result: Score, spec: InstrumentSpec, t: ThresholdSpec
) -> list[Check]:
    digits = spec.rules.rounding_digits
    r = result.rounded
    checks: list[Check] = []

    def add(
        predicate: str, name: str, condition: str, actual: Decimal, required: Decimal
    ) -> None:
        shown = r(actual)
        checks.append(
            Check(
                level=t.code,
                level_label=t.label,
                predicate=predicate,
                condition=condition,
                actual=shown,
                required=required,
                passed=shown >= required,
                message=f"{name} {format_id(shown, digits)} dari minimal {format_id(required, digits)}",
            )
        )

    add(
        "total",
        "Nilai total",
        f"Nilai total (pengungkit + hasil) ≥ {format_id(t.total, digits)}",
        result.total,
        t.total,
    )
    add(
        "pengungkit",
        "Nilai pengungkit",
        f"Nilai pengungkit ≥ {format_id(t.pengungkit, digits)}",
        result.pengungkit,
        t.pengungkit,
    )
    share = t.area_min_percent / HUNDRED
    pct = format_id(t.area_min_percent, 0)
    for area in result.areas:
        if spec.rules.area_minimum_basis == "per_part":
            for part in ("pemenuhan", "reform"):
                weight = area.part_weight(part)
                if not weight:
                    continue
                required = r(weight * share)
                label = f"{area.name} ({part.capitalize()})"
                add(
                    f"area:{area.code}:{part}",
                    label,
                    f"{label} ≥ {pct}% dari bobot {format_id(weight, digits)}",
                    area.part_value(part),
                    required,
                )
        else:
            required = r(area.weight * share)
            add(
                f"area:{area.code}",
                area.name,
                f"{area.name} ≥ {pct}% dari bobot {format_id(area.weight, digits)}",
                area.value,
                required,
            )
    for code, minimum in t.hasil:
        name = _hasil_name(spec, code)
        add(
            f"hasil:{code}",
            name,
            f"{name} ≥ {format_id(minimum, digits)}",
            result.hasil_value(code),
            minimum,
        )
    return checks


def eligibility(
    result: Score,
    spec: InstrumentSpec,
    held: Collection[str] | None = None,
) -> Eligibility:
    """Check every threshold of the instrument (Menuju WBK / WBBM) and list the failed conditions.

    ``held`` are the predicates the unit already holds (for WBBM's prerequisite
    "telah mendapatkan predikat Menuju WBK"); None means "not known": the
    prerequisite is then not checked and reported in ``notes``.
    """
    checks: list[Check] = []
    notes: list[str] = []
    passed: dict[str, bool] = {}
    for t in spec.thresholds:
        level_checks = _threshold_checks(result, spec, t)
        if t.prerequisite:
            pre = spec.threshold(t.prerequisite)
            if held is None:
                notes.append(
                    f"Prasyarat {t.label}: telah mendapatkan predikat {pre.label} (tidak diperiksa)."
                )
            else:
                ok = t.prerequisite in held
                level_checks.append(
                    Check(
                        level=t.code,
                        level_label=t.label,
                        predicate="prerequisite",
                        condition=f"Telah mendapatkan predikat {pre.label}",
                        actual=ONE if ok else ZERO,
                        required=ONE,
                        passed=ok,
                        message=f"Belum mendapatkan predikat {pre.label}"
                        if not ok
                        else f"Predikat {pre.label} sudah diperoleh",
                    )
                )
        passed[t.code] = all(c.passed for c in level_checks)
        checks.extend(level_checks)
    failures = tuple(
        Failure(
            c.level,
            c.level_label,
            c.predicate,
            c.condition,
            c.actual,
            c.required,
            c.gap,
            c.message,
        )
        for c in checks
        if not c.passed
    )
    return Eligibility(
        passed=passed, failures=failures, checks=tuple(checks), notes=tuple(notes)
    )
