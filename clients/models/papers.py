"""A client's documents (scanned papers, photos) and consents."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models.family import FamilyMember
from clients.models.registry import Client
from sentra import bounds
from sentra.versioning import Versioned


class ClientDocument(models.Model):
    class Kind(models.TextChoices):
        KTP = "ktp", _("Identity card (KTP)")
        KK = "kk", _("Family card (KK)")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
        REFERRAL_LETTER = "referral_letter", _("Referral letter")
        MEDICAL_RECORD = "medical_record", _("Medical record")
        PHOTO = "photo", _("Photo of the client")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} {self.kind}"

    @property
    def centre(self):
        return self.client.centre


class Consent(Versioned):
    class Purpose(models.TextChoices):
        SERVICES = "services", _("Receive services")
        SHARE_REFERRAL = "share_referral", _("Share information with referral partners")
        PHOTOGRAPHS = "photographs", _("Photographs")
        DATA_PROCESSING = "data_processing", _("Processing of personal data")

    class GivenBy(models.TextChoices):
        CLIENT = "client", _("The client")
        GUARDIAN = "guardian", _("A guardian")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices)
    guardian = models.ForeignKey(
        FamilyMember,
        verbose_name=_("guardian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    proof = models.ForeignKey(
        ClientDocument,
        verbose_name=_("scanned proof"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [bounds.date_check("given_on", "consent_given_on_plausible")]

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} consent {self.purpose}"

    @property
    def centre(self):
        return self.client.centre

    def is_in_force(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.given_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)
