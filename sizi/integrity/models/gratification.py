"""Gratification reports (laporan gratifikasi) and the UPG that handles them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from sizi.core.models import TimeStampedModel

if TYPE_CHECKING:
    from sizi.units.models import Unit, User


class UpgMember(TimeStampedModel):
    """A member of a unit's Unit Pengendalian Gratifikasi, appointed by the pimpinan."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="upg_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="anggota UPG",
        on_delete=models.CASCADE,
        related_name="upg_memberships",
    )
    decree = models.CharField("nomor SK UPG", max_length=120, blank=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditetapkan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="unique_upg_member")
        ]
        ordering = ["unit", "user__full_name"]
        verbose_name = "anggota UPG"
        verbose_name_plural = "anggota UPG"

    def __str__(self) -> str:
        return f"Anggota UPG {self.user} ({self.unit.short_name or self.unit.name})"


class GratificationQuerySet(models.QuerySet["GratificationReport"]):
    def for_unit(self, unit: Unit) -> GratificationQuerySet:
        return self.filter(unit=unit)

    def by_reporter(self, user: User) -> GratificationQuerySet:
        return self.filter(reporter=user)

    def open(self) -> GratificationQuerySet:
        return self.exclude(status=GratificationReport.Status.CLOSED)

    def upg_late(self, today: date) -> GratificationQuerySet:
        """Reports the UPG has not forwarded to KPK by the statutory due date."""
        Status = GratificationReport.Status
        return self.filter(
            status__in=[Status.REPORTED, Status.VERIFIED], due_upg_to_kpk__lt=today
        )

    def completion_late(self, today: date) -> GratificationQuerySet:
        """Reports still incomplete after the completeness deadline."""
        return self.filter(
            status=GratificationReport.Status.INCOMPLETE, due_completeness__lt=today
        )


class GratificationReport(TimeStampedModel):
    """One employee's report of a gratification received or refused."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "Penerimaan"
        REFUSAL = "refusal", "Penolakan"

    class Relation(models.TextChoices):
        FAMILY = "family", "Keluarga"
        COLLEAGUE = "colleague", "Sesama pegawai / rekan kerja"
        VENDOR = "vendor", "Rekanan / penyedia barang dan jasa"
        SERVICE_USER = "service_user", "Pengguna layanan / masyarakat"
        OFFICIAL = "official", "Pejabat / instansi lain"
        OTHER = "other", "Lainnya"

    class Event(models.TextChoices):
        WEDDING = "wedding", "Pernikahan / pertunangan"
        CEREMONY = "ceremony", "Kelahiran, akikah, khitanan, atau upacara adat/agama"
        DISASTER = "disaster", "Musibah / bencana"
        FAREWELL = "farewell", "Mutasi, promosi, pisah sambut, atau pensiun"
        BIRTHDAY = "birthday", "Ulang tahun"
        SERVICE = "service", "Terkait tugas pelayanan"
        NON_SERVICE = "non_service", "Terkait tugas non-pelayanan"
        SEMINAR = "seminar", "Seminar, diklat, atau workshop"
        OTHER = "other", "Lainnya"

    class GiftType(models.TextChoices):
        MONEY = "money", "Uang"
        GOODS = "goods", "Barang"
        FOOD = "food", "Makanan / minuman"
        DISCOUNT = "discount", "Rabat / diskon / komisi"
        LODGING = "lodging", "Fasilitas penginapan"
        TICKET = "ticket", "Tiket perjalanan / wisata"
        FACILITY = "facility", "Fasilitas lainnya"
        OTHER = "other", "Lainnya"

    class ObjectLocation(models.TextChoices):
        RECIPIENT = "recipient", "Disimpan penerima"
        UPG = "upg", "Diserahkan kepada UPG"
        KPK = "kpk", "Diserahkan kepada KPK"
        RETURNED = "returned", "Dikembalikan / ditolak"
        CONSUMED = "consumed", "Habis pakai / disumbangkan"

    class Status(models.TextChoices):
        REPORTED = "reported", "Dilaporkan"
        INCOMPLETE = "incomplete", "Perlu dilengkapi"
        VERIFIED = "verified", "Diverifikasi UPG"
        FORWARDED = "forwarded", "Diteruskan ke KPK"
        DECIDED = "decided", "Ditetapkan milik negara, menunggu penyerahan"
        CLOSED = "closed", "Selesai"

    class Decision(models.TextChoices):
        STATE = "state", "Milik negara"
        RECIPIENT = "recipient", "Milik penerima"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="gratification_reports",
    )
    number = models.CharField("nomor laporan", max_length=30, editable=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pelapor",
        on_delete=models.PROTECT,
        related_name="gratification_reports",
    )
    kind = models.CharField("jenis laporan", max_length=10, choices=Kind.choices)
    giver_name = models.CharField("nama pemberi", max_length=200)
    giver_relation = models.CharField(
        "hubungan dengan pemberi", max_length=20, choices=Relation.choices
    )
    event = models.CharField("peristiwa", max_length=20, choices=Event.choices)
    event_description = models.CharField("uraian peristiwa", max_length=300, blank=True)
    gift_type = models.CharField(
        "jenis penerimaan", max_length=20, choices=GiftType.choices
    )
    description = models.TextField("uraian pemberian")
    estimated_value = models.DecimalField(
        "perkiraan nilai (Rp)",
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    received_on = models.DateField("tanggal diterima / ditolak")
    place = models.CharField("tempat penerimaan", max_length=200, blank=True)
    object_location = models.CharField(
        "keberadaan objek", max_length=20, choices=ObjectLocation.choices
    )
    rule_key = models.CharField("aturan yang berlaku", max_length=40, editable=False)
    reported_on = models.DateField("tanggal diterima UPG", editable=False)
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.REPORTED,
        db_index=True,
    )
    due_to_upg = models.DateField("batas lapor ke UPG", editable=False)
    due_upg_to_kpk = models.DateField("batas UPG meneruskan ke KPK", editable=False)
    due_kpk_limit = models.DateField("batas lapor ke KPK", editable=False)
    due_completeness = models.DateField(
        "batas melengkapi", null=True, blank=True, editable=False
    )
    completion_requested_on = models.DateField(
        "tanggal diminta melengkapi", null=True, blank=True
    )
    completion_note = models.TextField("kekurangan laporan", blank=True)
    verified_on = models.DateField("tanggal diverifikasi", null=True, blank=True)
    forwarded_on = models.DateField("tanggal diteruskan ke KPK", null=True, blank=True)
    kpk_reference = models.CharField(
        "nomor laporan KPK/GOL", max_length=100, blank=True
    )
    decision = models.CharField(
        "penetapan KPK", max_length=20, choices=Decision.choices, blank=True
    )
    decided_on = models.DateField("tanggal penetapan", null=True, blank=True)
    decision_reference = models.CharField(
        "nomor SK penetapan", max_length=100, blank=True
    )
    handed_over_on = models.DateField("tanggal penyerahan", null=True, blank=True)
    handover_note = models.TextField("keterangan penyerahan", blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = GratificationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], name="unique_gratification_number"
            )
        ]
        ordering = ["-received_on", "-pk"]
        verbose_name = "laporan gratifikasi"
        verbose_name_plural = "laporan gratifikasi"

    def __str__(self) -> str:
        # No reporter, giver or value here: this text reaches the audit log.
        return f"Laporan gratifikasi {self.number}"

    @property
    def reported_late(self) -> bool:
        return self.reported_on > self.due_to_upg

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED
