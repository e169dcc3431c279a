"""Typed reading of YAML values with error messages naming the file and the item."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sizi.lke.instrument.spec import WEIGHT_TOLERANCE, InstrumentError


class Reader:
    """Read values of one instrument file; failures name the file and the item."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> InstrumentError:
        return InstrumentError(f"{self.source}: {where}: {message}")

    def dec(self, value: Any, where: str, name: str = "bobot") -> Decimal:
        if isinstance(value, bool) or value is None:
            raise self.fail(where, f"{name} harus berupa angka, bukan {value!r}.")
        try:
            d = Decimal(str(value))
        except InvalidOperation as exc:
            raise self.fail(
                where, f"{name} harus berupa angka, bukan {value!r}."
            ) from exc
        if not d.is_finite() or d < 0:
            raise self.fail(
                where, f"{name} harus angka tidak negatif, bukan {value!r}."
            )
        return d

    def text(
        self, data: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(where, f"kolom '{key}' wajib diisi.")
            return ""
        return str(value).strip()

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "harus berupa mapping (kunci: nilai).")
        return value

    def seq(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "harus berupa daftar.")
        return value

    def check_sum(
        self, total: Decimal, expected: Decimal, where: str, what: str
    ) -> None:
        if abs(total - expected) > WEIGHT_TOLERANCE:
            raise self.fail(
                where, f"jumlah bobot {what} = {total}, seharusnya {expected}."
            )
