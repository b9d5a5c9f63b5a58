"""A centre activity logged once for many people: who ran it, when and where, its photos,
and the attendance of each person (which books a service only when its kind says so)."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models.kinds import ActivityKind
from casework.models import ServiceRecord
from casework.models.stages import Stage
from sentra.scopes import in_centre
from sentra.versioning import Versioned

EARLIEST = date(2000, 1, 1)

# Why a person present got no service, stored as codes ("no_consent;stage:planning") and
# told in the reader's language (activities/rules.py decides them).
NO_CONSENT = "no_consent"
STAGE = "stage"


def describe_refusal(stored: str) -> str:
    texts = []
    for part in filter(None, stored.split(";")):
        code, _sep, detail = part.partition(":")
        if code == NO_CONSENT:
            texts.append(gettext("no consent to services on record"))
        elif code == STAGE:
            stage = Stage(detail).label if detail in Stage.values else detail
            texts.append(
                gettext("stage %(stage)s: services start at intervention") % {"stage": stage}
            )
    return "; ".join(texts)


class ExternalRole(models.TextChoices):
    """Who an external facilitator or instructor is (they have no account)."""

    SPEAKER = "speaker", _("Speaker (narasumber)")
    INSTRUCTOR = "instructor", _("Instructor")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    RELIGIOUS_TEACHER = "religious_teacher", _("Religious teacher")
    HEALTH_WORKER = "health_worker", _("Doctor or nurse")
    VOLUNTEER = "volunteer", _("Volunteer")
    OTHER = "other", _("Other")


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every activity of the user's centre: an attendance list holds only what the
        registry's existence view already shows every staff member (names)."""
        return self.filter(in_centre(user))


class Activity(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitator_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator (staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_activities",
    )
    facilitator_name = models.CharField(_("or external facilitator"), max_length=200, blank=True)
    facilitator_role = models.CharField(
        _("external facilitator is"), max_length=20, choices=ExternalRole.choices, blank=True
    )
    facilitator_institution = models.CharField(_("institution"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    slot = models.ForeignKey(
        "activities.ScheduleSlot",
        verbose_name=_("from the weekly timetable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    course = models.ForeignKey(
        "activities.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    module = models.ForeignKey(
        "activities.Module",
        verbose_name=_("module covered"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    attendance_taken_at = models.DateTimeField(_("attendance taken"), null=True, blank=True)
    attendance_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-starts_at", "-id"]
        indexes = [models.Index(fields=["centre", "held_on"])]
        constraints = [
            # A timetable slot is held at most once a day: opening it twice finds the first.
            models.UniqueConstraint(
                fields=["slot", "held_on"],
                condition=models.Q(slot__isnull=False),
                name="one_session_per_slot_and_day",
            ),
            models.CheckConstraint(
                condition=models.Q(facilitator_staff__isnull=False)
                | ~models.Q(facilitator_name=""),
                name="activity_has_a_facilitator",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(held_on__gte=EARLIEST), name="activity_date_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"

    @property
    def audit_label(self) -> str:
        return f"activity {self.held_on:%Y-%m-%d} {self.kind.code}"

    @property
    def title(self) -> str:
        return self.topic or str(self.kind)

    @property
    def facilitator(self) -> str:
        if self.facilitator_staff_id:
            return str(self.facilitator_staff)
        return self.facilitator_name

    @property
    def attendance_taken(self) -> bool:
        return self.attendance_taken_at is not None


class ActivityPhoto(models.Model):
    """A photo of the activity, in private storage; archived, never deleted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField(upload_to="activities/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=50)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or str(self.public_id)

    @property
    def audit_label(self) -> str:
        return f"activity photo {self.pk}"

    @property
    def centre(self):
        return self.activity.centre


class Attendance(Versioned):
    """One person's part in one activity: on their timeline whatever the kind; a service
    on their case only when the kind books one and their case may receive it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        SICK = "sick", _("Sick")
        ABSENT = "absent", _("Absent")

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="attendances")
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="activity_attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    service = models.OneToOneField(
        ServiceRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity_attendance",
    )
    service_skipped_reason = models.CharField(
        _("why no service was booked"), max_length=300, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "case__client__full_name"]
        constraints = [
            # Taking the attendance twice updates the marks: never a second row, never a
            # second service.
            models.UniqueConstraint(fields=["activity", "case"], name="one_mark_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.case_id} {self.status}"

    @property
    def audit_label(self) -> str:
        return f"attendance {self.pk}"

    @property
    def centre(self):
        return self.activity.centre

    @property
    def is_present(self) -> bool:
        return self.status == self.Status.PRESENT

    @property
    def skipped_because(self) -> str:
        return describe_refusal(self.service_skipped_reason)
