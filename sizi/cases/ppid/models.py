"""PPID data (UU 14/2008): information requests, keberatan and the Daftar Informasi Publik.

The requester's identity, which the law requires (Perki 1/2021: name, identity
number, address, contact), sits in its own table read only by the unit's PPID
and Atasan PPID; nothing of it is ever shown publicly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sizi.core.models import TimeStampedModel


class InformationRequest(TimeStampedModel):
    """One permohonan informasi publik to a unit's PPID."""

    class Status(models.TextChoices):
        RECEIVED = "diterima", "Diterima"
        EXTENDED = "diperpanjang", "Diperpanjang"
        DECIDED = "diputus", "Sudah dijawab"
        OBJECTED = "keberatan", "Keberatan diajukan"
        CLOSED = "selesai", "Selesai"

    class Decision(models.TextChoices):
        NONE = "", "Belum diputus"
        GRANTED = "diberikan", "Diberikan seluruhnya"
        PARTLY = "sebagian", "Diberikan sebagian"
        REFUSED = "ditolak", "Ditolak (informasi dikecualikan)"
        NOT_HELD = "tidak_dikuasai", "Informasi tidak dikuasai"

    class Channel(models.TextChoices):
        WEB = "web", "Formulir daring SIZI"
        DESK = "langsung", "Datang langsung"
        LETTER = "surat", "Surat"
        EMAIL = "email", "Surel"

    class Delivery(models.TextChoices):
        EMAIL = "email", "Surel"
        PICKUP = "ambil", "Diambil langsung"
        POST = "pos", "Pos/kurir"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    number = models.CharField("nomor registrasi", max_length=30)
    tracking_digest = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(
        "cara permohonan", max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    information = models.TextField("rincian informasi yang dibutuhkan", max_length=5000)
    purpose = models.TextField("tujuan penggunaan informasi", max_length=2000)
    delivery = models.CharField(
        "cara mendapatkan salinan",
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.EMAIL,
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField("diterima")
    due_on = models.DateField("batas jawaban")
    extended_at = models.DateTimeField("diperpanjang", null=True, blank=True)
    extension_reason = models.TextField(
        "alasan perpanjangan", blank=True, max_length=3000
    )
    decision = models.CharField(
        "keputusan", max_length=20, choices=Decision.choices, blank=True
    )
    exception_ground = models.CharField(
        "dasar pengecualian (Pasal 17)", max_length=40, blank=True
    )
    answer = models.TextField(
        "jawaban / isi pemberitahuan", blank=True, max_length=10000
    )
    decided_at = models.DateTimeField("diputus", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputus oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], name="cases_request_number_per_unit"
            )
        ]
        verbose_name = "permohonan informasi"
        verbose_name_plural = "permohonan informasi"

    def __str__(self) -> str:
        return f"{self.number}"


class Requester(models.Model):
    """The identity the law asks of a requester; never shown publicly."""

    class Kind(models.TextChoices):
        PERSON = "perorangan", "Perorangan"
        ORGANISATION = "badan_hukum", "Badan hukum"
        GROUP = "kelompok", "Kelompok orang"

    request = models.OneToOneField(
        InformationRequest,
        verbose_name="permohonan",
        on_delete=models.CASCADE,
        related_name="requester",
    )
    kind = models.CharField(
        "jenis pemohon", max_length=12, choices=Kind.choices, default=Kind.PERSON
    )
    name = models.CharField("nama", max_length=150)
    identity_number = models.CharField(
        "nomor identitas (NIK/akta badan hukum)", max_length=40
    )
    address = models.CharField("alamat", max_length=300)
    occupation = models.CharField("pekerjaan", max_length=100, blank=True)
    phone = models.CharField("nomor telepon", max_length=30, blank=True)
    email = models.EmailField("surel", blank=True)

    class Meta:
        verbose_name = "identitas pemohon"
        verbose_name_plural = "identitas pemohon"

    def __str__(self) -> str:
        return f"Pemohon {self.request.number}"


