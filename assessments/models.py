"""Assessment instruments (versioned definitions) and the assessments made with them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments import schema
from sentra.scopes import related_model
from sentra.versioning import Versioned


class InstrumentKind(models.TextChoices):
    RAPID = "rapid", _("Rapid assessment")
    COMPREHENSIVE = "comprehensive", _("Comprehensive ATENSI assessment")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    SCREENING = "screening", _("Initial screening (asesmen awal)")
    WELLBEING = "wellbeing", _("Scored wellbeing")
    OTHER = "other", _("Other")


class InstrumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """National instruments (no centre: published by a superuser) are shared by every
        centre; a centre's own instruments are seen only in that centre. A centre's admin
        must never be able to put questions in front of another centre's staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(centre__isnull=True) | Q(centre_id=user.centre_id))

    def usable_in(self, centre):
        """Instruments a case of `centre` may be assessed with."""
        return self.filter(Q(centre__isnull=True) | Q(centre=centre))

    def published(self):
        return self.filter(status=Instrument.Status.PUBLISHED)

    def current(self, code: str):
        return self.published().filter(code=code).order_by("-version").first()


class Instrument(Versioned):
    """One version of an instrument. A published version is never edited: changes make a
    new version, so every assessment keeps the questions it was answered with."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    code = models.SlugField(_("code"), max_length=50)
    # Null: a national instrument, which only a superuser imports and publishes.
    centre = models.ForeignKey(
        "sentra.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    definition = models.JSONField(_("definition"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstrumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_row_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def name(self) -> str:
        return schema.text({"id": self.name_id, "en": self.name_en})

    @property
    def audit_label(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def domains(self) -> list[dict]:
        return self.definition.get("domains", [])


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assessments follow their case's rule. The case model is reached through the
        relation, not imported: the case workflow stands above the assessments."""
        cases = related_model(self.model, "case").objects.visible_to(user)  # type: ignore[attr-defined]
        return self.filter(case__in=cases)

    def of_kind(self, kind: str):
        return self.filter(instrument__kind=kind)

    def submitted(self):
        return self.filter(status=Assessment.Status.SUBMITTED)


class Assessment(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.instrument}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} {self.instrument.code}"

    @property
    def centre(self):
        return self.case.centre

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Contributor(models.Model):
    """Someone of another profession who assessed part of an assessment: named, with their
    role, and the sections they answered for."""

    class Profession(models.TextChoices):
        PSYCHOLOGIST = "psychologist", _("Psychologist")
        NURSE = "nurse", _("Nurse")
        DOCTOR = "doctor", _("Doctor")
        INSTRUCTOR = "instructor", _("Vocational instructor")
        ADDICTION_COUNSELLOR = "addiction_counsellor", _("Addiction counsellor")
        SOCIAL_WORKER = "social_worker", _("Social worker")
        OTHER = "other", _("Other profession")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="contributors"
    )
    name = models.CharField(_("name"), max_length=200)
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    role = models.CharField(
        _("position or institution"),
        max_length=200,
        blank=True,
        help_text=_("e.g. psychologist of the Puskesmas, nurse of the centre"),
    )
    sections = models.JSONField(verbose_name=_("sections"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sections=[]), name="contributor_has_a_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_profession_display()})"

    @property
    def audit_label(self) -> str:
        return f"{self.assessment.audit_label} {self.profession}"

    @property
    def centre(self):
        return self.assessment.centre
