"""The one bounded number parser: every number a person or a file gives SIZI.

``Decimal(str(raw))`` accepts ``1e600000``, and ``int()`` of such a value builds
the whole integer, which freezes a worker for seconds or minutes. Every form,
importer and API input that takes a number goes through :func:`parse_number`
instead: it reads plain and Indonesian notation, refuses exponents, NaN,
Infinity and more digits than a field can hold, and says in Indonesian what
was wrong and where (the ``where`` names the field or the cell).

Notation read (white space, including non-breaking and thin spaces, is
ignored; a leading ``+`` or ``-`` is allowed):

- ``1234``, ``1234,5`` and ``1234.5``: one comma or one point is the decimal
  separator (Indonesian writes a comma, spreadsheets and English a point);
- ``1.234.567`` or ``1,234,567``: a separator that repeats groups thousands;
- ``1.234,5`` or ``1,234.5``: both separators, the last one is the decimal;
- ``1.234`` for a whole-number field: the point groups thousands (a person
  writing a count in Indonesian means one thousand two hundred thirty-four).

Groups of thousands must have three digits each. ``-0`` is read as ``0``.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

#: The most significant digits any SIZI number holds (money in rupiah, counts).
MAX_DIGITS = 18
#: The longest text read as a number before it is refused without parsing.
MAX_LENGTH = 40

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f']+")
_SHAPE = re.compile(r"[+-]?[0-9.,]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


class NumberError(ValidationError):
    """A value that is not a number SIZI accepts, with an Indonesian message."""


def _fail(where: str, raw: object, reason: str) -> NumberError:
    shown = str(raw)
    if len(shown) > MAX_LENGTH:
        shown = shown[:MAX_LENGTH] + "…"
    prefix = f"{where}: " if where else ""
    return NumberError(f"{prefix}'{shown}' {reason}.", code="invalid_number")


def _from_text(text: str, *, where: str, raw: object, integer: bool) -> Decimal:
    if len(text) > MAX_LENGTH:
        raise _fail(
            where,
            raw,
            f"terlalu panjang untuk sebuah angka (paling banyak {MAX_LENGTH} karakter)",
        )
    compact = _SPACES.sub("", text)
    if not _SHAPE.fullmatch(compact):
        if re.search(r"[eE]", compact) and re.search(r"[0-9]", compact):
            reason = "bukan angka yang sah: tulis angka tanpa notasi eksponen (e)"
        else:
            reason = "bukan angka yang sah"
        raise _fail(where, raw, reason)
    sign = ""
    if compact[0] in "+-":
        sign, compact = ("-" if compact[0] == "-" else ""), compact[1:]
    if not any(c.isdigit() for c in compact):
        raise _fail(where, raw, "bukan angka yang sah")
    body = _normalise_separators(compact, integer=integer)
    if body is None:
        raise _fail(
            where,
            raw,
            "bukan angka yang sah: pemisah ribuan atau desimal tidak beraturan",
        )
    try:
        return Decimal(sign + body)
    except InvalidOperation:
        raise _fail(where, raw, "bukan angka yang sah") from None


def _normalise_separators(text: str, *, integer: bool) -> str | None:
    """Return the number with '.' as the only (decimal) separator, or None."""
    points, commas = text.count("."), text.count(",")
    if points and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, fraction = text.rpartition(decimal_mark)
        if not fraction.isdigit() or not _GROUPED.fullmatch(whole):
            return None
        return whole.replace(group_mark, "") + "." + fraction
    if not points and not commas:
        return text
    mark = "." if points else ","
    if points + commas > 1:
        return text.replace(mark, "") if _GROUPED.fullmatch(text) else None
    whole, _, fraction = text.partition(mark)
    if not fraction.isdigit() or (whole and not whole.isdigit()):
        return None
    if integer and mark == "." and len(fraction) == 3 and 0 < len(whole) <= 3:
        return whole + fraction
    return (whole or "0") + "." + fraction


def _from_python_number(
    value: int | float | Decimal, *, where: str, max_digits: int
) -> Decimal:
    if isinstance(value, int):
        # 10**d < 2**(4*d): refuse a huge integer before building its digits.
        if value.bit_length() > 4 * max_digits:
            raise _fail(
                where,
                "(angka sangat besar)",
                f"terlalu besar (paling banyak {max_digits} digit)",
            )
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _fail(where, value, "bukan angka yang sah")
        # repr() gives the shortest text that reads back as the same float.
        return Decimal(repr(value))
    if not value.is_finite():
        raise _fail(where, value, "bukan angka yang sah")
    return value


def _check_size(
    number: Decimal, *, where: str, raw: object, max_digits: int
) -> Decimal:
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):
        raise _fail(where, raw, "bukan angka yang sah")
    whole_digits = max(len(digits) + exponent, 1)
    if whole_digits > max_digits or exponent < -max_digits:
        raise _fail(
            where,
            raw,
            f"terlalu besar atau terlalu panjang (paling banyak {max_digits} digit)",
        )
    if number == 0:
        return Decimal(0).quantize(number) if exponent < 0 else Decimal(0)
    return number


def parse_number(
    raw: Any,
    *,
    where: str = "",
    integer: bool = False,
    decimal_places: int | None = None,
    min_value: Decimal | int | None = None,
    max_value: Decimal | int | None = None,
    max_digits: int = MAX_DIGITS,
) -> Decimal | None:
    """Return ``raw`` as a bounded Decimal; None for an empty value.

    ``raw`` may be text (as typed or printed in a cell) or a Python number (as
    openpyxl reads a cell). ``where`` names the field or cell in the message.
    Raise :class:`NumberError` for anything else, for an exponent, NaN or
    Infinity, for more than ``max_digits`` digits, for a fraction where
    ``integer`` is asked, for more than ``decimal_places`` decimals and for a
    value outside ``min_value``..``max_value``.
    """
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            raise _fail(where, raw, "bukan angka yang sah")
        return None
    if isinstance(raw, int | float | Decimal):
        number = _from_python_number(raw, where=where, max_digits=max_digits)
    else:
        text = str(raw).strip()
        if not text:
            return None
        number = _from_text(text, where=where, raw=raw, integer=integer)
    number = _check_size(number, where=where, raw=raw, max_digits=max_digits)
    if integer and number != number.to_integral_value():
        raise _fail(where, raw, "harus bilangan bulat")
    if integer:
        number = number.quantize(Decimal(1))
    exponent = number.as_tuple().exponent
    if (
        decimal_places is not None
        and isinstance(exponent, int)
        and -exponent > decimal_places
    ):
        rounded = number.quantize(Decimal(1).scaleb(-decimal_places))
        if rounded != number:
            raise _fail(
                where, raw, f"paling banyak {decimal_places} angka di belakang koma"
            )
        number = rounded
    if min_value is not None and number < Decimal(min_value):
        raise _fail(where, raw, f"tidak boleh kurang dari {_plain(min_value)}")
    if max_value is not None and number > Decimal(max_value):
        raise _fail(where, raw, f"tidak boleh lebih dari {_plain(max_value)}")
    return number


def parse_count(
    raw: Any, *, where: str = "", max_value: int | None = None
) -> int | None:
    """Return a whole number of 0 or more (a count of people, documents…)."""
    number = parse_number(
        raw, where=where, integer=True, min_value=0, max_value=max_value
    )
    return None if number is None else int(number)


def _plain(value: Decimal | int) -> str:
    return format(Decimal(value), "f").replace(".", ",")


class NumberField(forms.Field):
    """A form field that reads its value through :func:`parse_number`.

    Use it instead of ``DecimalField``, ``IntegerField`` and ``FloatField`` for
    numbers a person types: it takes Indonesian notation and cannot be made to
    build a huge number. ``cleaned_data`` holds a Decimal (or an int with
    ``integer=True``), or None when the field is empty and not required.
    """

    widget = forms.TextInput

    def __init__(
        self,
        *,
        integer: bool = False,
        decimal_places: int | None = None,
        min_value: Decimal | int | None = None,
        max_value: Decimal | int | None = None,
        max_digits: int = MAX_DIGITS,
        **kwargs: Any,
    ) -> None:
        # widget_attrs() reads these during Field.__init__.
        self.integer = integer
        self.decimal_places = decimal_places
        self.min_value = min_value
        self.max_value = max_value
        self.max_digits = max_digits
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "numeric" if self.integer else "decimal"
        attrs["maxlength"] = str(MAX_LENGTH)
        return attrs

    def to_python(self, value: Any) -> Decimal | int | None:
        if value in self.empty_values:
            return None
        number = parse_number(
            value,
            where=str(self.label or ""),
            integer=self.integer,
            decimal_places=self.decimal_places,
            min_value=self.min_value,
            max_value=self.max_value,
            max_digits=self.max_digits,
        )
        if number is None:
            return None
        return int(number) if self.integer else number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", ",")
        return value


#: The largest primary key a database row can have (a 64-bit BigAutoField).
MAX_ID = 2**63 - 1


if TYPE_CHECKING:
    _ModelsBase = forms.ModelMultipleChoiceField[Any]
else:
    _ModelsBase = forms.ModelMultipleChoiceField


class BoundedModelMultipleChoiceField(_ModelsBase):
    """A ModelMultipleChoiceField that refuses ids no row can have before querying.

    Django turns the chosen values into ``pk__in=[…]``; a value past 64 bits
    then makes the database driver raise (a server error) instead of the form
    saying the choice is invalid.
    """

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk).strip()
            if not text.isdigit() or len(text) > 19 or int(text) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:MAX_LENGTH]},
                )
        return super()._check_values(value)  # type: ignore[misc]


def year_or(raw: Any, *, low: int, high: int, default: int) -> int:
    """Return ``raw`` read as a year between ``low`` and ``high``, else ``default``.

    For a year chosen in a page's query string or a select box: anything else
    (text, a huge number, a year out of range) quietly shows the default year.
    """
    try:
        year = parse_count(raw, max_value=high)
    except NumberError:
        return default
    return year if year is not None and year >= low else default
