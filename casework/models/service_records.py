"""Services delivered to a client: the catalogue per ATENSI component, and each service
recorded on a case."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.partners import Partner
from casework.models.plans import Component
from sentra import bounds


class ServiceTypeQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The ministry's catalogue (no centre) plus this centre's own services."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))

    def active(self):
        return self.filter(is_active=True)


class ServiceType(models.Model):
    """The catalogue of services per ATENSI component, kept by admins."""

    component = models.CharField(_("ATENSI component"), max_length=20, choices=Component.choices)
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_training = models.BooleanField(
        _("vocational training (evaluated per client)"), default=False
    )
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ServiceTypeQuerySet.as_manager()

    class Meta:
        ordering = ["component", "name_id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="service_type_code"),
        ]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def audit_label(self) -> str:
        return self.code


class ServiceRecord(CaseRecord):
    class TrainingResult(models.TextChoices):
        PASSED = "passed", _("Passed")
        NOT_PASSED = "not_passed", _("Not passed")
        ONGOING = "ongoing", _("Still training")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="services")
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service"), on_delete=models.PROTECT
    )
    delivered_on = models.DateField(
        _("date"), default=timezone.localdate, validators=[bounds.plausible_date]
    )
    provider_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("provided by (staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    provider_partner = models.ForeignKey(
        Partner,
        verbose_name=_("or by (institution)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[bounds.plausible_quantity],
    )
    amount = models.PositiveBigIntegerField(
        _("amount (Rp)"), null=True, blank=True, validators=[bounds.plausible_amount]
    )
    description = models.TextField(_("description"), blank=True)
    plan_goal = models.ForeignKey(
        "casework.PlanGoal",
        verbose_name=_("plan goal it serves"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    receipt = models.FileField(
        _("receipt"), upload_to="receipts/%Y/%m/", blank=True, max_length=200
    )
    receipt_content_type = models.CharField(max_length=50, blank=True)
    group_session = models.ForeignKey(
        "casework.GroupSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    training_result = models.CharField(
        _("training result"), max_length=12, choices=TrainingResult.choices, blank=True
    )
    training_notes = models.TextField(_("training notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-delivered_on", "-id"]
        constraints = [
            bounds.date_check("delivered_on", "service_delivered_on_plausible"),
            bounds.amount_check("quantity", "service_quantity_plausible", high=bounds.MAX_QUANTITY),
            bounds.amount_check("amount", "service_amount_plausible"),
            # Recording a session's attendance twice never doubles its services.
            models.UniqueConstraint(
                fields=["group_session", "case"],
                condition=models.Q(group_session__isnull=False),
                name="one_service_per_session_member",
            ),
        ]
        # A period's services (reports, dashboard) without reading the whole history.
        indexes = [models.Index(fields=["delivered_on"], name="service_delivered_on")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.service_type}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} service"

    @property
    def component(self) -> str:
        return self.service_type.component
