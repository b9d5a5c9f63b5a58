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
        SUBJECT_PDF = "subject_pdf", _("Subject access export (PDF)")
        SUBJECT_JSON = "subject_json", _("Subject access export (JSON)")
        LETTER_PDF = "letter_pdf", _("Official letter (PDF)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    MONTHLY_KINDS = (Kind.MONTHLY_PDF, Kind.MONTHLY_XLSX, Kind.MONTHLY_CSV)
    SUBJECT_KINDS = (Kind.SUBJECT_PDF, Kind.SUBJECT_JSON)
    MAX_ATTEMPTS = 3
    EXTENSIONS = {
        Kind.CASE_PDF: "pdf",
        Kind.MONTHLY_PDF: "pdf",
        Kind.MONTHLY_XLSX: "xlsx",
        Kind.MONTHLY_CSV: "zip",
        Kind.CERTIFICATE_PDF: "pdf",
        Kind.SUBJECT_PDF: "pdf",
        Kind.SUBJECT_JSON: "json",
        Kind.LETTER_PDF: "pdf",
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


class LetterSequence(models.Model):
    """The last letter number a centre gave in a year. Numbers are taken under a row lock
    (select_for_update), so two letters issued at once never share a number."""

    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="letter_sequence_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.year}: {self.last}"


class LetterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Letters of the user's centre whose case the user may see (every letter of the
        centre for supervisors, admins read none through this: they verify by code)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # The case model is reached through the relation, not imported (casework is a
        # product app beside reports; the visibility rule lives with the case).
        cases = self.model._meta.get_field("case").related_model.objects.visible_to(user)  # type: ignore[union-attr]
        return self.filter(centre_id=user.centre_id, case__in=cases)

    def of_centre(self, user):
        """Every letter of the user's centre: the verification page looks codes up here."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(centre_id=user.centre_id)


class Letter(models.Model):
    """An official letter or record issued from a case. What it says is kept (`content`)
    when it is issued, so a re-print is the same document; a cancelled letter keeps its
    number."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Referral letter (surat rujukan)")
        ADMISSION = "admission", _("Admission record (berita acara penerimaan)")
        AGREEMENT = "agreement", _("Service agreement (kesepakatan layanan)")
        HANDOVER = "handover", _("Handover record (berita acara serah terima)")
        SOCIAL_REPORT = "social_report", _("Social report (laporan sosial)")
        COMPLETION = "completion", _("Certificate of completed services")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind of letter"), max_length=20, choices=Kind.choices)
    source_id = models.PositiveIntegerField(null=True, blank=True)  # the referral or termination
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("letter number"), max_length=120)
    issued_on = models.DateField(_("date"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    verification_code = models.CharField(_("verification code"), max_length=12, unique=True)
    content = models.JSONField(default=dict)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "sequence"], name="letter_sequence_unique"
            ),
            models.UniqueConstraint(fields=["centre", "number"], name="letter_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_label(self) -> str:
        return self.number

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class PeriodSummary(models.Model):
    """The dashboard's summary figures of one closed period of one centre, as a report job
    counted them (reports/summaries.py says when they are written and read)."""

    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8)  # reports.monthly.period: month, quarter, ytd
    first = models.DateField()
    end = models.DateField()  # the day after the last day
    clients_served = models.PositiveIntegerField()
    admissions = models.PositiveIntegerField()
    terminations = models.PositiveIntegerField()
    services = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField()
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "kind", "first"], name="one_summary_per_centre_period"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("first")), name="summary_period_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.kind} {self.first}"
