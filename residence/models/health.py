"""Residents' health: checks (pemeriksaan kesehatan), the sick log (catatan sakit) and
medication given (pemberian obat). Confidential: see `HealthQuerySet.visible_to`."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import EARLIEST, HealthQuerySet, between
from residence.models.stays import Stay


class HealthCheck(models.Model):
    class Kind(models.TextChoices):
        ADMISSION = "admission", _("On admission")
        ROUTINE = "routine", _("Routine check")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="health_checks")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROUTINE)
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    weight_kg = models.DecimalField(
        _("weight (kg)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    height_cm = models.DecimalField(
        _("height (cm)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    systolic = models.PositiveSmallIntegerField(_("blood pressure, upper"), null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(_("blood pressure, lower"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HealthQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ["-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(checked_on__gte=EARLIEST)
                & between("weight_kg", 1, 300)
                & between("height_cm", 30, 250)
                & between("systolic", 50, 260)
                & between("diastolic", 20, 200),
                name="health_check_within_bounds",
            ),
            models.CheckConstraint(
                condition=Q(systolic__isnull=True)
                | Q(diastolic__isnull=True)
                | Q(systolic__gt=F("diastolic")),
                name="health_check_pressure_upper_above_lower",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.checked_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} health check"

    @property
    def centre(self):
        return self.stay.centre

    @property
    def blood_pressure(self) -> str:
        if self.systolic and self.diastolic:
            return f"{self.systolic}/{self.diastolic}"
        return ""


class SicknessQuerySet(HealthQuerySet):
    def ongoing(self):
        return self.filter(recovered_on__isnull=True)


class SicknessEntry(models.Model):
    class Referral(models.TextChoices):
        NONE = "none", _("Treated in the centre")
        PUSKESMAS = "puskesmas", _("Referred to the puskesmas")
        HOSPITAL = "hospital", _("Referred to hospital")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="sickness_entries")
    began_on = models.DateField(_("sick since"), default=timezone.localdate)
    symptoms = models.TextField(_("symptoms"))
    action_taken = models.TextField(_("action taken"))
    referred_to = models.CharField(
        _("referral"), max_length=10, choices=Referral.choices, default=Referral.NONE
    )
    referral_place = models.CharField(_("where"), max_length=200, blank=True)
    in_hospital = models.BooleanField(_("admitted to hospital (rawat inap)"), default=False)
    recovered_on = models.DateField(_("recovered on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SicknessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sickness entry")
        verbose_name_plural = _("sick log")
        ordering = ["-began_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(began_on__gte=EARLIEST)
                & (Q(recovered_on__isnull=True) | Q(recovered_on__gte=F("began_on"))),
                name="sickness_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(in_hospital=False) | Q(referred_to="hospital"),
                name="sickness_in_hospital_only_when_referred_there",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.began_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} sickness"

    @property
    def centre(self):
        return self.stay.centre


class MedicationDose(models.Model):
    """One dose given: what, how much, when and by whom."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="medication_doses")
    sickness = models.ForeignKey(
        SicknessEntry,
        verbose_name=_("for the sickness"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="doses",
    )
    medicine = models.CharField(_("medicine"), max_length=200)
    dose = models.CharField(_("dose"), max_length=100, help_text=_("For example 1 tablet 500 mg."))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = HealthQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medication given")
        verbose_name_plural = _("medication given")
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        return f"{self.medicine} {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} medication"

    @property
    def centre(self):
        return self.stay.centre
