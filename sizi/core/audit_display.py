"""Audit entries as sentences: Indonesian field labels and formatted values.

The audit log stores what services passed to `sizi.core.audit.record()`: field
names and raw values (`{"status": ["not_started", "done"]}`, ISO dates, ids).
This module turns them into rows a person reads, without the database:

- **labels** name a field ("progress" → "kemajuan");
- **values** spell a stored code (a mapping, or a function of the value);
- **resolvers** turn ids or codes into names, asked once per page for every
  value of that field (the caller's query count stays flat);
- **key_resolvers** name the keys of a dict value (an LKE answer's inputs);
- **lists** are fields whose value is a plain list (never "old → new");
- **hidden** fields are bookkeeping not worth showing;
- **targets** show an entry's object through some of its fields instead of
  the stored text of the object.

Each app fills the registry from its own `audit_fields.py`, found when the
apps are ready (`CoreConfig.ready` → `autodiscover_modules("audit_fields")`),
so core never imports an app. A key is a field name, optionally scoped by an
action or the start of one: ``"plans.step_updated:status"``,
``"integrity.gratification:status"``, ``"lke:layer"``; the most specific wins.

A bulk entry (`audit.batch()`) keeps the entries it folded under ``items``;
they are shown as a drill-down (`EntryRow.details`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from django.utils import timezone
from django.utils.formats import date_format

from sizi.core.audit_labels import ACTION_LABELS, FIELD_LABELS

Resolver = Callable[[set[str]], Mapping[str, str]]
ValueSpelling = Mapping[str, str] | Callable[[Any], str]

ITEMS = "entries"  # the key under which a bulk entry keeps its folded entries
EMPTY = "—"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


@dataclass
class Registry:
    labels: dict[str, str] = field(default_factory=dict)
    values: dict[str, ValueSpelling] = field(default_factory=dict)
    resolvers: dict[str, Resolver] = field(default_factory=dict)
    key_resolvers: dict[str, Resolver] = field(default_factory=dict)
    lists: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)
    targets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)


REGISTRY = Registry(labels=dict(FIELD_LABELS), actions=ACTION_LABELS)


def register(
    *,
    labels: Mapping[str, str] | None = None,
    values: Mapping[str, ValueSpelling] | None = None,
    resolvers: Mapping[str, Resolver] | None = None,
    key_resolvers: Mapping[str, Resolver] | None = None,
    lists: Iterable[str] = (),
    hidden: Iterable[str] = (),
    targets: Mapping[str, tuple[str, ...]] | None = None,
    registry: Registry | None = None,
) -> None:
    """Add an app's field labels, value spellings and resolvers to the registry."""
    reg = registry or REGISTRY
    reg.labels.update(labels or {})
    reg.values.update(values or {})
    reg.resolvers.update(resolvers or {})
    reg.key_resolvers.update(key_resolvers or {})
    reg.lists.update(lists)
    reg.hidden.update(hidden)
    reg.targets.update(targets or {})


def register_model(
    scope: str,
    model: Any,
    *,
    exclude: Iterable[str] = (),
    registry: Registry | None = None,
) -> None:
    """Label a model's fields (verbose names) and spell its choices under `scope`."""
    labels: dict[str, str] = {}
    values: dict[str, ValueSpelling] = {}
    for f in model._meta.concrete_fields:
        if f.name in exclude:
            continue
        key = f"{scope}:{f.name}" if scope else f.name
        labels[key] = str(f.verbose_name)
        if f.choices:
            values[key] = {str(k): str(v) for k, v in f.flatchoices}
    register(labels=labels, values=values, registry=registry)


def scopes(action: str) -> list[str]:
    """Return the scopes of an action, most specific first: the action, each
    start of it cut at a "." or "_", then "" (unscoped).

    "integrity.gratification_forwarded" → itself, "integrity.gratification",
    "integrity", "".
    """
    cuts = [i for i, ch in enumerate(action) if ch in "._"]
    found = [action] if action else []
    found += [action[:i] for i in reversed(cuts)]
    found.append("")
    return found


