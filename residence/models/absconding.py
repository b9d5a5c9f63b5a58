"""Absconding (kabur): a report opened when a resident is missing, the people told, the
search, and the end (the resident came back, or the report was closed)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import StayRecordQuerySet
from residence.models.rollcall import RollCallMark
from residence.models.stays import Stay


class AbscondingStatus(models.TextChoices):
    OPEN = "open", _("Missing")
    RETURNED = "returned", _("Came back")
    CLOSED = "closed", _("Closed, not found")


class AbscondingQuerySet(StayRecordQuerySet):
    def open(self):
        return self.filter(status=AbscondingStatus.OPEN)


class AbscondingReport(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="absconding_reports")
    last_seen_at = models.DateTimeField(_("last seen"))
    last_seen_where = models.CharField(_("last seen where"), max_length=200, blank=True)
    circumstances = models.TextField(_("circumstances"))
    roll_call_mark = models.OneToOneField(
        RollCallMark,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="absconding_report",
        help_text=_("The roll-call mark that opened this report, if any."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=AbscondingStatus.choices, default=AbscondingStatus.OPEN
    )
    resolved_at = models.DateTimeField(_("came back / closed at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(_("how it ended"), blank=True)

    objects = AbscondingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("absconding report")
        verbose_name_plural = _("absconding reports")
        ordering = ["-last_seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stay"],
                condition=Q(status=AbscondingStatus.OPEN),
                name="one_open_absconding_report_per_stay",
            ),
            models.CheckConstraint(
                condition=(Q(status=AbscondingStatus.OPEN) & Q(resolved_at__isnull=True))
                | (~Q(status=AbscondingStatus.OPEN) & Q(resolved_at__isnull=False)),
                name="absconding_resolved_when_not_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stay_id} {self.last_seen_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} absconding"

    @property
    def centre(self):
        return self.stay.centre

    @property
    def is_open(self) -> bool:
        return self.status == AbscondingStatus.OPEN

    @property
    def hours_missing(self) -> int:
        end = self.resolved_at or timezone.now()
        return max(0, int((end - self.last_seen_at).total_seconds() // 3600))


class AbscondingAction(models.Model):
    """Someone told (family, police, the referring institution) or a search made."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family told")
        POLICE = "police", _("Police told")
        REFERRER = "referrer", _("Referring institution told")
        SEARCH = "search", _("Search for the resident")
        OTHER = "other", _("Other")

    # Who must be told of every absconding; the report shows those not told yet.
    MUST_TELL = {
        Kind.FAMILY: _("Family"),
        Kind.POLICE: _("Police"),
        Kind.REFERRER: _("Referring institution"),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(AbscondingReport, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    done_at = models.DateTimeField(_("when"), default=timezone.now)
    detail = models.CharField(
        _("details"),
        max_length=500,
        help_text=_("Who was told or where you searched, and the result."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["done_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_at:%Y-%m-%d %H:%M}"

    @property
    def audit_label(self) -> str:
        return f"{self.report.stay.case.number} absconding action"

    @property
    def centre(self):
        return self.report.stay.centre
