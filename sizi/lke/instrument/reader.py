"""Typed reading of YAML values with error messages naming the file and the item."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sizi.core.numbers import NumberError, parse_count, parse_number
from sizi.lke.instrument.spec import WEIGHT_TOLERANCE, InstrumentError


class Reader:
    """Read values of one instrument file; failures name the file and the item."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> InstrumentError:
        return InstrumentError(f"{self.source}: {where}: {message}")

    def dec(self, value: Any, where: str, name: str = "bobot") -> Decimal:
        not_a_number = self.fail(where, f"{name} harus berupa angka, bukan {value!r}.")
        if isinstance(value, bool):
            raise not_a_number
        try:
            d = parse_number(value)
        except NumberError as exc:
            raise not_a_number from exc
        if d is None:
            raise not_a_number
        if d < 0:
            raise self.fail(
                where, f"{name} harus angka tidak negatif, bukan {value!r}."
            )
        return d

    def count(self, value: Any, where: str, name: str) -> int:
        """Return a whole number of 0 or more read through the bounded parser."""
        try:
            number = parse_count(value, max_value=10**6)
        except NumberError as exc:
            raise self.fail(
                where, f"{name} harus bilangan bulat 0 atau lebih, bukan {value!r}."
            ) from exc
        if number is None:
            raise self.fail(where, f"{name} harus berupa angka, bukan {value!r}.")
        return number

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
