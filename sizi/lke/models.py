"""The LKE ZI: instrument versions as rows, assessments with layered answers, review.

The instrument (areas, sub-areas, questions, weights) is loaded from a versioned
data file by `manage.py load_instrument`; the rows here mirror it so that answers
can point at questions. Scoring reads the weights from the instrument data
(`sizi.lke.scoring`), never from Python constants.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from sizi.core.models import TimeStampedModel


class Layer(models.TextChoices):
    """Who answered: the unit, its parent (pendahuluan), TPI or TPN, lowest first."""

    SELF = "self", "Penilaian mandiri"
    PRELIMINARY = "preliminary", "Penilaian pendahuluan"
    INTERNAL = "internal", "TPI"
    NATIONAL = "national", "TPN"

    @classmethod
    def ordered(cls) -> list[Layer]:
        return [cls.SELF, cls.PRELIMINARY, cls.INTERNAL, cls.NATIONAL]

    @property
    def rank(self) -> int:
        return Layer.ordered().index(self)


LAYER_SHORT = {
    Layer.SELF: "Mandiri",
    Layer.PRELIMINARY: "Pendahuluan",
    Layer.INTERNAL: "TPI",
    Layer.NATIONAL: "TPN",
}


class Predicate(models.TextChoices):
    """The predicate TPI recommends (or TPN awards); ``none`` = belum memenuhi."""

    WBK = "wbk", "Menuju WBK"
    WBBM = "wbbm", "Menuju WBBM"
    NONE = "none", "Belum memenuhi"


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def current(self) -> Instrument | None:
        """Return the instrument in force most recently (latest effective date)."""
        return self.order_by("-effective_date", "-id").first()


class Instrument(TimeStampedModel):
    """One version of the LKE as loaded from its data file."""

    code = models.SlugField("kode", max_length=60)
    version = models.CharField("versi", max_length=40)
    name = models.CharField("nama", max_length=300)
    citation = models.TextField("dasar hukum", blank=True)
    effective_date = models.DateField("berlaku sejak", null=True, blank=True)
    source_path = models.CharField("berkas sumber", max_length=500, blank=True)
    source_hash = models.CharField("SHA-256 berkas sumber", max_length=64)
    source_text = models.TextField("isi berkas sumber")

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="lke_unique_instrument_version"
            )
        ]
        ordering = ["-effective_date", "code", "version"]
        verbose_name = "instrumen LKE"
        verbose_name_plural = "instrumen LKE"

    def __str__(self) -> str:
        return f"{self.name} (versi {self.version})"


class InstrumentArea(models.Model):
    """An area of the instrument (Manajemen Perubahan, ..., or the Hasil block)."""

    instrument = models.ForeignKey(
        Instrument,
        verbose_name="instrumen",
        on_delete=models.CASCADE,
        related_name="areas",
    )
    code = models.CharField("kode", max_length=20)
    name = models.CharField("nama", max_length=300)
    weight = models.DecimalField("bobot", max_digits=7, decimal_places=3, default=0)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="lke_unique_area_code"
            )
        ]
        ordering = ["instrument", "order"]
        verbose_name = "area LKE"
        verbose_name_plural = "area LKE"

    def __str__(self) -> str:
        return self.name


class SubArea(models.Model):
    """A sub-area (indikator) of an area, in the Pemenuhan or Reform part."""

    area = models.ForeignKey(
        InstrumentArea,
        verbose_name="area",
        on_delete=models.CASCADE,
        related_name="sub_areas",
    )
    code = models.CharField("kode", max_length=40)
    part = models.CharField("bagian", max_length=20, blank=True)
    name = models.CharField("nama", max_length=500)
    weight = models.DecimalField("bobot", max_digits=7, decimal_places=3, default=0)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "part", "code"], name="lke_unique_sub_area_code"
            )
        ]
        ordering = ["area", "order"]
        verbose_name = "sub-area LKE"
        verbose_name_plural = "sub-area LKE"

    def __str__(self) -> str:
        return self.name


class QuestionQuerySet(models.QuerySet["Question"]):
    def for_instrument(self, instrument: Instrument) -> QuestionQuerySet:
        return self.filter(instrument=instrument).select_related("sub_area__area")


class Question(models.Model):
    """One scored item of the instrument, with its options or numeric inputs."""

    instrument = models.ForeignKey(
        Instrument,
        verbose_name="instrumen",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    sub_area = models.ForeignKey(
        SubArea,
        verbose_name="sub-area",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    code = models.CharField("kode", max_length=40)
    text = models.TextField("pertanyaan")
    guidance = models.TextField("penjelasan / kriteria", blank=True)
    answer_type = models.CharField("jenis jawaban", max_length=20)
    options = models.JSONField("pilihan jawaban", default=list, blank=True)
    inputs = models.JSONField("isian angka", default=list, blank=True)
    group = models.CharField("kelompok", max_length=200, blank=True)
    weight = models.DecimalField(
        "bobot sendiri", max_digits=7, decimal_places=3, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="lke_unique_question_code"
            )
        ]
        ordering = ["instrument", "order"]
        verbose_name = "pertanyaan LKE"
        verbose_name_plural = "pertanyaan LKE"

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_unit(self, unit: Any) -> AssessmentQuerySet:
        return self.filter(unit=unit)

    def in_units(self, unit_ids: Any) -> AssessmentQuerySet:
        return self.filter(unit_id__in=unit_ids)


class Assessment(TimeStampedModel):
    """A unit's LKE for one year and instrument version, through the review stages."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf penilaian mandiri"
        SUBMITTED = "submitted", "Diajukan"
        PRELIMINARY_REVIEW = "preliminary_review", "Penilaian pendahuluan"
        RETURNED = "returned", "Dikembalikan untuk perbaikan"
        FORWARDED = "forwarded", "Diteruskan ke TPI"
        INTERNAL_REVIEW = "internal_review", "Dinilai TPI"
        CONCLUDED_MET = "concluded_met", "TPI: memenuhi"
        CONCLUDED_NOT_MET = "concluded_not_met", "TPI: belum memenuhi"
        NATIONAL_RECORDED = "national_recorded", "Nilai TPN dicatat"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="lke_assessments",
    )
    year = models.PositiveSmallIntegerField("tahun")
    instrument = models.ForeignKey(
        Instrument,
        verbose_name="instrumen",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(
        "status",
        max_length=30,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField("versi", default=1)
    submitted_at = models.DateTimeField("diajukan", null=True, blank=True)
    concluded_at = models.DateTimeField("disimpulkan", null=True, blank=True)
    conclusion_note = models.TextField("catatan simpulan TPI", blank=True)
    # The unit's pimpinan approves the self-assessment before it is submitted;
    # any change of the self layer afterwards withdraws the approval.
    approved_at = models.DateTimeField("disetujui pimpinan", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="disetujui oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommendation = models.CharField(
        "rekomendasi predikat TPI",
        max_length=10,
        choices=Predicate.choices,
        blank=True,
    )
    conclusion_total = models.DecimalField(
        "nilai TPI saat simpulan",
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
    )
    adopted_layer = models.CharField(
        "TPI mengadopsi jawaban lapisan",
        max_length=20,
        choices=Layer.choices,
        blank=True,
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="lke_unique_assessment_year"
            )
        ]
        ordering = ["unit__path", "-year"]
        verbose_name = "penilaian LKE"
        verbose_name_plural = "penilaian LKE"

    def __str__(self) -> str:
        return f"LKE {self.year} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("lke:score", args=[self.unit.code, self.year])

    @property
    def is_concluded(self) -> bool:
        return self.status in {
            self.Status.CONCLUDED_MET,
            self.Status.CONCLUDED_NOT_MET,
            self.Status.NATIONAL_RECORDED,
        }


class AnswerQuerySet(models.QuerySet["Answer"]):
    def for_assessments(self, assessment_ids: Any) -> AnswerQuerySet:
        return self.filter(assessment_id__in=assessment_ids)


class Answer(models.Model):
    """One layer's answer to one question: value, numeric inputs, note, evidence."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="penilaian",
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name="pertanyaan",
        on_delete=models.PROTECT,
        related_name="answers",
    )
    layer = models.CharField("lapisan", max_length=20, choices=Layer.choices)
    value = models.CharField("jawaban", max_length=20, blank=True)
    inputs = models.JSONField("isian angka", default=dict, blank=True)
    note = models.TextField("catatan", blank=True)
    evidence = models.ManyToManyField(
        "evidence.Evidence",
        verbose_name="bukti dukung",
        blank=True,
        related_name="lke_answers",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("diubah", auto_now=True)
    version = models.PositiveIntegerField("versi", default=1)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question", "layer"],
                name="lke_unique_answer_layer",
            )
        ]
        ordering = ["assessment", "question__order", "layer"]
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"

    def __str__(self) -> str:
        return f"{self.question.code} ({Layer(self.layer).label})"


class ResultInput(models.Model):
    """The Hasil inputs of one layer: IPAK and IPKP (0–4) with source, capaian A–E."""

    class Performance(models.TextChoices):
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"
        D = "D", "D"
        E = "E", "E"

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="penilaian",
        on_delete=models.CASCADE,
        related_name="result_inputs",
    )
    layer = models.CharField("lapisan", max_length=20, choices=Layer.choices)
    ipak = models.DecimalField(
        "IPAK (0–4)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    ipak_source = models.CharField("sumber IPAK", max_length=300, blank=True)
    ipkp = models.DecimalField(
        "IPKP (0–4)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    ipkp_source = models.CharField("sumber IPKP", max_length=300, blank=True)
    performance = models.CharField(
        "capaian kinerja", max_length=1, choices=Performance.choices, blank=True
    )
    performance_note = models.TextField("keterangan capaian kinerja", blank=True)
    # Hasil items of other instrument versions, by their key in the instrument file.
    other = models.JSONField("isian hasil lain", default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("diubah", auto_now=True)
    version = models.PositiveIntegerField("versi", default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "layer"], name="lke_unique_result_layer"
            )
        ]
        ordering = ["assessment", "layer"]
        verbose_name = "isian hasil"
        verbose_name_plural = "isian hasil"

    def __str__(self) -> str:
        return f"Komponen hasil ({Layer(self.layer).label}) {self.assessment}"


class ReviewNote(TimeStampedModel):
    """A reviewer's note on one question; `returned` items go back to the unit."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="penilaian",
        on_delete=models.CASCADE,
        related_name="review_notes",
    )
    question = models.ForeignKey(
        Question,
        verbose_name="pertanyaan",
        on_delete=models.PROTECT,
        related_name="review_notes",
    )
    layer = models.CharField("lapisan penilai", max_length=20, choices=Layer.choices)
    text = models.TextField("catatan")
    returned = models.BooleanField("dikembalikan untuk diperbaiki", default=True)
    resolved = models.BooleanField("sudah ditanggapi", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penulis",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["assessment", "question__order", "created_at"]
        verbose_name = "catatan penilai"
        verbose_name_plural = "catatan penilai"

    def __str__(self) -> str:
        return f"{self.question.code}: {self.text[:60]}"


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Salinan pengajuan tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Salinan pengajuan tidak dapat dihapus.")


class Submission(models.Model):
    """A frozen snapshot of an assessment at a transition, with its own SHA-256."""

    class Kind(models.TextChoices):
        SELF = "self", "Pengajuan penilaian mandiri"
        FORWARD = "forward", "Penilaian pendahuluan diteruskan"
        RETURN = "return", "Dikembalikan ke unit"
        CONCLUSION = "conclusion", "Simpulan TPI"
        NATIONAL = "national", "Nilai TPN"

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="penilaian",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    number = models.PositiveIntegerField("nomor")
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    at = models.DateTimeField("waktu", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField("isi salinan")
    sha256 = models.CharField("SHA-256", max_length=64)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="lke_unique_submission_number"
            )
        ]
        ordering = ["assessment", "number"]
        verbose_name = "salinan pengajuan"
        verbose_name_plural = "salinan pengajuan"

    def __str__(self) -> str:
        return f"#{self.number} {self.get_kind_display()} {self.sha256[:12]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An integrity guard, not domain logic: a frozen snapshot never changes.
        if not self._state.adding:
            raise PermissionError("Salinan pengajuan tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Salinan pengajuan tidak dapat dihapus.")


