"""The duty log (piket): who was on duty in a shift, and the handover to the next shift
(serah terima piket)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import EARLIEST, works_in_residence
from sentra.models import Centre
from sentra.scopes import in_centre


class Shift(models.TextChoices):
    MORNING = "morning", _("Morning shift (07:00-14:00)")
    AFTERNOON = "afternoon", _("Afternoon shift (14:00-21:00)")
    NIGHT = "night", _("Night shift (21:00-07:00)")


class DutyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The centre's duty log, for the staff who take duty (handovers speak of who is
        sick and what happened: not for admins)."""
        if not works_in_residence(user):
            return self.none()
        return self.filter(in_centre(user))


class DutyShift(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    date = models.DateField(_("date"), default=timezone.localdate)
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff on duty"), related_name="duty_shifts"
    )
    headcount = models.PositiveSmallIntegerField(
        _("residents in the centre at handover"), null=True, blank=True
    )
    handover_note = models.TextField(
        _("handover note"),
        help_text=_("Who is sick, what happened, what the next shift must do."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    objects = DutyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[staff])

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty log")
        ordering = ["-date", "-written_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date", "shift"], name="one_handover_per_shift"
            ),
            models.CheckConstraint(condition=Q(date__gte=EARLIEST), name="duty_date_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()}"

    @property
    def audit_label(self) -> str:
        return f"{self.centre.code} {self.date} {self.shift} duty"
