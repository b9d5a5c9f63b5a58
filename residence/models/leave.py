"""Home leave and outings (izin pulang, izin keluar): asked, approved, out, back."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import StayRecordQuerySet
from residence.models.stays import Stay


class LeaveKind(models.TextChoices):
    HOME = "home", _("Home leave (izin pulang)")
    OUTING = "outing", _("Outing (izin keluar)")


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class LeaveQuerySet(StayRecordQuerySet):
    def awaiting_decision(self):
        return self.filter(status=LeaveStatus.REQUESTED)

    def out(self):
        """Residents who left on approved leave and are not back yet."""
        return self.filter(
            status=LeaveStatus.APPROVED, departed_at__isnull=False, returned_at__isnull=True
        )

    def overdue(self, now=None):
        return self.out().filter(due_back_at__lt=now or timezone.now())


class LeaveRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="leaves")
    kind = models.CharField(_("kind"), max_length=10, choices=LeaveKind.choices)
    leaves_at = models.DateTimeField(_("leaves"))
    due_back_at = models.DateTimeField(_("due back"))
    destination = models.CharField(_("destination"), max_length=300)
    accompanied_by = models.CharField(
        _("accompanied by"),
        max_length=200,
        blank=True,
        help_text=_("Name and relationship, e.g. Ibu Sumarni (aunt)."),
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    departed_at = models.DateTimeField(_("left the centre"), null=True, blank=True)
    returned_at = models.DateTimeField(_("came back"), null=True, blank=True)
    return_note = models.CharField(_("note on return"), max_length=300, blank=True)

    objects = LeaveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-leaves_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_back_at__gt=F("leaves_at")), name="leave_back_after_leaving"
            ),
            models.CheckConstraint(
                condition=Q(departed_at__isnull=True) | Q(status=LeaveStatus.APPROVED),
                name="leave_departs_only_when_approved",
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True)
                | (Q(departed_at__isnull=False) & Q(returned_at__gte=F("departed_at"))),
                name="leave_returns_after_departing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.leaves_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} leave"

    @property
    def centre(self):
        return self.stay.centre

    @property
    def is_out(self) -> bool:
        return (
            self.status == LeaveStatus.APPROVED
            and self.departed_at is not None
            and self.returned_at is None
        )

    @property
    def is_overdue(self) -> bool:
        return self.is_out and self.due_back_at < timezone.now()

    @property
    def returned_late(self) -> bool:
        return self.returned_at is not None and self.returned_at > self.due_back_at

    @property
    def hours_late(self) -> int:
        end = self.returned_at or timezone.now()
        return max(0, int((end - self.due_back_at).total_seconds() // 3600))