class LayerScore(models.Model):
    """The score of one assessment in one layer, kept current by the services."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="penilaian",
        on_delete=models.CASCADE,
        related_name="scores",
    )
    layer = models.CharField("lapisan", max_length=20, choices=Layer.choices)
    total = models.DecimalField(
        "nilai total", max_digits=8, decimal_places=4, default=0
    )
    enablers = models.DecimalField(
        "pengungkit", max_digits=8, decimal_places=4, default=0
    )
    results = models.DecimalField("hasil", max_digits=8, decimal_places=4, default=0)
    answered = models.PositiveIntegerField("terjawab", default=0)
    question_count = models.PositiveIntegerField("jumlah pertanyaan", default=0)
    eligible_wbk = models.BooleanField("memenuhi syarat WBK", default=False)
    eligible_wbbm = models.BooleanField("memenuhi syarat WBBM", default=False)
    areas = models.JSONField("nilai per area", default=dict, blank=True)
    computed_at = models.DateTimeField("dihitung", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "layer"], name="lke_unique_layer_score"
            )
        ]
        verbose_name = "nilai per lapisan"
        verbose_name_plural = "nilai per lapisan"

    def __str__(self) -> str:
        return f"{self.assessment} [{self.layer}] {self.total}"


class QuestionIndicatorLink(TimeStampedModel):
    """A plan indicator serving an LKE question: suggested by similarity, confirmed."""

    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name="indikator rencana aksi",
        on_delete=models.CASCADE,
        related_name="lke_links",
    )
    question = models.ForeignKey(
        Question,
        verbose_name="pertanyaan",
        on_delete=models.CASCADE,
        related_name="indicator_links",
    )
    confirmed = models.BooleanField("dikonfirmasi", default=False)
    suggested_score = models.FloatField("skor kemiripan", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dikonfirmasi oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "question"], name="lke_unique_indicator_question"
            )
        ]
        ordering = ["question__order", "-suggested_score"]
        verbose_name = "tautan indikator–pertanyaan"
        verbose_name_plural = "tautan indikator–pertanyaan"

    def __str__(self) -> str:
        return f"{self.question.code} ↔ {self.indicator_id}"


# The models of closing an evaluation (predicate history, LHE, findings) live
# in their own module; importing them here registers them with the app.
from sizi.lke.closing_models import EvaluationReport as EvaluationReport  # noqa: E402
from sizi.lke.closing_models import FindingAction as FindingAction  # noqa: E402
from sizi.lke.closing_models import NoteReply as NoteReply  # noqa: E402
from sizi.lke.closing_models import PredicateRecord as PredicateRecord  # noqa: E402
