"""Survey instruments (as loaded data), periods, layanan, extra questions and responses.

The instruments themselves are versioned YAML files in `instruments/`; a
`SurveyInstrument` row is one loaded version, its whole content kept in `data`.
Index questions are identified by their code in that data (U1..U9 for the SKM,
A1..A5 for IPAK, V1..V8 for IPKP), so a new instrument version needs no schema
change. A response keeps every answer as sent: nothing is dropped, suspicious
rows are flagged, not deleted.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse

from sizi.core.models import TimeStampedModel

if TYPE_CHECKING:
    from sizi.units.models import Unit

# At least 64 bits of randomness; 12 bytes give a 16-character URL-safe token.
PUBLIC_TOKEN_BYTES = 12


def new_public_token() -> str:
    """Return a fresh random, URL-safe token for a period's short link (96 bits)."""
    return secrets.token_urlsafe(PUBLIC_TOKEN_BYTES)


class InstrumentCode(models.TextChoices):
    SKM = "skm", "SKM/IKM"
    IPAK = "ipak", "IPAK"
    IPKP = "ipkp", "IPKP"


class SurveyInstrumentQuerySet(models.QuerySet["SurveyInstrument"]):
    def current(self, code: str, on: date | None = None) -> SurveyInstrument | None:
        """Return the version of `code` in force on `on` (today by default).

        A date before every version's effective date gets the oldest version.
        """
        from django.utils import timezone

        day = on or timezone.localdate()
        versions = self.filter(code=code)
        return (
            versions.filter(effective_from__lte=day)
            .order_by("-effective_from", "-version")
            .first()
        ) or versions.order_by("effective_from", "version").first()


class SurveyInstrument(models.Model):
    """One loaded version of a survey instrument (the YAML file, kept whole)."""

    code = models.CharField("instrumen", max_length=10, choices=InstrumentCode.choices)
    version = models.CharField("versi", max_length=40)
    title = models.CharField("judul", max_length=200)
    source = models.TextField("dasar/sumber")
    effective_from = models.DateField("berlaku mulai")
    data = models.JSONField("isi instrumen")
    content_hash = models.CharField("sidik isi (SHA-256)", max_length=64)
    loaded_at = models.DateTimeField("dimuat", auto_now_add=True)

    objects = SurveyInstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="survey_instrument_unique_version"
            )
        ]
        verbose_name = "instrumen survei"
        verbose_name_plural = "instrumen survei"

    def __str__(self) -> str:
        return f"{self.get_code_display()} versi {self.version}"


class ServiceType(TimeStampedModel):
    """A layanan (service type) of a unit that surveys ask about."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="service_types",
    )
    code = models.SlugField("kode", max_length=60)
    name = models.CharField("nama layanan", max_length=200)
    is_active = models.BooleanField("aktif", default=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["unit", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"], name="service_type_unique_code"
            ),
            models.UniqueConstraint(
                fields=["unit", "name"], name="service_type_unique_name"
            ),
        ]
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"

    def __str__(self) -> str:
        return self.name


class SurveyPeriodQuerySet(models.QuerySet["SurveyPeriod"]):
    def for_unit(self, unit: Unit) -> SurveyPeriodQuerySet:
        return self.filter(unit=unit)

    def with_list_data(self) -> SurveyPeriodQuerySet:
        """Join what a list row shows (instrument, response count)."""
        return self.select_related("instrument", "unit").annotate(
            response_count=models.Count("responses", distinct=True)
        )


class SurveyPeriod(TimeStampedModel):
    """One run of an instrument in a unit: dates, population, layanan, status."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        OPEN = "open", "Dibuka"
        CLOSED = "closed", "Ditutup"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="survey_periods",
    )
    instrument = models.ForeignKey(
        SurveyInstrument,
        verbose_name="instrumen",
        on_delete=models.PROTECT,
        related_name="periods",
    )
    year = models.PositiveSmallIntegerField("tahun")
    title = models.CharField("judul", max_length=200)
    starts_on = models.DateField("mulai")
    ends_on = models.DateField("selesai")
    population = models.PositiveIntegerField(
        "populasi penerima layanan (N)",
        null=True,
        blank=True,
        help_text="Jumlah penerima layanan dalam periode, untuk sampel minimum.",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    public_token = models.CharField(
        "token tautan publik",
        max_length=40,
        unique=True,
        default=new_public_token,
        editable=False,
    )
    service_types: models.ManyToManyField[ServiceType, PeriodService] = (
        models.ManyToManyField(
            ServiceType,
            verbose_name="layanan yang disurvei",
            blank=True,
            related_name="periods",
            through="PeriodService",
        )
    )
    opened_at = models.DateTimeField("dibuka pada", null=True, blank=True)
    closed_at = models.DateTimeField("ditutup pada", null=True, blank=True)
    # Set by the coordinator after closing: the public results page shows the
    # period's aggregates only while this is set (docs/survei.md).
    results_published_at = models.DateTimeField(
        "hasil diumumkan pada", null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SurveyPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-starts_on", "-id"]
        indexes = [models.Index(fields=["unit", "year"])]
        verbose_name = "periode survei"
        verbose_name_plural = "periode survei"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:period_list", args=[self.unit.code])

    @property
    def instrument_code(self) -> str:
        return self.instrument.code

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class PeriodService(models.Model):
    """A layanan covered by a period, with its own population if the unit knows it.

    With a population per layanan the minimum sample is allocated to the
    layanan in proportion (stratified); without it, a layanan only has to be
    represented.
    """

    period = models.ForeignKey(
        SurveyPeriod, verbose_name="periode", on_delete=models.CASCADE
    )
    service_type = models.ForeignKey(
        ServiceType, verbose_name="jenis layanan", on_delete=models.PROTECT
    )
    population = models.PositiveIntegerField(
        "populasi penerima layanan", null=True, blank=True
    )

    class Meta:
        ordering = ["period", "service_type__order", "service_type__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "service_type"], name="period_service_unique"
            )
        ]
        verbose_name = "layanan periode"
        verbose_name_plural = "layanan periode"

    def __str__(self) -> str:
        return f"{self.period} · {self.service_type}"


class UnitQuestion(TimeStampedModel):
    """An extra question a unit adds to its surveys; never part of the index."""

    class Kind(models.TextChoices):
        CHOICE = "choice", "Pilihan"
        TEXT = "text", "Isian singkat"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="survey_questions",
    )
    instrument_code = models.CharField(
        "untuk instrumen",
        max_length=10,
        choices=InstrumentCode.choices,
        blank=True,
        help_text="Kosong: untuk semua instrumen.",
    )
    code = models.SlugField("kode", max_length=40)
    text = models.CharField("pertanyaan", max_length=500)
    kind = models.CharField(
        "jenis jawaban", max_length=10, choices=Kind.choices, default=Kind.CHOICE
    )
    options = models.JSONField("pilihan jawaban", default=list, blank=True)
    is_active = models.BooleanField("aktif", default=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["unit", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"], name="unit_question_unique_code"
            )
        ]
        verbose_name = "pertanyaan tambahan unit"
        verbose_name_plural = "pertanyaan tambahan unit"

    def __str__(self) -> str:
        return self.text


