"""Forms of the complaint channel: the public intake, the staff registration, handling."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sizi.cases.attachments import MAX_FILES
from sizi.cases.complaints.deadlines import ServiceLevels
from sizi.cases.complaints.models import Complaint
from sizi.core.numbers import NumberField
from sizi.core.public_forms import PublicForm
from sizi.units.models import Unit, User


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files (checked by the service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_FILES:
            raise ValidationError(f"Paling banyak {MAX_FILES} lampiran.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class _ComplaintFields(forms.Form):
    privacy = forms.ChoiceField(
        label="Kerahasiaan",
        choices=Complaint.Privacy.choices,
        initial=Complaint.Privacy.CONFIDENTIAL,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label="Nama", max_length=150, required=False)
    email = forms.EmailField(
        label="Surel (tidak wajib)",
        required=False,
        help_text="Untuk kabar perkembangan; tidak pernah ditampilkan.",
    )
    phone = forms.CharField(
        label="Nomor telepon (tidak wajib)", max_length=30, required=False
    )
    wants_updates = forms.BooleanField(
        label="Kirimi saya kabar lewat surel", required=False
    )
    subject = forms.CharField(label="Judul pengaduan", max_length=200)
    body = forms.CharField(
        label="Isi pengaduan",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Apa yang terjadi, kapan, di mana, siapa yang terlibat.",
    )
    location = forms.CharField(label="Lokasi kejadian", max_length=200, required=False)
    incident_date = forms.DateField(
        label="Tanggal kejadian",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    attachments = MultipleFileField(
        label=f"Lampiran (paling banyak {MAX_FILES}, masing-masing ≤ 10 MB)",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("privacy") == Complaint.Privacy.ANONYMOUS:
            for key in ("name", "email", "phone"):
                cleaned[key] = ""
            cleaned["wants_updates"] = False
        elif not (cleaned.get("name") or "").strip():
            self.add_error(
                "name",
                "Isi nama Anda, atau pilih «Anonim» bila tidak ingin memberi identitas.",
            )
        if cleaned.get("wants_updates") and not cleaned.get("email"):
            self.add_error("email", "Isi surel untuk menerima kabar perkembangan.")
        return cleaned


class PublicComplaintForm(PublicForm, _ComplaintFields):
    """The citizen's complaint form (honeypot included)."""


class RegisterComplaintForm(_ComplaintFields):
    """Staff register a complaint that came through SP4N-LAPOR!, phone or paper."""

    channel = forms.ChoiceField(
        label="Saluran",
        choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.WEB],
    )
    lapor_number = forms.CharField(
        label="Nomor tracking SP4N-LAPOR!", max_length=40, required=False
    )
    received_on = forms.DateField(
        label="Tanggal diterima", widget=forms.DateInput(attrs={"type": "date"})
    )

    field_order = ["channel", "lapor_number", "received_on", "privacy"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("channel") == Complaint.Channel.LAPOR and not cleaned.get(
            "lapor_number"
        ):
            self.add_error("lapor_number", "Isi nomor tracking SP4N-LAPOR!.")
        return cleaned


class TrackForm(PublicForm):
    code = forms.CharField(
        label="Kode pelacakan",
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class RespondForm(PublicForm):
    """The reporter's answer on the status page (the code travels as a hidden field)."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(
        label="Tanggapan Anda",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class VerifyForm(forms.Form):
    category = forms.ChoiceField(
        label="Klasifikasi",
        choices=[c for c in Complaint.Category.choices if c[0]],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Catatan untuk pelapor (tidak wajib)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReclassifyForm(forms.Form):
    category = forms.ChoiceField(
        label="Klasifikasi baru",
        choices=[c for c in Complaint.Category.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Alasan perubahan (ditampilkan kepada pelapor)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label="Pengelola", queryset=User.objects.none(), required=False
    )
    pic = forms.ModelChoiceField(
        label="PIC", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = User.objects.filter(memberships__unit=unit, is_active=True).distinct()
        self.fields["handler"].queryset = members  # type: ignore[attr-defined]
        self.fields["pic"].queryset = members  # type: ignore[attr-defined]


class ForwardForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label="Teruskan ke unit", queryset=Unit.objects.none()
    )
    reason = forms.CharField(
        label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.exclude(pk=unit.pk).order_by(  # type: ignore[attr-defined]
            "path"
        )


class TextForm(forms.Form):
    text = forms.CharField(
        label="Isi", max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LevelsForm(forms.Form):
    verify_days = NumberField(
        label="Batas verifikasi (hari kerja)", integer=True, min_value=1, max_value=60
    )
    follow_up_days = NumberField(
        label="Batas tindak lanjut setelah verifikasi (hari kerja)",
        integer=True,
        min_value=1,
        max_value=60,
    )
    close_after_days = NumberField(
        label="Ditutup bila tanpa tanggapan pelapor (hari kerja)",
        integer=True,
        min_value=1,
        max_value=60,
    )

    def levels(self) -> ServiceLevels:
        data = self.cleaned_data
        return ServiceLevels(
            int(data["verify_days"]),
            int(data["follow_up_days"]),
            int(data["close_after_days"]),
        )
