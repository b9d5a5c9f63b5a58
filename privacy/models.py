"""The duties of Indonesia's data-protection law (UU 27/2022 PDP) as records: the subject's
access requests, each centre's retention period, anonymisation runs and the breach register.
A client's restriction of processing lives with the client (clients.ProcessingRestriction)."""

import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reports.models import ReportRun
from sentra.models import Centre
from sentra.scopes import in_centre
from sentra.versioning import Versioned

# UU PDP art. 46: subjects and the authority are told of a breach within 3 x 24 hours.
BREACH_NOTICE_HOURS = 72
PLAUSIBLE_PAST = "2000-01-01"


class CentreScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rows of the user's own centre (every centre for a superuser)."""
        return self.filter(in_centre(user))


class RetentionPolicy(Versioned):
    """How long a centre keeps a closed case before it is anonymised."""

    centre = models.OneToOneField(Centre, on_delete=models.PROTECT, related_name="retention")
    years_after_closure = models.PositiveSmallIntegerField(
        _("years to keep a closed case"),
        default=10,
        help_text=_("After this many years from closure a case and its client are anonymised."),
    )

    history = HistoricalRecords()

    objects = CentreScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention period")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_after_closure__gte=1, years_after_closure__lte=100),
                name="retention_between_1_and_100_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre.code}: {self.years_after_closure}"

    @property
    def audit_label(self) -> str:
        return f"{self.centre.code} retention"


class SubjectAccessRequest(models.Model):
    """A client (or their guardian) asks for everything the centre holds about them. The
    export is prepared only after a supervisor approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a supervisor")
        APPROVED = "approved", _("Approved, export prepared")
        REFUSED = "refused", _("Refused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="access_requests"
    )
    asked_by = models.CharField(
        _("asked by"), max_length=200, help_text=_("The client, or who asks on their behalf.")
    )
    asked_on = models.DateField(_("asked on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)
    pdf_run = models.ForeignKey(
        ReportRun, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    json_run = models.ForeignKey(
        ReportRun, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CentreScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("subject access request")
        ordering = ["-asked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(asked_on__gte=PLAUSIBLE_PAST),
                name="access_request_in_plausible_past",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.asked_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} access request"


class AnonymisationRun(models.Model):
    """One pass of the retention rule over a centre: what was anonymised, by whom (None:
    the scheduled task), when."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    closed_before = models.DateTimeField()
    cases = models.PositiveIntegerField(default=0)
    clients = models.PositiveIntegerField(default=0)

    objects = CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.run_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"anonymisation {self.run_at:%Y-%m-%d}"


class BreachIncident(Versioned):
    """An entry of the breach register, with the 3 x 24 hour clock for notification."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT)
    title = models.CharField(_("incident"), max_length=200)
    description = models.TextField(_("what happened"), max_length=5000)
    data_affected = models.TextField(_("what data"), max_length=2000)
    subjects_affected = models.TextField(
        _("whose data"), max_length=2000, help_text=_("Which clients or groups, and how many.")
    )
    people_affected = models.PositiveIntegerField(_("number of people affected"), default=0)
    discovered_at = models.DateTimeField(_("found at"))
    subjects_notified_at = models.DateTimeField(_("subjects told at"), null=True, blank=True)
    authority_notified_at = models.DateTimeField(_("authority told at"), null=True, blank=True)
    actions = models.TextField(_("actions taken"), blank=True, max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CentreScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data breach")
        ordering = ["-discovered_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discovered_at__gte=datetime(2000, 1, 1, tzinfo=UTC)),
                name="breach_found_in_plausible_past",
            ),
            models.CheckConstraint(
                condition=models.Q(people_affected__lte=10_000_000),
                name="breach_people_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        return f"breach {self.discovered_at:%Y-%m-%d}"

    @property
    def notify_by(self):
        return self.discovered_at + timedelta(hours=BREACH_NOTICE_HOURS)

    @property
    def is_notified(self) -> bool:
        return self.subjects_notified_at is not None and self.authority_notified_at is not None

    def hours_left(self, now=None) -> float:
        """Hours until the notification deadline; negative once it has passed."""
        now = now or timezone.now()
        return (self.notify_by - now).total_seconds() / 3600
