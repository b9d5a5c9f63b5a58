"""Incidents (insiden, kejadian): what happened, who was involved, who was told and when,
and the follow-up. Confidential: see `IncidentQuerySet.visible_to`."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models import Case
from residence.models.base import EARLIEST_MOMENT
from residence.models.stays import Stay
from sentra.models import Centre
from sentra.scopes import Role, has_role, in_centre


class IncidentKind(models.TextChoices):
    FIGHT = "fight", _("Fight")
    SELF_HARM = "self_harm", _("Self-harm")
    ACCIDENT = "accident", _("Accident")
    PROPERTY_DAMAGE = "property_damage", _("Property damage")
    ABUSE_ALLEGATION = "abuse_allegation", _("Abuse allegation")
    ILLNESS_OUTBREAK = "illness_outbreak", _("Illness outbreak")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    SERIOUS = "serious", _("Serious")


# Kinds the head of centre must hear of whatever their severity.
ALWAYS_TO_THE_HEAD = (IncidentKind.SELF_HARM, IncidentKind.ABUSE_ALLEGATION, IncidentKind.DEATH)


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Incidents of the user's centre for supervisors and health staff; for a social
        worker those they reported or that involve a resident of a case they work. Never
        admins or colleagues. A staff member named in an abuse allegation never sees it
        (the report goes up a line that bypasses them)."""
        rows = self.filter(in_centre(user))
        if not has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.HEALTH_STAFF):
            return rows.none()
        if not user.is_superuser:
            accused = self.model.staff_involved.through.objects.filter(
                user_id=user.pk, incident__kind=IncidentKind.ABUSE_ALLEGATION
            ).values("incident_id")
            rows = rows.exclude(pk__in=accused)
        if has_role(user, Role.SUPERVISOR, Role.HEALTH_STAFF):
            return rows
        involving_own_cases = self.model.residents.through.objects.filter(
            stay__case__in=Case.objects.worked_by(user)
        ).values("incident_id")
        return rows.filter(Q(reported_by_id=user.pk) | Q(pk__in=involving_own_cases))

    def open(self):
        return self.filter(status=Incident.Status.OPEN)


class Incident(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    occurred_at = models.DateTimeField(_("when it happened"))
    place = models.CharField(_("where"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("what happened"))
    immediate_action = models.TextField(_("immediate action"))
    residents = models.ManyToManyField(
        Stay, verbose_name=_("residents involved"), related_name="incidents", blank=True
    )
    staff_involved = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff involved"),
        related_name="+",
        blank=True,
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    supervisor_notified_at = models.DateTimeField(_("supervisor told at"), null=True, blank=True)
    supervisor_notified = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor told"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    head_notified_at = models.DateTimeField(_("head of centre told at"), null=True, blank=True)
    external_notice = models.CharField(
        _("reported outside the centre"),
        max_length=300,
        blank=True,
        help_text=_("Police, child protection services: who, when, report number."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_note = models.TextField(_("closing note"), blank=True)

    objects = IncidentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[residents, staff_involved])

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_at__gte=EARLIEST_MOMENT), name="incident_date_plausible"
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_at__isnull=True))
                | (Q(status="closed") & Q(closed_at__isnull=False)),
                name="incident_closed_with_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"incident {str(self.public_id)[:8]}"

    @property
    def needs_head_notice(self) -> bool:
        return self.severity == Severity.SERIOUS or self.kind in ALWAYS_TO_THE_HEAD

    def supervisor_due_at(self, routine):
        return self.occurred_at + timedelta(hours=routine.incident_supervisor_hours)

    def head_due_at(self, routine):
        return self.occurred_at + timedelta(hours=routine.incident_head_hours)

    def overdue_notices(self, routine, now=None) -> list[str]:
        """Which notices are late: "supervisor", "head"."""
        now = now or timezone.now()
        late = []
        if self.supervisor_notified_at is None and self.supervisor_due_at(routine) < now:
            late.append("supervisor")
        if (
            self.needs_head_notice
            and self.head_notified_at is None
            and self.head_due_at(routine) < now
        ):
            late.append("head")
        return late


class IncidentFollowUp(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="follow_ups")
    action = models.CharField(_("follow-up action"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.action

    @property
    def audit_label(self) -> str:
        return f"incident {str(self.incident.public_id)[:8]} follow-up"

    @property
    def centre(self):
        return self.incident.centre
