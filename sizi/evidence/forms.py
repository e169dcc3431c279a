"""Forms: the only way user input reaches the evidence services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone

from sizi.evidence import validation
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.plans.models import ActionPlan, ActionStep, Area
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


def step_label(step: ActionStep) -> str:
    """Return a step's label in choice lists: year, area numeral and text."""
    area = step.indicator.component.area
    return f"{area.plan.year} · {area.numeral} · {step.text[:90]}"


class StepChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return step_label(obj)


class StepField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return step_label(obj)


class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.year} · {obj.numeral}. {obj.title[:60]}"


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
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    submit = forms.BooleanField(
        label="Langsung ajukan untuk diverifikasi", required=False, initial=True
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].queryset = unit_steps(unit)  # type: ignore[attr-defined]
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
        label="Langsung ajukan untuk diverifikasi", required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = validation.accept_attribute()


class StepsForm(forms.Form):
    steps = StepChoiceField(
        label="Langkah aksi yang didukung",
        queryset=ActionStep.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].queryset = unit_steps(unit)  # type: ignore[attr-defined]


class VerifyForm(forms.Form):
    note = forms.CharField(label="Catatan (opsional)", required=False, max_length=2000)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Alasan dikembalikan",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FilterForm(forms.Form):
    """Filters of the evidence list; every field is optional."""

    q = forms.CharField(label="Cari", required=False, max_length=100)
    area = AreaField(label="Area", queryset=Area.objects.none(), required=False)
    step = StepField(
        label="Langkah aksi", queryset=ActionStep.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Semua status"), *Evidence.Status.choices],
        required=False,
    )
    uploader = forms.ModelChoiceField(
        label="Pengunggah", queryset=User.objects.none(), required=False
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
        uploader_field: Any = self.fields["uploader"]
        uploader_field.queryset = User.objects.filter(memberships__unit=unit).distinct()


class RequestForm(forms.Form):
    requested_from = forms.ModelChoiceField(
        label="Diminta dari (PIC)", queryset=User.objects.none()
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
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["requested_from"]
        user_field.queryset = User.objects.filter(memberships__unit=unit).distinct()
        step_field: Any = self.fields["step"]
        step_field.queryset = unit_steps(unit)


class FulfilForm(forms.Form):
    evidence = forms.ModelChoiceField(label="Bukti", queryset=Evidence.objects.none())

    def __init__(self, *args: Any, request_obj: EvidenceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["evidence"]
        field.queryset = Evidence.objects.for_unit(request_obj.unit).order_by(
            "-created_at"
        )


class PackForm(forms.Form):
    year = forms.TypedChoiceField(label="Tahun rencana aksi", coerce=int)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = set(ActionPlan.objects.for_unit(unit).values_list("year", flat=True))
        years.add(timezone.localdate().year)
        field: Any = self.fields["year"]
        field.choices = [(y, str(y)) for y in sorted(years, reverse=True)]
        field.initial = max(years)
