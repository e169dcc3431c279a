"""Path parameters shared by the routers, bounded as ``sizi.core.numbers`` bounds input."""

from __future__ import annotations

from ninja.params import functions as param

from sizi.api.schemas import MAX_ID, ErrorOut, FieldErrorOut

CODE = param.Path(
    ...,
    pattern=r"^[-a-zA-Z0-9_]+$",
    max_length=60,
    description="Kode unit",
    example="kpu-tanjabbar",
)
YEAR = param.Path(..., ge=2000, le=2100, description="Tahun", example=2026)
ID = param.Path(..., ge=1, le=MAX_ID, description="Nomor data (id)")

#: The errors every unit-scoped endpoint may answer.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: FieldErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 403: ErrorOut}