class ResponseImport(models.Model):
    """One imported file (Google Forms / spreadsheet export): who, what, how many."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name="periode",
        on_delete=models.PROTECT,
        related_name="imports",
    )
    filename = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField("sidik berkas (SHA-256)", max_length=64)
    row_count = models.PositiveIntegerField("jumlah baris")
    mapping = models.JSONField("pemetaan kolom", default=dict)
    created_at = models.DateTimeField("diimpor", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diimpor oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "impor jawaban survei"
        verbose_name_plural = "impor jawaban survei"

    def __str__(self) -> str:
        return self.filename


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_period(self, period: SurveyPeriod) -> ResponseQuerySet:
        return self.filter(period=period)


class Response(models.Model):
    """One respondent's questionnaire in a period, with its demographic choice codes."""

    class Channel(models.TextChoices):
        ONLINE = "online", "Daring"
        PAPER = "kertas", "Kertas"
        IMPORT = "impor", "Impor"

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name="periode",
        on_delete=models.PROTECT,
        related_name="responses",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name="jenis layanan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    channel = models.CharField("saluran", max_length=10, choices=Channel.choices)
    submitted_at = models.DateTimeField("waktu pengisian", db_index=True)
    recorded_at = models.DateTimeField("dicatat", auto_now_add=True)
    # An HMAC of the browser's random token under the secret key, never the token.
    device_token_hash = models.CharField(
        "sidik perangkat", max_length=64, blank=True, db_index=True
    )
    gender = models.CharField("jenis kelamin", max_length=40, blank=True)
    age_group = models.CharField("kelompok usia", max_length=40, blank=True)
    education = models.CharField("pendidikan", max_length=40, blank=True)
    occupation = models.CharField("pekerjaan", max_length=40, blank=True)
    suggestion = models.TextField("saran", blank=True)
    extra_answers = models.JSONField(
        "jawaban pertanyaan tambahan", default=dict, blank=True
    )
    is_suspicious = models.BooleanField("mencurigakan", default=False, db_index=True)
    suspicious_reason = models.CharField("alasan ditandai", max_length=200, blank=True)
    source_import = models.ForeignKey(
        ResponseImport,
        verbose_name="dari impor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    source_row = models.PositiveIntegerField("baris di berkas", null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dimasukkan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["period", "submitted_at"])]
        verbose_name = "jawaban responden"
        verbose_name_plural = "jawaban responden"

    def __str__(self) -> str:
        return f"Responden #{self.pk} · {self.period}"


class ResponseAnswer(models.Model):
    """One index answer of a response: the question code and the scale value."""

    response = models.ForeignKey(
        Response,
        verbose_name="jawaban responden",
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.CharField("kode pertanyaan", max_length=20)
    value = models.PositiveSmallIntegerField("nilai")

    class Meta:
        ordering = ["response", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="response_answer_unique"
            )
        ]
        verbose_name = "jawaban per unsur"
        verbose_name_plural = "jawaban per unsur"

    def __str__(self) -> str:
        return f"{self.question}={self.value}"


class FollowUp(TimeStampedModel):
    """A rencana tindak lanjut on one unsur of a period, filed as a Rencana Aksi step."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name="periode",
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    question = models.CharField("unsur/aspek", max_length=20)
    step = models.ForeignKey(
        "plans.ActionStep",
        verbose_name="langkah aksi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_follow_ups",
    )
    text = models.TextField("tindak lanjut")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["period", "question", "id"]
        verbose_name = "tindak lanjut survei"
        verbose_name_plural = "tindak lanjut survei"

    def __str__(self) -> str:
        return self.text[:80]
