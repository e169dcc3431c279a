"""Seal and open one report's values with its data key (the Django side of crypto)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from sizi.cases.wbs import crypto, keyring
from sizi.cases.wbs.models import WhistleblowReport


@dataclass(frozen=True)
class ReportContent:
    """What the reporter wrote in the form; sealed as one JSON document."""

    summary: str
    body: str
    when: str = ""
    where: str = ""
    involved: str = ""


@dataclass(frozen=True)
class Identity:
    """Who the reporter is, when they chose to say it; sealed apart from the report."""

    name: str
    contact: str = ""


class Box:
    """The data key of one report, opened for the length of one request."""

    def __init__(self, report: WhistleblowReport, data_key: bytes) -> None:
        self.report = report
        self._key = data_key

    @classmethod
    def new(cls, report: WhistleblowReport) -> Box:
        """Give a new (unsaved) report a fresh data key sealed with the master key."""
        data_key = crypto.new_data_key()
        report.wrapped_key = crypto.wrap_data_key(
            keyring.master_key(), data_key, str(report.ref)
        )
        return cls(report, data_key)

    @classmethod
    def of(cls, report: WhistleblowReport) -> Box:
        """Open the data key of a stored report."""
        data_key = crypto.unwrap_data_key(
            keyring.master_key(), bytes(report.wrapped_key), str(report.ref)
        )
        return cls(report, data_key)

    def _purpose(self, field: str) -> bytes:
        return f"wbs:{self.report.ref}:{field}".encode()

    def seal(self, field: str, data: bytes) -> bytes:
        return crypto.seal(self._key, data, self._purpose(field))

    def open(self, field: str, sealed: bytes | memoryview) -> bytes:
        return crypto.unseal(self._key, bytes(sealed), self._purpose(field))

    def seal_json(self, field: str, value: Any) -> bytes:
        return self.seal(field, json.dumps(value, ensure_ascii=False).encode())

    def open_json(self, field: str, sealed: bytes | memoryview) -> Any:
        return json.loads(self.open(field, sealed))

    def seal_content(self, content: ReportContent) -> bytes:
        return self.seal_json("content", asdict(content))

    def open_content(self) -> ReportContent:
        return ReportContent(**self.open_json("content", self.report.sealed_content))

    def seal_identity(self, identity: Identity) -> bytes:
        return self.seal_json("identity", asdict(identity))

    def open_identity(self) -> Identity | None:
        if self.report.sealed_identity is None:
            return None
        return Identity(**self.open_json("identity", self.report.sealed_identity))
