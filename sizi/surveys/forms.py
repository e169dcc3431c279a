"""Forms of the survey pages: the only way input reaches the services.

The public questionnaire is built from the instrument (one radio group per
unsur with its four labels, the demographic groups, the unit's layanan and
extra questions); the paper row takes the answers as digits typed in one go.
Numbers a person types go through ``NumberField`` / ``parse_number``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sizi.core.numbers import BoundedModelMultipleChoiceField, NumberField
from sizi.core.public_forms import PublicForm
from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.models import InstrumentCode, ServiceType, UnitQuestion
from sizi.surveys.services import PeriodValues
from sizi.surveys.submission import ResponseInput
from sizi.units.models import User

SUGGESTION_MAX = 2000
POPULATION_MAX = 100_000_000


def question_field(code: str) -> str:
    """Return the form field name of an index question (``q_U1``)."""
    return f"q_{code}"


def extra_field(code: str) -> str:
    """Return the form field name of a unit's extra question (``x_antrian``)."""
    return f"x_{code}"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """Open a survey period: instrument, title, dates, population, layanan."""

    instrument = forms.ChoiceField(label="Instrumen", choices=InstrumentCode.choices)
    title = forms.CharField(
        label="Judul periode",
        max_length=200,
        help_text="Misalnya: SKM Semester I 2026.",
    )
    starts_on = forms.DateField(label="Mulai", widget=DateInput())
    ends_on = forms.DateField(label="Selesai", widget=DateInput())
    population = NumberField(
        label="Populasi penerima layanan (N)",
        integer=True,
        min_value=1,
        max_value=POPULATION_MAX,
        required=False,
        help_text="Jumlah penerima layanan dalam periode; dipakai untuk sampel "
        "minimum Krejcie-Morgan. Kosongkan bila belum diketahui.",
    )
    service_types = BoundedModelMultipleChoiceField(
        label="Layanan yang disurvei",
        queryset=ServiceType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tanpa pilihan: semua layanan aktif unit ini.",
    )

    def __init__(
        self,
        *args: Any,
        services: Sequence[ServiceType],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["service_types"]
        field.queryset = ServiceType.objects.filter(pk__in=[s.pk for s in services])
        if editing:  # the instrument of a period never changes
            del self.fields["instrument"]
        self.service_ids = [s.pk for s in services]
        for service in services:
            self.fields[population_field(service.pk)] = NumberField(
                label=f"Populasi {service.name}",
                integer=True,
                min_value=1,
                max_value=POPULATION_MAX,
                required=False,
                help_text="Bila diisi untuk setiap layanan yang disurvei, sampel "
                "minimum dibagi ke layanan sesuai populasinya.",
            )

    def population_fields(self) -> list[forms.BoundField]:
        return [self[population_field(pk)] for pk in self.service_ids]

    def main_fields(self) -> list[forms.BoundField]:
        names = {population_field(pk) for pk in self.service_ids}
        return [self[name] for name in self.fields if name not in names]

    def values(self) -> PeriodValues:
        data = self.cleaned_data
        chosen = list(data["service_types"])
        return PeriodValues(
            title=data["title"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            population=data["population"],
            service_types=chosen,
            service_populations={
                s.pk: data.get(population_field(s.pk)) for s in chosen
            },
        )


def population_field(service_pk: int) -> str:
    """Return the form field name of one layanan's population (``pop_3``)."""
    return f"pop_{service_pk}"


class ServiceTypeForm(forms.Form):
    name = forms.CharField(label="Nama layanan", max_length=200)


class UnitQuestionForm(forms.Form):
    """An extra question of the unit (never counted in the index)."""

    text = forms.CharField(label="Pertanyaan", max_length=500)
    kind = forms.ChoiceField(label="Jenis jawaban", choices=UnitQuestion.Kind.choices)
    options = forms.CharField(
        label="Pilihan jawaban",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu pilihan per baris (untuk jenis Pilihan).",
    )
    instrument_code = forms.ChoiceField(
        label="Untuk instrumen",
        required=False,
        choices=[("", "Semua instrumen"), *InstrumentCode.choices],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [
            line.strip()
            for line in str(cleaned.get("options") or "").splitlines()
            if line.strip()
        ]
        if cleaned.get("kind") == UnitQuestion.Kind.CHOICE and len(lines) < 2:
            self.add_error(
                "options", "Tulis paling sedikit dua pilihan, satu per baris."
            )
        if len(lines) > 12:
            self.add_error("options", "Paling banyak 12 pilihan.")
        cleaned["options"] = (
            lines if cleaned.get("kind") == UnitQuestion.Kind.CHOICE else []
        )
        return cleaned


def _radio(label: str, choices: list[tuple[str, str]], required: bool) -> forms.Field:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": f"{label}: pilih salah satu jawaban."},
    )


class ResponseForm(PublicForm):
    """The public questionnaire of one period (no JavaScript needed)."""

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        services: Sequence[ServiceType],
        questions: Sequence[UnitQuestion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.service_ids = {s.pk for s in services}
        self.unit_questions = list(questions)
        if services:
            self.fields["layanan"] = _radio(
                "Jenis layanan yang Anda terima",
                [(str(s.pk), s.name) for s in services],
                True,
            )
        for demographic in instrument.demographics:
            self.fields[demographic.code] = _radio(
                demographic.label,
                [(c.code, c.label) for c in demographic.choices],
                demographic.required,
            )
        for question in instrument.questions:
            self.fields[question_field(question.code)] = _radio(
                f"{question.name}",
                [(str(o.value), o.label) for o in question.options],
                True,
            )
            self.fields[question_field(question.code)].help_text = question.text
        for extra in self.unit_questions:
            self.fields[extra_field(extra.code)] = _extra(extra)
        if instrument.suggestion_label:
            self.fields["saran"] = forms.CharField(
                label=instrument.suggestion_label,
                required=False,
                max_length=SUGGESTION_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Opsional. Mohon jangan menulis nama, nomor telepon, "
                "atau data pribadi lain.",
            )
        # The honeypot goes last so that it never sits between a label and a field.
        self.fields["situs_web"] = self.fields.pop("situs_web")

    def demographic_fields(self) -> list[forms.BoundField]:
        names = ["layanan"] if "layanan" in self.fields else []
        names += [d.code for d in self.instrument.demographics]
        return [self[name] for name in names]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[question_field(q.code)] for q in self.instrument.questions]

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[extra_field(q.code)] for q in self.unit_questions]

    def to_input(self) -> ResponseInput:
        """Return the cleaned answers for `services.record_response`."""
        data = self.cleaned_data
        layanan = data.get("layanan")
        return ResponseInput(
            answers={
                q.code: int(data[question_field(q.code)])
                for q in self.instrument.questions
            },
            service_type_id=int(layanan) if layanan else None,
            gender=data.get("gender", "") or "",
            age_group=data.get("age_group", "") or "",
            education=data.get("education", "") or "",
            occupation=data.get("occupation", "") or "",
            suggestion=(data.get("saran") or "").strip(),
            extra_answers={
                q.code: str(data.get(extra_field(q.code)) or "").strip()
                for q in self.unit_questions
                if data.get(extra_field(q.code))
            },
        )


def _extra(question: UnitQuestion) -> forms.Field:
    if question.kind == UnitQuestion.Kind.CHOICE:
        options = [str(o) for o in question.options]
        return _radio(question.text, [(o, o) for o in options], False)
    return forms.CharField(label=question.text, required=False, max_length=300)


class PaperRowForm(forms.Form):
    """One paper questionnaire typed in: layanan, demographics, answers as digits."""

    answers = forms.CharField(
        label="Jawaban",
        max_length=60,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "digits"}
        ),
    )
    saran = forms.CharField(label="Saran", required=False, max_length=SUGGESTION_MAX)

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        services: Sequence[ServiceType],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        codes = "".join(
            str(v) for v in range(instrument.scale_min, instrument.scale_max + 1)
        )
        count = len(instrument.questions)
        answers = self.fields["answers"]
        answers.help_text = (
            f"{count} angka {instrument.scale_min}–{instrument.scale_max} berurutan "
            f"({', '.join(q.code for q in instrument.questions)}), "
            f"misalnya {codes[-2:] * (count // 2)}{codes[-2] * (count % 2)}."
        )
        fields: dict[str, forms.Field] = {}
        if services:
            fields["layanan"] = forms.ChoiceField(
                label="Layanan",
                choices=[("", "—"), *[(str(s.pk), s.name) for s in services]],
            )
        for demographic in instrument.demographics:
            fields[demographic.code] = forms.ChoiceField(
                label=demographic.label,
                required=demographic.required,
                choices=[("", "—"), *[(c.code, c.label) for c in demographic.choices]],
            )
        fields["answers"] = self.fields.pop("answers")
        fields["saran"] = self.fields.pop("saran")
        self.fields.clear()
        self.fields.update(fields)
        # After a saved row the cursor starts the next one here.
        next(iter(self.fields.values())).widget.attrs["autofocus"] = True

    def clean_answers(self) -> dict[str, int]:
        raw = "".join(str(self.cleaned_data["answers"]).split())
        raw = raw.replace(",", "").replace(".", "").replace("-", "")
        questions = self.instrument.questions
        problems: list[str] = []
        if len(raw) != len(questions):
            problems.append(
                f"Tertulis {len(raw)} angka; harus tepat {len(questions)} "
                f"(satu untuk setiap {', '.join(q.code for q in questions)})."
            )
        values: dict[str, int] = {}
        for position, (question, digit) in enumerate(
            zip(questions, raw, strict=False), 1
        ):
            if not digit.isdigit() or not (
                self.instrument.scale_min <= int(digit) <= self.instrument.scale_max
            ):
                problems.append(
                    f"Angka ke-{position} ({question.code} {question.name}): "
                    f"'{digit}' bukan {self.instrument.scale_min}–"
                    f"{self.instrument.scale_max}."
                )
            else:
                values[question.code] = int(digit)
        if problems:
            raise ValidationError(problems)
        return values

    def to_input(self) -> ResponseInput:
        data = self.cleaned_data
        layanan = data.get("layanan")
        return ResponseInput(
            answers=data["answers"],
            service_type_id=int(layanan) if layanan else None,
            gender=data.get("gender", "") or "",
            age_group=data.get("age_group", "") or "",
            education=data.get("education", "") or "",
            occupation=data.get("occupation", "") or "",
            suggestion=(data.get("saran") or "").strip(),
        )


