"""Forms of the plans app: the only way input reaches its services."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from sizi.core.numbers import BoundedModelMultipleChoiceField, NumberField
from sizi.plans.importing.reader import MAX_BYTES
from sizi.plans.models import ActionPlan, ActionStep, Area
from sizi.plans.monev_report import periods_of_year
from sizi.plans.step_picker import use_picker
from sizi.plans.target_grammar import MONTH_NAMES
from sizi.units.models import Membership, Unit, User

MAX_UPLOAD_BYTES = MAX_BYTES  # a DOCX with scanned pages is larger than its text
# Django cuts longer names to 255 characters on arrival, so the limit sits below
# that: a longer name is refused here instead of reaching the preview.
MAX_FILENAME_LENGTH = 200
ALLOWED_SUFFIXES = {".txt", ".docx", ".xlsx", ".pdf"}
SURE_LABEL = "Saya yakin ini keputusan unit ini"
MIN_PLAN_YEAR, MAX_PLAN_YEAR = 2000, 2100
STATUS_FILTER_CHOICES = [
    ("", "Semua status"),
    ("open", "Belum selesai"),
    ("not_started", "Belum mulai"),
    ("in_progress", "Berjalan"),
    ("done", "Selesai"),
    ("late", "Terlambat"),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unit_people(unit: Unit) -> QuerySet[User]:
    """Return users who work on the unit's programme (possible PICs)."""
    roles = [Membership.Role.LEADER, Membership.Role.COORDINATOR, Membership.Role.TEAM]
    return (
        User.objects.filter(
            memberships__unit=unit, memberships__role__in=roles, is_active=True
        )
        .distinct()
        .order_by("full_name", "username")
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas keputusan",
        help_text="Teks (.txt), Word (.docx), Excel (.xlsx) atau PDF (.pdf, juga hasil "
        "pindaian) berisi tabel Lampiran dengan kolom NO, KOMPONEN, INDIKATOR, "
        "LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU.",
        max_length=MAX_FILENAME_LENGTH,
        error_messages={
            "max_length": f"Nama berkas terlalu panjang (paling banyak "
            f"{MAX_FILENAME_LENGTH} karakter). Persingkat nama berkas, lalu unggah lagi."
        },
    )
    year = NumberField(
        label="Tahun",
        integer=True,
        min_value=MIN_PLAN_YEAR,
        max_value=MAX_PLAN_YEAR,
        required=False,
        help_text="Kosongkan untuk memakai tahun rencana aksi yang tertulis di judul keputusan.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise ValidationError(
                "Jenis berkas tidak didukung: gunakan .txt, .docx, .xlsx atau .pdf."
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                "Berkas terlalu besar (maksimal "
                f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB)."
            )
        if suffix == ".pdf":
            head = upload.read(5)
            upload.seek(0)
            if head != b"%PDF-":
                raise ValidationError(
                    "Berkas bernama .pdf, tetapi isinya bukan PDF. Unggah PDF aslinya."
                )
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=255)
    year = NumberField(
        label="Tahun",
        integer=True,
        min_value=MIN_PLAN_YEAR,
        max_value=MAX_PLAN_YEAR,
        widget=forms.HiddenInput,
    )
    # asked only when the decree names another unit or year (``ask_sure``)
    sure = forms.BooleanField(
        label=SURE_LABEL,
        required=False,
        widget=forms.CheckboxInput(attrs={"required": True}),
    )

    def __init__(self, *args: Any, ask_sure: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_sure:
            del self.fields["sure"]

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        if not re.fullmatch(r"[0-9a-f]{64}", token):
            raise ValidationError("Token unggahan tidak sah.")
        return token

    def clean_filename(self) -> str:
        name = Path(self.cleaned_data["filename"]).name
        if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ValidationError("Nama berkas tidak sah.")
        return name


class PlanFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        empty_label="Semua area",
    )
    pic = forms.ModelChoiceField(
        label="PIC",
        queryset=User.objects.none(),
        required=False,
        empty_label="Semua PIC",
    )
    status = forms.ChoiceField(
        label="Status", choices=STATUS_FILTER_CHOICES, required=False
    )
    month = forms.TypedChoiceField(
        label="Bulan",
        choices=[("", "Semua bulan")]
        + [(str(i), m) for i, m in enumerate(MONTH_NAMES, 1)],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, areas: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        if isinstance(area_field, forms.ModelChoiceField):
            area_field.queryset = areas
        pic_field = self.fields["pic"]
        if isinstance(pic_field, forms.ModelChoiceField):
            pic_field.queryset = people


class StepUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStep.Status.choices)
    progress = NumberField(
        label="Progres (%)", integer=True, min_value=0, max_value=100
    )


