"""Termination requests: why and where a case ends, decided through a supervisor's review."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.partners import Partner
from clients import identity


class Termination(CaseRecord):
    class Reason(models.TextChoices):
        GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
        REUNIFIED = "reunified", _("Returned to family / reunified")
        REFERRED = "referred", _("Referred to another institution")
        INDEPENDENT = "independent", _("Independent / working")
        TRANSFERRED = "transferred", _("Transferred to another centre")
        LEFT = "left", _("Left without notice / ran away")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="terminations")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    destination_address = models.CharField(_("destination address"), max_length=300, blank=True)
    destination_region = models.CharField(_("destination region code"), max_length=13, blank=True)
    destination_partner = models.ForeignKey(
        Partner,
        verbose_name=_("destination institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_summary = models.TextField(_("summary of outcome"))
    final_wellbeing = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("final wellbeing assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review = models.OneToOneField(
        "casework.Review", on_delete=models.PROTECT, related_name="termination"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.reason}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} termination"

    @property
    def destination_region_name(self) -> str:
        """The region by its name ('Kelurahan X, Kecamatan Y, ...'), never the raw code."""
        return identity.region_path(self.destination_region)
