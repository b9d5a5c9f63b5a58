"""Reviews: what awaits a supervisor's decision (a plan version, a termination request)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.plans import PlanVersion


class Review(CaseRecord):
    """Something awaiting a supervisor's decision: a plan version, or (later) a termination
    request. One mechanism for every approval."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Service plan")
        TERMINATION = "termination", _("Termination")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with comments")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    self_approved = models.BooleanField(
        default=False,
        help_text=_("Decided by the person who asked, because the centre has no other supervisor."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at"]
        indexes = [
            # The supervisor's queue: pending reviews, oldest first (decided ones pile up).
            models.Index(
                fields=["requested_at"],
                condition=models.Q(status="pending"),
                name="review_pending_requested",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case.number}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} review {self.kind}"