def _lookup(table: Mapping[str, Any], action: str, name: str) -> tuple[str, Any]:
    """Return (key, entry) of the most specific entry for `name` in `action`."""
    for scope in scopes(action):
        key = f"{scope}:{name}" if scope else name
        if key in table:
            return key, table[key]
    return "", None


class Event(Protocol):
    id: int
    at: datetime
    actor_name: str
    action: str
    target_type: str
    target_repr: str
    changes: Any


@dataclass(frozen=True)
class ChangeRow:
    """One field of an entry: "Kemajuan: 0% → 100%"."""

    label: str
    old: str | None  # None: nothing before to show (a value, not a change)
    new: str


@dataclass(frozen=True)
class DetailRow:
    """One entry folded into a bulk entry."""

    action: str
    target: str
    changes: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class EntryRow:
    """One audit log entry as the log page shows it."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    changes: tuple[ChangeRow, ...]
    details: tuple[DetailRow, ...] = ()


def action_label(code: str, registry: Registry | None = None) -> str:
    """Return the Indonesian label of an action (the code if unknown)."""
    return (registry or REGISTRY).actions.get(code, code)


def field_label(action: str, name: str, registry: Registry | None = None) -> str:
    """Return a field's label, capitalised ("Kemajuan"); an unknown name is spaced."""
    _, label = _lookup((registry or REGISTRY).labels, action, name)
    text = label or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def shorten(text: str, limit: int = 80) -> str:
    """Cut `text` at a word boundary to at most `limit` characters, with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return f"{cut}…"


def _is_diff(reg: Registry, action: str, name: str, value: Any) -> bool:
    if not isinstance(value, list) or len(value) != 2:
        return False
    old, new = value
    if isinstance(old, list | dict) or isinstance(new, list | dict):
        return True
    return not _lookup(dict.fromkeys(reg.lists, True), action, name)[1]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class _Formatter:
    """Formats the entries of one page, resolving names once per field."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.wanted: dict[str, set[str]] = defaultdict(set)
        self.wanted_keys: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, Mapping[str, str]] = {}
        self.key_names: dict[str, Mapping[str, str]] = {}

    # First pass: which ids or codes each resolver is asked for.
    def collect(self, action: str, changes: Any) -> None:
        if not isinstance(changes, dict):
            return
        for name, value in changes.items():
            if name == ITEMS and isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        self.collect(str(item.get("action", "")), item.get("changes"))
                continue
            self._collect_value(action, name, value)

    def _collect_value(self, action: str, name: str, value: Any) -> None:
        key, _ = _lookup(self.reg.resolvers, action, name)
        key_key, _ = _lookup(self.reg.key_resolvers, action, name)
        for atom in _atoms(value):
            if key and not isinstance(atom, dict):
                self.wanted[key].add(str(atom))
            if key_key and isinstance(atom, dict):
                self.wanted_keys[key_key].update(str(k) for k in atom)

    def resolve(self) -> None:
        for key, atoms in self.wanted.items():
            self.names[key] = self.reg.resolvers[key](atoms) if atoms else {}
        for key, atoms in self.wanted_keys.items():
            self.key_names[key] = self.reg.key_resolvers[key](atoms) if atoms else {}

    # Second pass: the rows.
    def rows(
        self, action: str, changes: Any, target_type: str = ""
    ) -> tuple[ChangeRow, ...]:
        if not isinstance(changes, dict):
            return () if _empty(changes) else (ChangeRow("", None, str(changes)),)
        shown_as_target = self.reg.targets.get(target_type, ())
        hidden = dict.fromkeys(self.reg.hidden, 1)
        rows = []
        for name, value in changes.items():
            if (
                name == ITEMS
                or name in shown_as_target
                or _lookup(hidden, action, name)[1]
            ):
                continue
            label = field_label(action, name, self.reg)
            if _is_diff(self.reg, action, name, value):
                old, new = value
                if _empty(old) and _empty(new):
                    continue
                rows.append(
                    ChangeRow(
                        label,
                        None if old is None else self.value(action, name, old),
                        self.value(action, name, new),
                    )
                )
            elif not _empty(value):
                rows.append(ChangeRow(label, None, self.value(action, name, value)))
        return tuple(rows)

    def details(self, changes: Any) -> tuple[DetailRow, ...]:
        items = changes.get(ITEMS) if isinstance(changes, dict) else None
        if not isinstance(items, list):
            return ()
        found = []
        for item in items:
            if not isinstance(item, dict):
                continue
            action = str(item.get("action", ""))
            found.append(
                DetailRow(
                    action=action_label(action, self.reg),
                    target=self.target(
                        action,
                        str(item.get("target_type", "")),
                        str(item.get("target", "")),
                        item.get("changes"),
                    ),
                    changes=self.rows(
                        action, item.get("changes"), str(item.get("target_type", ""))
                    ),
                )
            )
        return tuple(found)

    def target(self, action: str, target_type: str, stored: str, changes: Any) -> str:
        fields = self.reg.targets.get(target_type, ())
        if not fields or not isinstance(changes, dict):
            return stored
        parts = [
            self.value(action, name, changes[name])
            for name in fields
            if not _empty(changes.get(name))
        ]
        return " · ".join(parts) or stored

    def value(self, action: str, name: str, value: Any) -> str:
        _, spelling = _lookup(self.reg.values, action, name)
        if isinstance(value, dict) and callable(spelling):
            return str(spelling(value))
        if isinstance(value, list):
            shown = [self.value(action, name, v) for v in value if not _empty(v)]
            return ", ".join(shown) or EMPTY
        if isinstance(value, dict):
            key, _ = _lookup(self.reg.key_resolvers, action, name)
            names = self.key_names.get(key, {})
            parts = [
                f"{names.get(str(k)) or field_label(action, str(k), self.reg)}: "
                f"{self.value(action, str(k), v)}"
                for k, v in value.items()
            ]
            return "; ".join(parts) or EMPTY
        key, _ = _lookup(self.reg.resolvers, action, name)
        if key and value is not None and str(value) in self.names.get(key, {}):
            return str(self.names[key][str(value)])
        if callable(spelling):
            return str(spelling(value))
        if spelling is not None and str(value) in spelling:
            return str(spelling[str(value)])
        return format_value(value)


