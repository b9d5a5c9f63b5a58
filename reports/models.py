"""Report runs: the database row is the truth about a report; Celery only rings the bell."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sentra.scopes import Role, has_role


class ReportRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Runs the user asked for, and (supervisors, admins) the centre's monthly reports."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = models.Q(requested_by_id=user.pk)
        if has_role(user, Role.ADMIN, Role.SUPERVISOR) and user.centre_id:
            monthly = models.Q(kind__in=ReportRun.MONTHLY_KINDS, centre_id=user.centre_id)
            return self.filter(own | monthly)
        return self.filter(own)


class ReportRun(models.Model):
    class Kind(models.TextChoices):
        CASE_PDF = "case_pdf", _("Case report (PDF)")
        MONTHLY_PDF = "monthly_pdf", _("Monthly report (PDF)")
        MONTHLY_XLSX = "monthly_xlsx", _("Monthly report (XLSX)")
        MONTHLY_CSV = "monthly_csv", _("Monthly report (CSV)")
        CERTIFICATE_PDF = "certificate_pdf", _("Course certificate (PDF)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    MONTHLY_KINDS = (Kind.MONTHLY_PDF, Kind.MONTHLY_XLSX, Kind.MONTHLY_CSV)
    MAX_ATTEMPTS = 3
    EXTENSIONS = {
        Kind.CASE_PDF: "pdf",
        Kind.MONTHLY_PDF: "pdf",
        Kind.MONTHLY_XLSX: "xlsx",
        Kind.MONTHLY_CSV: "csv",
        Kind.CERTIFICATE_PDF: "pdf",
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)
    language = models.CharField(max_length=10, default="id")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    # When the bell was last rung (a message published) for this run: the sweeper rings
    # again only once this is older than the lease, so an outage does not flood the queue.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    # The same report for the same requester: at most one of them queued or running at a
    # time, enforced by the partial unique constraint below (not by a read before insert).
    dedupe_key = models.CharField(max_length=64, blank=True, default="")
    file = models.FileField(max_length=200, blank=True)
    filename = models.CharField(max_length=120, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=models.Q(status__in=["pending", "running"]) & ~models.Q(dedupe_key=""),
                name="one_open_run_per_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"

    @property
    def audit_label(self) -> str:
        return self.filename or self.kind

    @property
    def extension(self) -> str:
        return self.EXTENSIONS[self.Kind(self.kind)]

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
