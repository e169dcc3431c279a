"""Forms of the import pages: the file, then the column mapping."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms

from sizi.core.numbers import NumberField, parse_count
from sizi.surveys.importing.columns import HEADER_ROW_KEY, Column

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas ekspor (CSV atau XLSX)",
        help_text="Dari Google Forms: Respons → ikon lembar kerja → File → Download (CSV atau XLSX).",
    )


def _service_choices(services: Sequence[tuple[int, str]]) -> list[tuple[str, str]]:
    return [("", "— dari kolom jenis layanan —")] + [
        (str(pk), name) for pk, name in services
    ]


class MappingForm(forms.Form):
    """One select per column of the file, the header row and a default layanan."""

    f = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput, max_length=200)
    header_row = NumberField(
        label="Baris judul", integer=True, min_value=1, max_value=20
    )
    default_service = forms.ChoiceField(
        label="Layanan untuk baris tanpa kolom jenis layanan", required=False
    )

    def __init__(
        self,
        *args: Any,
        columns: Sequence[Column],
        choices: Sequence[tuple[str, str]],
        services: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        service_field = self.fields["default_service"]
        if isinstance(service_field, forms.ChoiceField):
            service_field.choices = _service_choices(services)
        self.column_names = []
        for column in columns:
            name = f"col_{column.letter}"
            header = column.header[:80] or "(tanpa judul)"
            self.fields[name] = forms.ChoiceField(
                label=f"Kolom {column.letter}: {header}",
                choices=list(choices),
                required=False,
                initial=column.target,
            )
            self.column_names.append((column.letter, name))

    def clean_f(self) -> str:
        value: str = self.cleaned_data["f"]
        if not SHA256.match(value):
            raise forms.ValidationError("Berkas unggahan tidak dikenal; unggah lagi.")
        return value

    def mapping(self) -> dict[str, str]:
        """Return the overrides for `prepare_import` (every column, and the header row)."""
        data = self.cleaned_data
        overrides = {letter: data.get(name) or "" for letter, name in self.column_names}
        overrides[HEADER_ROW_KEY] = str(data["header_row"])
        return overrides

    def default_service_id(self) -> int | None:
        return parse_count(self.cleaned_data.get("default_service"), where="Layanan")
