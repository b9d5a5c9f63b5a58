"""Aftercare (bimbingan lanjut): follow-up contacts after a case has closed."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from sentra import bounds


class FollowUp(CaseRecord):
    """An aftercare contact after the case closed."""

    class Mode(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [bounds.date_check("due_on", "follow_up_due_on_plausible")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} follow-up"
