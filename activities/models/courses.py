"""Vocational courses (pelatihan vokasional, kursus): a skill taught in modules by an
instructor, participants enrolled from the centre's cases, and each participant's
evaluation per module and final result."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models.activities import EARLIEST
from sentra.scopes import in_centre
from sentra.versioning import Versioned

MAX_CAPACITY = 200


class Skill(models.TextChoices):
    SEWING = "sewing", _("Sewing")
    SALON = "salon", _("Salon and beauty")
    COOKING = "cooking", _("Cooking and food processing")
    WELDING = "welding", _("Welding")
    COMPUTER = "computer", _("Computer")
    AGRICULTURE = "agriculture", _("Agriculture and livestock")
    CRAFTS = "crafts", _("Handicrafts")
    AUTOMOTIVE = "automotive", _("Motorcycle repair")
    OTHER = "other", _("Other")


class Competency(models.TextChoices):
    COMPETENT = "competent", _("Competent")
    NOT_YET = "not_yet", _("Not yet competent")


class CourseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every course of the user's centre."""
        return self.filter(in_centre(user))

    def running_on(self, day: date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Course(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    skill = models.CharField(_("skill"), max_length=20, choices=Skill.choices)
    title = models.CharField(_("title"), max_length=200)
    instructor_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor (staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    instructor_name = models.CharField(_("or external instructor"), max_length=200, blank=True)
    instructor_institution = models.CharField(
        _("instructor's institution"), max_length=200, blank=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (participants)"), default=10)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vocational course")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="course_dates_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="course_capacity_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__gte=EARLIEST), name="course_date_plausible"
            ),
            models.CheckConstraint(
                condition=models.Q(instructor_staff__isnull=False) | ~models.Q(instructor_name=""),
                name="course_has_an_instructor",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        return f"course {self.pk}"

    @property
    def instructor(self) -> str:
        return str(self.instructor_staff) if self.instructor_staff_id else self.instructor_name

    def state_on(self, day: date) -> str:
        if day < self.starts_on:
            return "planned"
        return "finished" if day > self.ends_on else "running"

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())


class Module(models.Model):
    """A unit of the course's curriculum, with its hours."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("module"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    description = models.TextField(_("content"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "order"], name="module_order_in_course"),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=1000), name="module_hours_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def audit_label(self) -> str:
        return f"course module {self.pk}"

    @property
    def centre(self):
        return self.course.centre


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(in_centre(user, "course__centre"))

    def active(self):
        return self.exclude(status=Enrolment.Status.WITHDRAWN)


class Enrolment(Versioned):
    """A case's place in a course (peserta)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Taking part")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="enrolments")
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    withdrawn_reason = models.CharField(_("reason for withdrawing"), max_length=300, blank=True)
    final_result = models.CharField(
        _("final result"), max_length=10, choices=Competency.choices, blank=True
    )
    final_notes = models.TextField(_("instructor's conclusion"), blank=True)
    result_on = models.DateField(_("result date"), null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course participant")
        ordering = ["course", "case__client__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "case"], name="enrolled_once_per_course"),
            models.CheckConstraint(
                condition=models.Q(final_result="") | models.Q(status="completed"),
                name="result_only_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} {self.case_id}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} enrolment"

    @property
    def centre(self):
        return self.course.centre

    @property
    def is_competent(self) -> bool:
        return self.final_result == Competency.COMPETENT


class ModuleEvaluation(Versioned):
    """The instructor's evaluation of one participant on one module: a score, a competency
    level, or both, with comments."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="evaluations")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="evaluations")
    score = models.PositiveSmallIntegerField(_("score (0–100)"), null=True, blank=True)
    level = models.CharField(_("competency"), max_length=10, choices=Competency.choices, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), default=timezone.localdate)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["module__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="one_evaluation_per_module"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=100),
                name="evaluation_score_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=False) | ~models.Q(level=""),
                name="evaluation_has_a_score_or_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.module_id}"

    @property
    def audit_label(self) -> str:
        return f"module evaluation {self.pk}"

    @property
    def centre(self):
        return self.module.course.centre
