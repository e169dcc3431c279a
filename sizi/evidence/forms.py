"""Forms: the only way user input reaches the evidence services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from sizi.core.numbers import BoundedModelMultipleChoiceField
from sizi.evidence import permissions, validation
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.plans.models import ActionPlan, ActionStep, Area
from sizi.plans.step_picker import use_picker
from sizi.units.models import Unit, User

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files in one input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": validation.accept_attribute()})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data]
        else:
            files = [single(data, initial)] if data else []
        if not files and self.required:
            raise forms.ValidationError("Pilih minimal satu berkas.")
        if len(files) > settings.EVIDENCE_MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                f"Paling banyak {settings.EVIDENCE_MAX_FILES_PER_UPLOAD} berkas sekali unggah."
            )
        return files


def shorten(text: str, limit: int) -> str:
    """Return `text` cut at a word boundary to at most `limit` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return f"{cut}…"


def step_label(step: ActionStep) -> str:
    """Return a step's label in choice lists: year, area numeral and short text."""
    area = step.indicator.component.area
    return f"{area.plan.year} · {area.numeral} · {shorten(step.text, 70)}"


def step_group(step: ActionStep) -> str:
    """Return the option group of a step: year, area and komponen."""
    component = step.indicator.component
    area = component.area
    return (
        f"{area.plan.year} · {area.numeral}. {shorten(area.title, 40)} › "
        f"{component.number} {shorten(component.name, 40)}"
    ).replace("  ", " ")


class GroupedStepIterator(ModelChoiceIterator):
    """Yield steps in <optgroup>s by year, area and komponen (74 steps stay findable)."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        group: str | None = None
        options: list[tuple[Any, str]] = []
        for step in self.queryset:
            name = step_group(step)
            if name != group and options:
                yield (group, options)
                options = []
            group = name
            options.append(self.choice(step))
        if options:
            yield (group, options)


# The stubs make the model choice fields generic; Django's classes are not
# subscriptable at run time, so the parameterised bases exist for mypy only.
if TYPE_CHECKING:
    _StepsBase = forms.ModelMultipleChoiceField[ActionStep]
    _StepBase = forms.ModelChoiceField[ActionStep]
    _AreaBase = forms.ModelChoiceField[Area]
else:
    _StepsBase = BoundedModelMultipleChoiceField
    _StepBase = _AreaBase = forms.ModelChoiceField


class StepChoiceField(_StepsBase):
    iterator = GroupedStepIterator

    def label_from_instance(self, obj: Any) -> str:
        return shorten(obj.text, 90)


class StepField(_StepBase):
    iterator = GroupedStepIterator

    def label_from_instance(self, obj: Any) -> str:
        return shorten(obj.text, 70)


class AreaField(_AreaBase):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.year} · {obj.numeral}. {shorten(obj.title, 45)}"


def unit_steps(unit: Unit) -> QuerySet[ActionStep]:
    """Return the unit's action steps in plan order, with what their labels show."""
    return (
        ActionStep.objects.for_unit(unit)
        .select_related("indicator__component__area__plan")
        .order_by(
            "-indicator__component__area__plan__year",
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
        )
    )


