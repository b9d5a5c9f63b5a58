"""What a course leaves a participant with: a certificate (printed through the report-job
model), a starter package booked as an ATENSI service, and business practice."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models.courses import Enrolment
from casework.models import ServiceRecord
from sentra.scopes import in_centre

MAX_AMOUNT = 1_000_000_000  # Rp; a starter package or a day's takings never comes near


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(in_centre(user))


class Certificate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    number = models.CharField(_("certificate number"), max_length=40)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signatory_name = models.CharField(_("signed by (name)"), max_length=200)
    signatory_position = models.CharField(_("position"), max_length=200)
    signatory_number = models.CharField(_("NIP"), max_length=30, blank=True)

    objects = CertificateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="certificate_number"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_label(self) -> str:
        return self.number


class StarterPackage(models.Model):
    """The package (paket usaha, bantuan stimulan) a participant receives at the end of a
    course: recorded on their case as the ATENSI service it is, with its amount."""

    class Kind(models.TextChoices):
        TOOLS = "tools", _("Tools and equipment")
        MATERIALS = "materials", _("Materials")
        CAPITAL = "capital", _("Business capital")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="starter_package"
    )
    kind = models.CharField(_("kind of package"), max_length=10, choices=Kind.choices)
    items = models.TextField(_("what was given"))
    amount = models.PositiveBigIntegerField(_("value (Rp)"))
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    service = models.OneToOneField(
        ServiceRecord, on_delete=models.PROTECT, related_name="starter_package"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("starter package")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=1, amount__lte=MAX_AMOUNT),
                name="starter_package_amount_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def audit_label(self) -> str:
        return f"starter package {self.pk}"

    @property
    def centre(self):
        return self.enrolment.course.centre


class BusinessPractice(models.Model):
    """A day of business practice (praktik usaha), e.g. a salon open day with its takings."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="practices")
    practised_on = models.DateField(_("date"), default=timezone.localdate)
    description = models.CharField(_("what they did"), max_length=300)
    customers = models.PositiveSmallIntegerField(_("customers served"), null=True, blank=True)
    takings = models.PositiveBigIntegerField(_("takings (Rp)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("business practice")
        ordering = ["-practised_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(takings__isnull=True) | models.Q(takings__lte=MAX_AMOUNT),
                name="practice_takings_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practised_on} {self.description[:40]}"

    @property
    def audit_label(self) -> str:
        return f"business practice {self.pk}"

    @property
    def centre(self):
        return self.enrolment.course.centre