def _atoms(value: Any) -> Iterable[Any]:
    if isinstance(value, list):
        for v in value:
            yield from _atoms(v)
    elif value is not None and value != "":
        yield value


def format_value(value: Any) -> str:
    """Spell a stored value in house style: Ya/Tidak, "15 Desember 2025", "14.30", "3,62"."""
    if _empty(value):
        return EMPTY
    if value is True:
        return "Ya"
    if value is False:
        return "Tidak"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y, H.i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, float):
        value = f"{value:g}"
    text = str(value)
    if _DATE.match(text):
        try:
            return date_format(date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    if _DATETIME.match(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_naive(moment):
            return date_format(moment, "j F Y, H.i")
        return date_format(timezone.localtime(moment), "j F Y, H.i")
    if _DECIMAL.match(text):
        return text.replace(".", ",")
    return text


def describe(
    events: Iterable[Event], registry: Registry | None = None
) -> list[EntryRow]:
    """Return the page's entries as rows; each resolver is asked once."""
    events = list(events)
    formatter = _Formatter(registry or REGISTRY)
    for event in events:
        formatter.collect(event.action, event.changes)
    formatter.resolve()
    return [
        EntryRow(
            id=event.id,
            at=event.at,
            actor=event.actor_name,
            action=action_label(event.action, formatter.reg),
            target=formatter.target(
                event.action, event.target_type, event.target_repr, event.changes
            ),
            changes=formatter.rows(event.action, event.changes, event.target_type),
            details=formatter.details(event.changes),
        )
        for event in events
    ]
