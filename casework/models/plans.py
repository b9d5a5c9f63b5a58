"""Service plans in versions, and the supervisor reviews that approve or return them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.cases import WithApproaches, at_least_one_approach
from sentra.versioning import Versioned


class Component(models.TextChoices):
    """The seven ATENSI service components, by their official names (docs/domain.md §9)."""

    DECENT_LIVING = "decent_living", _("Support for a decent living")
    CARE = "care", _("Social care and/or childcare")
    FAMILY = "family", _("Family support")
    THERAPY = "therapy", _("Physical, psychosocial, and mental-spiritual therapy")
    VOCATIONAL = "vocational", _("Vocational training and/or entrepreneurship coaching")
    ASSISTANCE = "assistance", _("Social aid and social assistance")
    ACCESSIBILITY = "accessibility", _("Accessibility support")


class PlanVersion(WithApproaches, CaseRecord):
    """One version of a case's service plan. Approved versions are frozen; a revision is a
    new version started from the latest one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_via_conference = models.ForeignKey(
        "casework.Conference",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service plan version")
        ordering = ["case", "-number"]
        constraints = [
            at_least_one_approach("plan"),
            models.UniqueConstraint(fields=["case", "number"], name="plan_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} v{self.number}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} plan v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class PlanGoal(Versioned):
    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(default=0)
    problem = models.TextField(_("problem or need"))
    assessment = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("from the assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goal = models.TextField(_("goal"))
    component = models.CharField(_("ATENSI component"), max_length=20, choices=Component.choices)
    activities = models.TextField(_("planned activities"))
    responsible_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_external = models.CharField(
        _("or responsible external party"), max_length=200, blank=True
    )
    target_date = models.DateField(_("target date"))
    indicator = models.TextField(_("indicator of success"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.goal[:60]

    # Fields compared between versions to show what changed.
    COMPARED = (
        "problem",
        "goal",
        "component",
        "activities",
        "responsible_staff_id",
        "responsible_external",
        "target_date",
        "indicator",
    )
