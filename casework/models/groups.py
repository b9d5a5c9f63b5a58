"""Group work: groups of clients of one type, and their sessions with attendance."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.cases import Case
from casework.models.service_records import ServiceType
from sentra.scopes import in_centre, sees_whole_centre


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups of the centre; a social worker sees those they facilitate or that include
        a case they may open."""
        groups = self.filter(in_centre(user))
        if sees_whole_centre(user):
            return groups
        with_visible_members = self.model.members.through.objects.filter(
            case__in=Case.objects.visible_to(user)
        ).values("group_id")
        return groups.filter(
            models.Q(facilitator_id=user.pk) | models.Q(pk__in=with_visible_members)
        )


class Group(models.Model):
    class Kind(models.TextChoices):
        EDUCATIONAL = "educational", _("Educational")
        SOCIALISATION = "socialisation", _("Socialisation")
        THERAPEUTIC = "therapeutic", _("Therapeutic")
        SELF_HELP = "self_help", _("Self-help")
        RECREATIONAL = "recreational", _("Recreational skill")

    NORMAL_SIZE = (4, 8)
    WARN_ABOVE = 10

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("purpose"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="facilitated_groups",
    )
    members = models.ManyToManyField(
        "casework.Case", verbose_name=_("members"), related_name="groups"
    )
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service recorded for attendance"), on_delete=models.PROTECT
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = GroupQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return f"group {self.pk}"


class GroupSession(models.Model):
    class Stage(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        BEGINNING = "beginning", _("Beginning")
        TRANSITION = "transition", _("Transition")
        WORKING = "working", _("Working")
        ENDING = "ending", _("Ending")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    stage = models.CharField(_("group stage"), max_length=20, choices=Stage.choices)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    attendees = models.ManyToManyField(
        "casework.Case", verbose_name=_("present"), blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"

    @property
    def audit_label(self) -> str:
        return f"group session {self.pk}"

    @property
    def centre(self):
        return self.group.centre
