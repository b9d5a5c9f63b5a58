"""A client's family and contacts, and the log of family tracing."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.identity import display_phone
from clients.models.registry import Client, TracingStatus
from sentra import bounds
from sentra.versioning import Versioned


class FamilyMember(Versioned):
    class Relationship(models.TextChoices):
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        SPOUSE = "spouse", _("Husband / wife")
        CHILD = "child", _("Child")
        SIBLING = "sibling", _("Brother / sister")
        GRANDPARENT = "grandparent", _("Grandparent")
        UNCLE_AUNT = "uncle_aunt", _("Uncle / aunt")
        OTHER_RELATIVE = "other_relative", _("Other relative")
        FOSTER = "foster", _("Foster parent")
        NEIGHBOUR = "neighbour", _("Neighbour / community contact")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="family")
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    is_guardian = models.BooleanField(_("legal guardian"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family member or contact")
        verbose_name_plural = _("family and contacts")
        ordering = ["-is_guardian", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"

    @property
    def phone_display(self) -> str:
        """The number as people write it (0812-3456-7890); stored as +62…."""
        return display_phone(self.phone)

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} family"

    @property
    def centre(self):
        return self.client.centre


class FamilyTracingAttempt(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="tracing_attempts")
    attempted_on = models.DateField(_("date"), default=timezone.localdate)
    method = models.CharField(
        _("how"),
        max_length=200,
        help_text=_("e.g. visit to the village head, call to Dinas Sosial, social media"),
    )
    result = models.TextField(_("result"))
    status_after = models.CharField(
        _("tracing status after this attempt"), max_length=20, choices=TracingStatus.choices
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-attempted_on", "-id"]
        constraints = [bounds.date_check("attempted_on", "tracing_attempted_on_plausible")]

    def __str__(self) -> str:
        return f"{self.attempted_on}: {self.method}"

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} tracing"

    @property
    def centre(self):
        return self.client.centre
