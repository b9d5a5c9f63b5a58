"""The centre's directory of partner institutions (puskesmas, police, LKS, ...)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sentra.scopes import in_centre
from sentra.versioning import Versioned


class PartnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The directory of the user's own centre."""
        return self.filter(in_centre(user))

    def of_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True)


class Partner(Versioned):
    """A partner institution in the centre's referral directory."""

    class Kind(models.TextChoices):
        PUSKESMAS = "puskesmas", _("Clinic / puskesmas")
        HOSPITAL = "hospital", _("Hospital")
        POLICE = "police", _("Police")
        SENTRA = "sentra", _("Other Sentra")
        DINSOS = "dinsos", _("Dinas Sosial")
        LKS = "lks", _("LKS")
        SCHOOL = "school", _("School")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return self.name[:100]
