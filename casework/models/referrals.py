"""Referrals of a client to a partner institution, with the consent gate."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.partners import Partner


class Referral(CaseRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    MOVES = {
        Status.DRAFT: {Status.SENT, Status.CANCELLED},
        Status.SENT: {Status.ACCEPTED, Status.DECLINED, Status.CANCELLED},
        Status.ACCEPTED: {Status.COMPLETED, Status.CANCELLED},
        Status.DECLINED: set(),
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(
        Partner, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="referrals"
    )
    reason = models.TextField(_("reason"))
    services_requested = models.TextField(_("services requested"))
    documents = models.ManyToManyField(
        "clients.ClientDocument", verbose_name=_("documents to share"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    responded_on = models.DateField(_("response on"), null=True, blank=True)
    response_notes = models.TextField(_("response notes"), blank=True)
    consent_override_reason = models.TextField(blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[documents])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.partner}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} referral"
