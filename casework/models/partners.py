"""The centre's directory of partner institutions (puskesmas, police, LKS, ...)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.identity import display_phone
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

    def awaiting_confirmation(self):
        return self.filter(proposed_by__isnull=False, confirmed_at__isnull=True)


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
        UPT = "upt", _("UPT / UPTD (technical unit)")
        MENTAL_HOSPITAL = "mental_hospital", _("Mental hospital (RSJ)")
        DUKCAPIL = "dukcapil", _("Civil registry (Dukcapil)")
        UPTD_PPA = "uptd_ppa", _("Women and child protection unit (UPTD PPA)")
        BAPAS = "bapas", _("Probation office (Bapas)")
        TRAINING = "training", _("Training centre (BLK)")
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
    # A social worker may propose an institution while referring someone urgently; it is
    # usable at once and stays marked as proposed until an admin confirms it.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_display(self) -> str:
        """The number as people write it (0812-3456-7890); stored as +62…."""
        return display_phone(self.phone)

    @property
    def audit_label(self) -> str:
        return self.name[:100]

    @property
    def awaits_confirmation(self) -> bool:
        return self.proposed_by_id is not None and self.confirmed_at is None
