"""The centre's residential routine: roll-call times and the deadlines for reporting."""

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import CentreQuerySet, between
from sentra.models import Centre
from sentra.versioning import Versioned

# The version a form reads when the centre has no routine saved yet and shows the defaults.
DEFAULTS_VERSION = 0


class Routine(Versioned):
    """One per centre; a centre without a row uses the defaults (`Routine.of(centre)`)."""

    centre = models.OneToOneField(
        Centre, on_delete=models.PROTECT, related_name="residential_routine"
    )
    morning_roll_call = models.TimeField(_("morning roll call (apel pagi)"), default=time(6, 30))
    evening_roll_call = models.TimeField(_("evening roll call (apel malam)"), default=time(19, 30))
    roll_call_grace_minutes = models.PositiveSmallIntegerField(
        _("a roll call counts as missed after (minutes)"), default=120
    )
    incident_supervisor_hours = models.PositiveSmallIntegerField(
        _("tell the supervisor of an incident within (hours)"), default=2
    )
    incident_head_hours = models.PositiveSmallIntegerField(
        _("tell the head of centre of a serious incident within (hours)"), default=24
    )

    objects = CentreQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("residential routine")
        constraints = [
            models.CheckConstraint(
                condition=between("roll_call_grace_minutes", 15, 720),
                name="routine_grace_within_bounds",
            ),
            models.CheckConstraint(
                condition=between("incident_supervisor_hours", 1, 72)
                & between("incident_head_hours", 1, 168),
                name="routine_deadlines_within_bounds",
            ),
        ]

    def __str__(self) -> str:
        return str(self.centre)

    @property
    def audit_label(self) -> str:
        return f"{self.centre.code} routine"

    @classmethod
    def of(cls, centre) -> "Routine":
        """The centre's routine, or the defaults (unsaved) when it has none yet."""
        if centre is None:
            return cls()
        return cls.objects.filter(centre=centre).first() or cls(centre=centre)

    def roll_call_time(self, session: str) -> time:
        return self.morning_roll_call if session == "morning" else self.evening_roll_call
