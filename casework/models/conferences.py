"""Case conferences: multi-professional meetings that agree plans and decide on cases."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.cases import Case
from sentra import bounds
from sentra.scopes import in_centre, sees_whole_centre
from sentra.versioning import Versioned


class ConferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Conferences of the user's centre that they attend, or that discuss a case they
        may see (supervisors and admins see all of the centre's)."""
        conferences = self.filter(in_centre(user))
        if sees_whole_centre(user):
            return conferences
        invited = ConferenceAttendee.objects.filter(staff_id=user.pk).values("conference_id")
        discussing = ConferenceCase.objects.filter(case__in=Case.objects.visible_to(user)).values(
            "conference_id"
        )
        return conferences.filter(models.Q(pk__in=invited) | models.Q(pk__in=discussing))


class Conference(Versioned):
    class Kind(models.TextChoices):
        CASE = "case", _("Case conference")
        FAMILY = "family", _("Family conference")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        FINAL = "final", _("Minutes final")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CASE)
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    cases = models.ManyToManyField(
        "casework.Case", through="ConferenceCase", related_name="conferences"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(_("minutes finalised"), null=True, blank=True)

    objects = ConferenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case conference")
        ordering = ["-scheduled_at"]
        constraints = [
            bounds.date_check("scheduled_at", "conference_scheduled_at_plausible", moment=True)
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"conference {self.scheduled_at:%Y-%m-%d}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def has_started(self) -> bool:
        return self.scheduled_at <= timezone.now()


class ConferenceCase(Versioned):
    """A case on the agenda, and what the conference decided about it."""

    class Decision(models.TextChoices):
        APPROVE_PLAN = "approve_plan", _("Approve the plan")
        REVISE_PLAN = "revise_plan", _("Revise the plan")
        REFER = "refer", _("Refer")
        TERMINATE = "terminate", _("Terminate")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="agenda_items"
    )
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="conference_items"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_notes = models.TextField(_("decision notes"), blank=True)
    # The plan version this decision agreed: approved here, or (when a supervisor had
    # already approved it in review) endorsed here. Set when the minutes are finalised.
    plan = models.ForeignKey(
        "casework.PlanVersion",
        verbose_name=_("plan version agreed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_items",
    )
    follow_up = models.TextField(
        _("follow-up actions"),
        blank=True,
        help_text=_(
            "One action per line; each becomes a task for the case's primary "
            "social worker when the minutes are finalised."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "case"], name="case_once_per_conference"),
        ]

    def __str__(self) -> str:
        return f"{self.conference} {self.case_id}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} conference decision"

    @property
    def centre(self):
        return self.conference.centre


class ConferenceAttendee(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendees")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_invitations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    profession = models.CharField(
        _("profession"),
        max_length=100,
        blank=True,
        help_text=_("e.g. psychologist, doctor, teacher, police"),
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    # The person themself and their family take part too (casework/models/participation.py).
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("the client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    family_member = models.ForeignKey(
        "clients.FamilyMember",
        verbose_name=_("family member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["staff__full_name", "name"]

    def __str__(self) -> str:
        if self.staff is not None:
            return self.staff.full_name
        if self.client is not None:
            return self.client.full_name
        if self.family_member is not None:
            return self.family_member.name
        return self.name

    @property
    def is_external(self) -> bool:
        return self.staff_id is None and not self.is_person_of_the_case

    @property
    def is_person_of_the_case(self) -> bool:
        """The client or one of their family: not a professional."""
        return self.client_id is not None or self.family_member_id is not None


class ConferenceAmendment(models.Model):
    """A correction to final minutes: the minutes stay as they were, this is added."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="amendments")
    text = models.TextField(_("correction"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"{self.conference}: {self.text[:40]}"