class PeopleField(BoundedModelMultipleChoiceField):
    """Members shown by their full name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class FollowUpForm(forms.Form):
    """A rencana tindak lanjut on one unsur, filed as a step of the Rencana Aksi."""

    question = forms.ChoiceField(label="Unsur yang ditindaklanjuti")
    text = forms.CharField(
        label="Rencana tindak lanjut",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    indicator = forms.ChoiceField(label="Masuk ke indikator Rencana Aksi")
    owners = PeopleField(
        label="PIC",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target_on = forms.DateField(
        label="Target selesai", widget=DateInput(), required=False
    )

    def __init__(
        self,
        *args: Any,
        questions: Sequence[tuple[str, str]],
        indicators: Sequence[tuple[int, str]],
        people: Sequence[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        question: Any = self.fields["question"]
        question.choices = list(questions)
        indicator: Any = self.fields["indicator"]
        indicator.choices = [(str(pk), label) for pk, label in indicators]
        owners: Any = self.fields["owners"]
        owners.queryset = User.objects.filter(pk__in=[p.pk for p in people])


class ArchiveForm(forms.Form):
    """Choose the plan steps the filed Laporan SKM supports."""

    steps = forms.MultipleChoiceField(
        label="Langkah Rencana Aksi yang didukung",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, steps: Sequence[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["steps"]
        field.choices = [(str(pk), label) for pk, label in steps]


class FlagForm(forms.Form):
    """Why a response is flagged (empty: a default reason is written)."""

    reason = forms.CharField(label="Alasan", max_length=200, required=False)
