"""The API's error bodies: one Indonesian sentence in ``detail``, per field if any."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from ninja.errors import HttpError

UNAUTHENTICATED = (
    "Token API tidak ada, tidak dikenal, sudah dicabut atau sudah kedaluwarsa. "
    "Kirim header 'Authorization: Bearer <token>' dengan token dari menu Token API."
)
TOO_MANY = (
    "Terlalu banyak percobaan dengan token yang salah. Tunggu beberapa menit, "
    "lalu coba lagi dengan token yang benar."
)
NOT_FOUND = "Data tidak ditemukan."
FORBIDDEN = "Anda tidak memiliki hak untuk tindakan ini."
INVALID = "Isian tidak valid"
NOT_ALLOWED = "Metode ini tidak tersedia untuk alamat ini."

_STATUS = {
    400: "Permintaan tidak dapat dibaca.",
    405: NOT_ALLOWED,
    413: "Permintaan terlalu besar.",
}

# Pydantic's error types, said in Indonesian; anything else is "tidak sah".
_SCHEMA_MESSAGES = {
    "missing": "wajib diisi",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "greater_than_equal": "tidak boleh kurang dari {ge}",
    "less_than_equal": "tidak boleh lebih dari {le}",
    "string_too_long": "paling banyak {max_length} karakter",
    "string_too_short": "wajib diisi",
    "too_long": "paling banyak {max_length} isian",
    "string_pattern_mismatch": "bentuknya tidak sah",
    "string_type": "harus teks",
    "date_parsing": "harus tanggal dengan bentuk TTTT-BB-HH",
    "date_from_datetime_parsing": "harus tanggal dengan bentuk TTTT-BB-HH",
    "date_type": "harus tanggal dengan bentuk TTTT-BB-HH",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "json_invalid": "JSON tidak sah",
    "model_attributes_type": "harus objek JSON",
    "dict_type": "harus objek JSON",
    "list_type": "harus daftar",
}
# Our own validators say it in Indonesian already ("Value error, <message>").
_OWN_MESSAGE = "value_error"


def message(exc: Exception, default: str) -> str:
    """Return the exception's own Indonesian message, or ``default``.

    ``get_object_or_404`` raises Django's English "No … matches the given
    query."; that one is replaced by ``default``.
    """
    text = str(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else ""
    if "matches the given query" in text:
        return default
    return text or default


def for_status(exc: HttpError) -> str:
    return _STATUS.get(exc.status_code, message(exc, NOT_FOUND))


def from_django(exc: ValidationError) -> dict[str, Any]:
    """Return the body of a refused input from a Django form or service error."""
    if hasattr(exc, "error_dict"):
        fields = {
            str(name): [str(m) for m in ValidationError(items).messages]
            for name, items in exc.error_dict.items()
        }
        return form_errors(fields)
    return {"detail": " ".join(exc.messages) or INVALID + ".", "errors": {}}


def form_errors(
    fields: dict[str, list[str]], labels: dict[str, str] | None = None
) -> dict[str, Any]:
    """Return the body of a refused form: a sentence naming each field and its message."""
    labels = labels or {}
    parts = [
        (f"{labels.get(name, name)}: " if name != "__all__" else "") + " ".join(msgs)
        for name, msgs in fields.items()
    ]
    return {"detail": f"{INVALID}: " + "; ".join(parts) + ".", "errors": fields}


def _location(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    # ninja puts where the value came from first ("body", "query", "path", "form").
    if len(parts) > 1 and parts[0] in {"body", "query", "path", "form", "file"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"payload", "data", "body"}:
        parts = parts[1:]
    return ".".join(parts) or "permintaan"


def from_schema(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the body of input the schema refused (type, bound, pattern, missing)."""
    fields: dict[str, list[str]] = {}
    for item in items:
        kind = str(item.get("type", ""))
        template = _SCHEMA_MESSAGES.get(kind, "tidak sah")
        if kind == _OWN_MESSAGE:
            template = str((item.get("ctx") or {}).get("error", "tidak sah"))
        try:
            text = template.format(**(item.get("ctx") or {}))
        except (KeyError, IndexError):
            text = "tidak sah"
        fields.setdefault(_location(item.get("loc", ())), []).append(text)
    return form_errors(fields)


class Refused(Exception):
    """A form the endpoint fed refused the input; answered with 422."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body["detail"])
        self.body = body


def checked(form: Any) -> dict[str, Any]:
    """Return the form's cleaned data, or raise :class:`Refused` naming each field."""
    if form.is_valid():
        return dict(form.cleaned_data)
    fields = {str(name): [str(m) for m in msgs] for name, msgs in form.errors.items()}
    labels = {name: str(field.label or name) for name, field in form.fields.items()}
    raise Refused(form_errors(fields, labels))
