"""Monitoring reviews: progress on the plan's goals, judged on ATENSI's five indicators."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from sentra import bounds


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class MonitoringReview(CaseRecord):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        REVISE_PLAN = "revise_plan", _("Revise the plan (back to planning)")
        PROPOSE_TERMINATION = "propose_termination", _("Propose termination")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="monitoring_reviews"
    )
    reviewed_on = models.DateField(_("date"), default=timezone.localdate)
    input_evaluation = models.TextField(_("input"), blank=True)
    process_evaluation = models.TextField(_("process"), blank=True)
    output_evaluation = models.TextField(_("output"), blank=True)
    benefit_evaluation = models.TextField(_("benefit"), blank=True)
    impact_evaluation = models.TextField(_("impact"), blank=True)
    wellbeing = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("wellbeing assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    notes = models.TextField(_("notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [bounds.date_check("reviewed_on", "monitoring_reviewed_on_plausible")]

    def __str__(self) -> str:
        return f"{self.case_id} review {self.reviewed_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} monitoring"


class GoalProgress(models.Model):
    review = models.ForeignKey(MonitoringReview, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey("casework.PlanGoal", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("progress"), max_length=20, choices=GoalStatus.choices)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        ordering = ["goal__order", "id"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.status}"