class RealisationForm(forms.Form):
    description = forms.CharField(
        label="Yang dilakukan",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    done_on = forms.DateField(label="Tanggal pelaksanaan", widget=DATE_INPUT)
    note = forms.CharField(
        label="Catatan",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
    progress = NumberField(
        label="Progres langkah sesudah realisasi ini (%)",
        integer=True,
        min_value=0,
        max_value=100,
        required=False,
        help_text="100 berarti selesai.",
    )
    mark_done = forms.BooleanField(label="Tandai langkah ini selesai", required=False)

    def __init__(self, *args: Any, recurring: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recurring:
            # A recurring target's progress follows its realised periods.
            del self.fields["progress"]


class AssignOwnersForm(forms.Form):
    owners = BoundedModelMultipleChoiceField(
        label="PIC",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners_field = self.fields["owners"]
        if isinstance(owners_field, forms.ModelChoiceField):
            owners_field.queryset = people


class StepTextForm(forms.Form):
    text = forms.CharField(
        label="Langkah aksi", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class IndicatorForm(forms.Form):
    text = forms.CharField(label="Indikator", widget=forms.Textarea(attrs={"rows": 3}))
    target_raw = forms.CharField(
        label="Target waktu",
        max_length=300,
        help_text="Tulis seperti di keputusan, mis. “Oktober minggu ke-2 tahun 2025”, "
        "“April-Mei 2025”, “Per-bulan”.",
    )
    evidence = forms.CharField(
        label="Bukti fisik",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu bukti fisik per baris.",
    )

    def clean_evidence(self) -> list[str]:
        text: str = self.cleaned_data.get("evidence") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Tanggal rapat", widget=DATE_INPUT)
    title = forms.CharField(
        label="Judul", max_length=200, initial="Rapat evaluasi pembangunan ZI"
    )
    attendees = forms.CharField(
        label="Peserta", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(
        label="Notulen", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions = forms.CharField(
        label="Keputusan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label="Tindak lanjut", widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(
        label="Penanggung jawab",
        queryset=User.objects.none(),
        required=False,
        empty_label="Pilih PIC",
    )
    due_on = forms.DateField(label="Batas waktu", widget=DATE_INPUT, required=False)
    steps = BoundedModelMultipleChoiceField(
        label="Langkah aksi terkait", queryset=ActionStep.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, people: Any, steps: Any, plan: ActionPlan, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        if isinstance(owner_field, forms.ModelChoiceField):
            owner_field.queryset = people
        steps_field = self.fields["steps"]
        if isinstance(steps_field, forms.ModelChoiceField):
            steps_field.queryset = steps
        use_picker(steps_field, plan.unit, multiple=True, year=plan.year)


class DecreeForm(forms.Form):
    number = forms.CharField(label="Nomor keputusan", max_length=100, required=False)
    title = forms.CharField(
        label="Judul (tentang)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signed_on = forms.DateField(
        label="Tanggal ditetapkan", required=False, widget=DATE_INPUT
    )
    place = forms.CharField(label="Ditetapkan di", max_length=100, required=False)
    signatory = forms.CharField(label="Penanda tangan", max_length=150, required=False)
    signatory_title = forms.CharField(
        label="Jabatan penanda tangan", max_length=300, required=False
    )


class MonevReportForm(forms.Form):
    """Choose the period and format of a Laporan Monev, and the steps it supports."""

    period = forms.ChoiceField(label="Periode")
    format = forms.ChoiceField(
        label="Format",
        choices=[("pdf", "PDF"), ("xlsx", "XLSX")],
        initial="pdf",
        widget=forms.RadioSelect,
    )
    steps = BoundedModelMultipleChoiceField(
        label="Langkah aksi yang didukung (bila disimpan sebagai bukti fisik)",
        queryset=ActionStep.objects.none(),
        required=False,
        help_text="Sudah terpilih: langkah aksi yang bukti fisiknya laporan monev.",
    )

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = periods_of_year(plan.year)
        period_field = self.fields["period"]
        if isinstance(period_field, forms.ChoiceField):
            period_field.choices = [
                ("Triwulan", [(p.key, p.label) for p in periods if not p.is_month]),
                ("Bulan", [(p.key, p.label) for p in periods if p.is_month]),
            ]
        steps_field = self.fields["steps"]
        if isinstance(steps_field, forms.ModelChoiceField):
            steps_field.queryset = ActionStep.objects.for_plan(plan).select_related(
                "indicator__component__area__plan"
            )
        use_picker(steps_field, plan.unit, multiple=True, year=plan.year)
