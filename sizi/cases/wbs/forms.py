"""Forms of the WBS: the public report, the receipt look-up, and the handlers' forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.cases.wbs.services import MAX_FILES, Upload
from sizi.core.numbers import NumberField
from sizi.core.public_forms import PublicForm
from sizi.evidence.forms import MultipleFileField, MultipleFileInput
from sizi.units.models import User

ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"


def _files_field(*, limit: int) -> MultipleFileField:
    return MultipleFileField(
        label="Lampiran (opsional)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=(
            f"Paling banyak {limit} berkas PDF, JPG, PNG, DOCX, XLSX atau PPTX, "
            f"masing-masing {settings.WBS_MAX_ATTACHMENT_SIZE // (1024 * 1024)} MB. "
            "Metadata (penulis, lokasi foto) dibersihkan sebelum dibaca penangan."
        ),
    )


def uploads(files: list[UploadedFile], *, limit: int) -> tuple[Upload, ...]:
    """Read the uploaded files into memory (each bounded by the size setting)."""
    if len(files) > limit:
        raise forms.ValidationError(f"Lampiran paling banyak {limit} berkas.")
    cap = settings.WBS_MAX_ATTACHMENT_SIZE
    result = []
    for file in files:
        if (file.size or 0) > cap:
            raise forms.ValidationError(
                f"Lampiran «{file.name}» melebihi batas {cap // (1024 * 1024)} MB."
            )
        result.append(Upload(str(file.name), file.read()))
    return tuple(result)


class ReportForm(PublicForm):
    """The whistleblower's report; anonymous unless they choose to name themselves."""

    kategori = forms.ChoiceField(
        label="Jenis pelanggaran", choices=WhistleblowReport.Category.choices
    )
    ringkasan = forms.CharField(
        label="Ringkasan",
        max_length=200,
        help_text="Satu kalimat: apa yang terjadi.",
    )
    uraian = forms.CharField(
        label="Uraian kejadian",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Apa, siapa, bagaimana. Jangan tuliskan hal yang dapat mengenali Anda.",
    )
    waktu = forms.CharField(
        label="Kapan terjadi (opsional)", max_length=200, required=False
    )
    tempat = forms.CharField(
        label="Di mana terjadi (opsional)", max_length=200, required=False
    )
    terlibat = forms.CharField(
        label="Pihak yang diduga terlibat (opsional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sertakan_identitas = forms.BooleanField(
        label="Saya bersedia menyebutkan identitas (disimpan terpisah dan terenkripsi)",
        required=False,
    )
    nama = forms.CharField(label="Nama (opsional)", max_length=150, required=False)
    kontak = forms.CharField(
        label="Kontak (opsional)",
        max_length=200,
        required=False,
        help_text="Hanya dibuka penangan setelah disetujui kustodian identitas.",
    )
    lampiran = _files_field(limit=MAX_FILES)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("sertakan_identitas") and not cleaned.get("nama", "").strip():
            self.add_error(
                "nama",
                "Isi nama Anda, atau hapus centang «bersedia menyebutkan identitas».",
            )
        return cleaned


class ReceiptForm(PublicForm):
    kode = forms.CharField(
        label="Kode tanda terima",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
        help_text="16 karakter, misalnya 7K2M-Q9XD-4HRT-B0WN.",
    )


class ReporterReplyForm(PublicForm):
    pesan = forms.CharField(
        label="Jawaban atau keterangan tambahan",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    lampiran = _files_field(limit=1)


class HandlerMessageForm(forms.Form):
    pesan = forms.CharField(
        label="Pesan atau pertanyaan kepada pelapor",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=WhistleblowReport.Status.choices)


class IdentityRequestForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka identitas pelapor",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IdentityDecisionForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[("setujui", "Setujui"), ("tolak", "Tolak")],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(
        label="Catatan", max_length=2000, required=False, widget=forms.Textarea
    )


class OfficerForm(forms.Form):
    user = forms.ModelChoiceField(label="Pengguna", queryset=User.objects.none())
    role = forms.ChoiceField(label="Peran", choices=WbsOfficer.Role.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = User.objects.filter(is_active=True).order_by(
                "full_name", "username"
            )


class RetentionForm(forms.Form):
    retention_days = NumberField(
        label="Masa simpan laporan selesai (hari)",
        integer=True,
        min_value=30,
        max_value=36500,
    )


class RecapForm(forms.Form):
    tahun = NumberField(label="Tahun", integer=True, min_value=2000, max_value=2100)
