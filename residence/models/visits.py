"""Visitors at the gate (kunjungan), and who must not visit a resident (larangan kunjungan)."""

import re
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import EARLIEST, StayRecordQuerySet
from residence.models.stays import Stay


class Visit(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="visits")
    visitor_name = models.CharField(_("visitor's name"), max_length=200)
    relationship = models.CharField(_("relationship to the resident"), max_length=100)
    identity_shown = models.CharField(
        _("identity shown"),
        max_length=100,
        blank=True,
        help_text=_("Which card the visitor showed, e.g. KTP."),
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    met_with = models.CharField(
        _("met with"),
        max_length=200,
        blank=True,
        help_text=_("Who the visitor met besides the resident, e.g. the social worker."),
    )
    supervised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = StayRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-arrived_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=F("arrived_at")),
                name="visit_leaves_after_arriving",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor_name} {self.arrived_at:%Y-%m-%d}"

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} visit"

    @property
    def centre(self):
        return self.stay.centre


class RestrictionQuerySet(StayRecordQuerySet):
    def in_force(self, day=None):
        day = day or timezone.localdate()
        return self.filter(lifted_on__isnull=True, valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


def _words(name: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", name.casefold()).split())


class VisitRestriction(models.Model):
    """A person who must not visit the resident (an alleged abuser, a parent under a court
    order), or no visitors at all. Staff at the gate see it before opening the door."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="visit_restrictions")
    person_name = models.CharField(
        _("who may not visit"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the resident may receive no visitors at all."),
    )
    reason = models.CharField(
        _("what the staff at the gate need to know"),
        max_length=300,
        help_text=_("Short and factual, e.g. court order, do not let in, call the supervisor."),
    )
    order_reference = models.CharField(_("order or letter number"), max_length=100, blank=True)
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit restriction")
        verbose_name_plural = _("visit restrictions")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__gte=EARLIEST)
                & (Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from"))),
                name="visit_restriction_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name or str(_("All visitors"))

    @property
    def audit_label(self) -> str:
        return f"{self.stay.case.number} visit restriction"

    @property
    def centre(self):
        return self.stay.centre

    @property
    def bars_everyone(self) -> bool:
        return not self.person_name.strip()

    def bars(self, visitor_name: str) -> bool:
        """Whether this restriction stops `visitor_name` at the gate: everyone, or a
        visitor whose name holds every word of the barred name, or the other way round
        ("Hendra" stops "Bpk. Hendra Saputra"; it does not stop "Hendrawan")."""
        if self.bars_everyone:
            return True
        barred, visitor = _words(self.person_name), _words(visitor_name)
        return bool(visitor) and (barred <= visitor or visitor <= barred)
