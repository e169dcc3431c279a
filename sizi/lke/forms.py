"""Forms of the LKE pages: every input reaches the services through one of these."""

from __future__ import annotations

from typing import Any

from django import forms

from sizi.core.numbers import BoundedModelMultipleChoiceField, NumberField
from sizi.lke.models import Instrument, Question, ResultInput


class StartAssessmentForm(forms.Form):
    """The year of a new assessment, chosen from the years offered to the unit."""

    year = forms.TypedChoiceField(label="Tahun penilaian", coerce=int, choices=())

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)  # noqa: S101
        year.choices = [(y, str(y)) for y in years]
        if years:
            self.fields["year"].initial = years[0]


class AnswerForm(forms.Form):
    """One question's answer: an option letter or the numeric inputs, a note, the version."""

    value = forms.CharField(label="Jawaban", required=False, max_length=20)
    note = forms.CharField(
        label="Catatan", required=False, max_length=5000, widget=forms.Textarea
    )
    version = NumberField(
        label="Versi", integer=True, min_value=0, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        for spec in question.inputs:
            self.fields[f"input_{spec['code']}"] = forms.CharField(
                label=spec["label"], required=False, max_length=20
            )

    def input_values(self) -> dict[str, Any]:
        return {
            spec["code"]: self.cleaned_data.get(f"input_{spec['code']}", "")
            for spec in self.question.inputs
        }


class EvidenceLinkForm(forms.Form):
    """The evidence items of the unit's library linked to one answer."""

    evidence = forms.TypedMultipleChoiceField(
        label="Bukti dukung", required=False, coerce=int, choices=()
    )

    def __init__(
        self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        evidence = self.fields["evidence"]
        assert isinstance(evidence, forms.TypedMultipleChoiceField)  # noqa: S101
        evidence.choices = choices


class EvidenceUploadForm(forms.Form):
    """A new evidence file uploaded from a question, attached to the answer."""

    file = forms.FileField(label="Berkas")
    title = forms.CharField(
        label="Judul",
        max_length=250,
        required=False,
        help_text="Kosongkan untuk memakai nama berkas.",
    )
    document_date = forms.DateField(
        label="Tanggal dokumen",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    submit = forms.BooleanField(
        label="Langsung ajukan untuk diverifikasi", required=False
    )


class ResultInputForm(forms.Form):
    ipak = NumberField(
        label="IPAK (0–4)",
        required=False,
        min_value=0,
        max_value=4,
        decimal_places=2,
    )
    ipak_source = forms.CharField(
        label="Sumber nilai IPAK", required=False, max_length=300
    )
    ipkp = NumberField(
        label="IPKP (0–4)",
        required=False,
        min_value=0,
        max_value=4,
        decimal_places=2,
    )
    ipkp_source = forms.CharField(
        label="Sumber nilai IPKP", required=False, max_length=300
    )
    performance = forms.ChoiceField(
        label="Capaian kinerja (A–E)",
        required=False,
        choices=[("", "—"), *ResultInput.Performance.choices],
    )
    performance_note = forms.CharField(
        label="Keterangan capaian kinerja",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = NumberField(
        label="Versi", integer=True, min_value=0, widget=forms.HiddenInput
    )


class ReviewNoteForm(forms.Form):
    text = forms.CharField(
        label="Catatan penilai",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    returned = forms.BooleanField(
        label="Kembalikan butir ini ke unit untuk diperbaiki",
        required=False,
        initial=True,
    )


class ConcludeForm(forms.Form):
    recommendation = forms.ChoiceField(
        label="Rekomendasi predikat",
        choices=[
            ("wbk", "Menuju WBK"),
            ("wbbm", "Menuju WBBM"),
            ("none", "Belum memenuhi"),
        ],
        widget=forms.RadioSelect,
    )
    adopt = forms.BooleanField(
        label="Adopsi jawaban lapisan di bawah sebagai jawaban TPI "
        "(hanya bila lapisan TPI masih kosong)",
        required=False,
    )
    note = forms.CharField(
        label="Catatan simpulan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NationalForm(forms.Form):
    predicate = forms.ChoiceField(
        label="Predikat dari TPN",
        choices=[
            ("", "Belum ada keputusan"),
            ("wbk", "Menuju WBK"),
            ("wbbm", "Menuju WBBM"),
        ],
        required=False,
    )
    decree_reference = forms.CharField(
        label="Nomor keputusan", required=False, max_length=300
    )


class PredicateForm(forms.Form):
    year = NumberField(label="Tahun", integer=True, min_value=2000, max_value=2100)
    predicate = forms.ChoiceField(
        label="Predikat", choices=[("wbk", "Menuju WBK"), ("wbbm", "Menuju WBBM")]
    )
    decree_reference = forms.CharField(
        label="Nomor keputusan", required=False, max_length=300
    )


class FindingForm(forms.Form):
    indicator = forms.TypedChoiceField(label="Indikator rencana aksi", coerce=int)
    text = forms.CharField(
        label="Langkah tindak lanjut", widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.TypedChoiceField(label="PIC", coerce=int)
    target_date = forms.DateField(
        label="Target selesai", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        indicators: list[tuple[int, str]],
        owners: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicators  # type: ignore[attr-defined]
        self.fields["owner"].choices = owners  # type: ignore[attr-defined]


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Tanggapan unit", widget=forms.Textarea(attrs={"rows": 2})
    )


class RollupSortForm(forms.Form):
    SORTS = [
        ("unit", "Unit"),
        ("-total", "Nilai tertinggi"),
        ("total", "Nilai terendah"),
        ("-progress", "Kelengkapan tertinggi"),
        ("progress", "Kelengkapan terendah"),
        ("status", "Status"),
    ]
    sort = forms.ChoiceField(choices=SORTS, required=False)
    year = NumberField(
        label="Tahun", integer=True, required=False, min_value=2020, max_value=2100
    )


class IndicatorLinkForm(forms.Form):
    """The questions a coordinator confirms for one plan indicator."""

    indicator = forms.TypedChoiceField(coerce=int, choices=())
    questions = BoundedModelMultipleChoiceField(
        queryset=Question.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, indicators: list[int], instrument: Instrument, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.TypedChoiceField)  # noqa: S101
        indicator.choices = [(i, str(i)) for i in indicators]
        questions = self.fields["questions"]
        assert isinstance(questions, forms.ModelMultipleChoiceField)  # noqa: S101
        questions.queryset = Question.objects.filter(instrument=instrument)


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(label="Lembar kerja LKE (.xlsx)")
    apply = forms.BooleanField(
        label="Langsung simpan (tanpa pratinjau)",
        required=False,
        help_text="Tanpa centang: tampilkan pratinjau perubahan, tidak ada yang disimpan.",
    )

    background = forms.BooleanField(
        label="Proses di latar belakang (berkas besar, banyak tautan bukti)",
        required=False,
        help_text="Pratinjau disiapkan sebagai pekerjaan latar belakang; halaman "
        "menampilkan kemajuannya dan pratinjaunya bila selesai.",
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Berkas lebih dari 10 MB.")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Unggah berkas Excel .xlsx.")
        return upload


class WorkbookApplyForm(forms.Form):
    token = forms.CharField(max_length=64)
    background = forms.BooleanField(required=False)  # apply as a background job
    force = forms.BooleanField(
        label="Saya yakin: impor ke unit dan tahun ini walaupun berbeda dengan yang "
        "tertera di lembar kerja",
        required=False,
    )


class WorkbookNewYearForm(WorkbookUploadForm):
    """Upload a workbook into a year the unit has not started: the import starts it."""

    year = forms.TypedChoiceField(label="Tahun penilaian", coerce=int, choices=())

    field_order = ["year", "file", "background"]

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)  # noqa: S101
        year.choices = [(y, str(y)) for y in years]
        self.fields.pop("apply")
