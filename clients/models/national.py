"""National data a worker checks: the social-welfare register (DTKS, now DTSEN), health
cover (BPJS Kesehatan, PBI when the state pays), and social assistance already received."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models.registry import Client
from sentra.versioning import Versioned

MAX_AMOUNT = Decimal("100000000")  # Rp 100 million: above any programme's benefit


class AssistanceReceived(Versioned):
    """A social assistance programme the person received (or still receives)."""

    class Programme(models.TextChoices):
        PKH = "pkh", _("PKH (Program Keluarga Harapan)")
        BPNT = "bpnt", _("BPNT / Sembako")
        BLT = "blt", _("BLT (direct cash assistance)")
        PIP = "pip", _("PIP (Program Indonesia Pintar)")
        ATENSI_YAPI = "atensi_yapi", _("ATENSI YAPI (orphans, the poor and the elderly)")
        ATENSI_OTHER = "atensi_other", _("Other ATENSI assistance")
        REGIONAL = "regional", _("Regional government assistance")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="assistance")
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    programme_other = models.CharField(_("programme name"), max_length=150, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (Rp)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
        help_text=_("The amount per payment, when known."),
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assistance received")
        verbose_name_plural = _("assistance received")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="assistance_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True)
                | models.Q(amount__gte=0, amount__lte=MAX_AMOUNT),
                name="assistance_amount_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.programme_label

    @property
    def programme_label(self) -> str:
        if self.programme == self.Programme.OTHER and self.programme_other:
            return self.programme_other
        return str(self.get_programme_display())

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} {self.programme}"