class RequestEvent(models.Model):
    """The trail of a request: status changes and notices, some shown to the requester."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("waktu", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "status", max_length=20, choices=InformationRequest.Status.choices
    )
    text = models.TextField("keterangan", blank=True, max_length=10000)
    public = models.BooleanField("tampil kepada pemohon", default=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request.number} {self.status}"


class Objection(TimeStampedModel):
    """A keberatan to the Atasan PPID (Pasal 35–36 UU 14/2008)."""

    class Reason(models.TextChoices):
        REFUSED = "a", "Permohonan ditolak dengan alasan pengecualian (Pasal 17)"
        NOT_PUBLISHED = "b", "Informasi berkala tidak disediakan"
        NOT_ANSWERED = "c", "Permohonan tidak ditanggapi"
        NOT_AS_ASKED = "d", "Permohonan ditanggapi tidak sebagaimana yang diminta"
        NOT_FULFILLED = "e", "Permohonan tidak dipenuhi"
        FEE = "f", "Pengenaan biaya yang tidak wajar"
        LATE = "g", "Penyampaian informasi melebihi waktu yang diatur"

    class Outcome(models.TextChoices):
        PENDING = "", "Belum diputus"
        UPHELD = "diterima", "Keberatan diterima"
        REJECTED = "ditolak", "Keberatan ditolak"

    request = models.OneToOneField(
        InformationRequest,
        verbose_name="permohonan",
        on_delete=models.CASCADE,
        related_name="objection",
    )
    reason = models.CharField("alasan keberatan", max_length=2, choices=Reason.choices)
    statement = models.TextField("uraian keberatan", max_length=5000)
    filed_at = models.DateTimeField("diajukan")
    due_on = models.DateField("batas tanggapan Atasan PPID")
    outcome = models.CharField(
        "putusan", max_length=10, choices=Outcome.choices, blank=True
    )
    response = models.TextField("tanggapan Atasan PPID", blank=True, max_length=10000)
    decided_at = models.DateTimeField("diputus", null=True, blank=True)
    commission_until = models.DateField(
        "batas sengketa ke Komisi Informasi", null=True, blank=True
    )

    class Meta:
        verbose_name = "keberatan"
        verbose_name_plural = "keberatan"

    def __str__(self) -> str:
        return f"Keberatan {self.request.number}"


class PublicInformation(TimeStampedModel):
    """One entry of the unit's Daftar Informasi Publik."""

    class Category(models.TextChoices):
        PERIODIC = "berkala", "Informasi berkala"
        IMMEDIATE = "serta_merta", "Informasi serta merta"
        ON_REQUEST = "setiap_saat", "Informasi tersedia setiap saat"
        EXEMPT = "dikecualikan", "Informasi dikecualikan"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="public_information",
    )
    category = models.CharField("golongan", max_length=15, choices=Category.choices)
    title = models.CharField("judul informasi", max_length=250)
    summary = models.TextField("ringkasan isi", blank=True, max_length=3000)
    official = models.CharField(
        "pejabat/unit penguasa informasi", max_length=200, blank=True
    )
    form = models.CharField("bentuk informasi", max_length=100, blank=True)
    period = models.CharField("waktu dan tempat pembuatan", max_length=100, blank=True)
    retention = models.CharField("jangka waktu penyimpanan", max_length=100, blank=True)
    url = models.URLField("tautan", blank=True, max_length=500)
    exception_ground = models.CharField(
        "dasar pengecualian (Pasal 17)", max_length=40, blank=True
    )
    published = models.BooleanField("tampil di halaman publik", default=True)

    class Meta:
        ordering = ["category", "title"]
        verbose_name = "daftar informasi publik"
        verbose_name_plural = "daftar informasi publik"

    def __str__(self) -> str:
        return self.title