class EvidenceFieldsForm(forms.Form):
    """Fields shared by file uploads and links."""

    title = forms.CharField(label="Judul", max_length=250)
    document_date = forms.DateField(
        label="Tanggal dokumen",
        widget=DATE_WIDGET,
        help_text="Tanggal yang tertera pada dokumen (boleh berbeda dari tanggal unggah).",
    )
    description = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    steps = StepChoiceField(
        label="Langkah aksi yang didukung",
        queryset=ActionStep.objects.none(),
        required=False,
        help_text="Ketik kata dari langkah aksi, indikator atau area, lalu centang; "
        "boleh lebih dari satu.",
    )
    submit = forms.BooleanField(
        label="Langsung ajukan untuk diverifikasi",
        required=False,
        initial=True,
        label_suffix="",
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        steps_field = self.fields["steps"]
        if isinstance(steps_field, forms.ModelChoiceField):
            steps_field.queryset = unit_steps(unit)
        use_picker(steps_field, unit, multiple=True)
        self.fields["document_date"].initial = timezone.localdate()


class UploadForm(EvidenceFieldsForm):
    uploads = MultipleFileField(label="Berkas")
    field_order = [
        "uploads",
        "title",
        "document_date",
        "description",
        "steps",
        "submit",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = (
            "Kosongkan untuk memakai nama berkas; bila beberapa berkas, "
            "nama berkas ditambahkan ke judul."
        )


class LinkForm(EvidenceFieldsForm):
    url = forms.URLField(label="Tautan", max_length=1000, assume_scheme="https")
    field_order = ["url", "title", "document_date", "description", "steps", "submit"]


class EditForm(forms.Form):
    title = forms.CharField(label="Judul", max_length=250)
    document_date = forms.DateField(label="Tanggal dokumen", widget=DATE_WIDGET)
    description = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    url = forms.URLField(label="Tautan", max_length=1000, assume_scheme="https")

    def __init__(self, *args: Any, is_link: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_link:
            del self.fields["url"]


class RevisionForm(forms.Form):
    file = forms.FileField(label="Berkas versi baru")
    submit = forms.BooleanField(
        label="Langsung ajukan untuk diverifikasi",
        required=False,
        initial=True,
        label_suffix="",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = validation.accept_attribute()


class StepsForm(forms.Form):
    steps = StepChoiceField(
        label="Langkah aksi yang didukung",
        queryset=ActionStep.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        steps_field = self.fields["steps"]
        if isinstance(steps_field, forms.ModelChoiceField):
            steps_field.queryset = unit_steps(unit)
        use_picker(steps_field, unit, multiple=True)


class VerifyForm(forms.Form):
    note = forms.CharField(label="Catatan (opsional)", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Shown beside ReturnForm, whose field is also "note": ids must differ
        # so each label names its own box.
        kwargs.setdefault("auto_id", "id_verify_%s")
        super().__init__(*args, **kwargs)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Alasan dikembalikan",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


class FilterForm(forms.Form):
    """Filters of the evidence list; every field is optional."""

    q = forms.CharField(label="Cari", required=False, max_length=100)
    area = AreaField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        empty_label="Semua area",
    )
    step = StepField(
        label="Langkah aksi",
        queryset=ActionStep.objects.none(),
        required=False,
        empty_label="Semua langkah",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Semua status"), *Evidence.Status.choices],
        required=False,
    )
    uploader = forms.ModelChoiceField(
        label="Pengunggah",
        queryset=User.objects.none(),
        required=False,
        empty_label="Semua pengunggah",
    )
    date_from = forms.DateField(
        label="Tanggal dokumen dari", required=False, widget=DATE_WIDGET
    )
    date_to = forms.DateField(label="sampai", required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = (
            Area.objects.filter(plan__unit=unit)
            .select_related("plan")
            .order_by("-plan__year", "order")
        )
        step_field: Any = self.fields["step"]
        step_field.queryset = unit_steps(unit)
        use_picker(step_field, unit, multiple=False, empty_label="Semua langkah")
        uploader_field: Any = self.fields["uploader"]
        uploader_field.queryset = User.objects.filter(memberships__unit=unit).distinct()


class RequestForm(forms.Form):
    requested_from = forms.ModelChoiceField(
        label="Diminta dari (PIC)",
        queryset=User.objects.none(),
        empty_label="Pilih PIC",
    )
    title = forms.CharField(label="Bukti yang diminta", max_length=250)
    description = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = forms.DateField(label="Batas waktu", widget=DATE_WIDGET)
    step = StepField(
        label="Langkah aksi (opsional)",
        queryset=ActionStep.objects.none(),
        required=False,
        empty_label="Tanpa langkah aksi",
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["requested_from"]
        # Only people who can fulfil the request (the "Penuhi" page checks it).
        user_field.queryset = permissions.request_recipients(unit)
        step_field: Any = self.fields["step"]
        step_field.queryset = unit_steps(unit)
        use_picker(step_field, unit, multiple=False, empty_label="Tanpa langkah aksi")


class FulfilForm(forms.Form):
    evidence = forms.ModelChoiceField(
        label="Bukti", queryset=Evidence.objects.none(), empty_label="Pilih bukti"
    )

    def __init__(self, *args: Any, request_obj: EvidenceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["evidence"]
        field.queryset = Evidence.objects.for_unit(request_obj.unit).order_by(
            "-created_at"
        )


def pack_years(unit: Unit) -> tuple[list[int], int]:
    """Return the years a pack can hold (plans, verified evidence) and the default.

    The default is the latest year with a plan, else the latest year with
    verified evidence; the current year only when the unit has neither.
    """
    plan_years = set(ActionPlan.objects.for_unit(unit).values_list("year", flat=True))
    evidence_years = {
        day.year
        for day in Evidence.objects.for_unit(unit)
        .verified()
        .dates("document_date", "year")
    }
    years = plan_years | evidence_years or {timezone.localdate().year}
    default = max(plan_years or years)
    return sorted(years, reverse=True), default


class PackForm(forms.Form):
    year = forms.TypedChoiceField(label="Tahun rencana aksi", coerce=int)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years, default = pack_years(unit)
        field: Any = self.fields["year"]
        field.choices = [(y, str(y)) for y in years]
        field.initial = default
