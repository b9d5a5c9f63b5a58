"""A client's restriction of, or objection to, the processing of their data (UU 27/2022
PDP). Kept beside the client so that every app which shares or counts clients (referrals,
monthly exports) can honour it without knowing about the privacy app that records it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models.registry import Client


class ProcessingRestrictionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(lifted_on__isnull=True)


class ProcessingRestriction(models.Model):
    """While in force, the client is not shared with referral partners and not counted in
    exports. Lifting it keeps the row (the history of the client's wishes)."""

    class Kind(models.TextChoices):
        RESTRICTION = "restriction", _("Restriction of processing")
        OBJECTION = "objection", _("Objection to processing")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="processing_restrictions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    requested_on = models.DateField(_("asked for on"), default=timezone.localdate)
    reason = models.TextField(_("reason given"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ProcessingRestrictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("restriction of processing")
        verbose_name_plural = _("restrictions of processing")
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested_on__gte="2000-01-01"),
                name="restriction_requested_in_plausible_past",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.requested_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} {self.kind}"

    @property
    def centre(self):
        return self.client.centre
