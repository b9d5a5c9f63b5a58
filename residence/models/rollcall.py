"""The daily roll call (apel): morning and evening, every resident marked once."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from residence.models.base import EARLIEST, CentreQuerySet
from residence.models.stays import Stay
from sentra.models import Centre
from sentra.versioning import Versioned


class Session(models.TextChoices):
    MORNING = "morning", _("Morning roll call (apel pagi)")
    EVENING = "evening", _("Evening roll call (apel malam)")


class Presence(models.TextChoices):
    PRESENT = "present", _("Present (hadir)")
    LEAVE = "leave", _("On leave (izin)")
    SICK = "sick", _("Sick (sakit)")
    HOSPITAL = "hospital", _("In hospital (dirawat di rumah sakit)")
    ABSENT = "absent", _("Absent without permission (kabur)")


# The short words on the roll-call buttons, in the order they are offered.
PRESENCE_BUTTONS = [
    (Presence.PRESENT, pgettext_lazy("roll call", "Present")),
    (Presence.LEAVE, pgettext_lazy("roll call", "Leave")),
    (Presence.SICK, pgettext_lazy("roll call", "Sick")),
    (Presence.HOSPITAL, pgettext_lazy("roll call", "Hospital")),
    (Presence.ABSENT, pgettext_lazy("roll call", "Absent")),
]


class RollCallQuerySet(CentreQuerySet):
    def annotate_counts(self):
        """How many residents got each mark, as `n_present`, `n_leave`, ..."""
        return self.annotate(
            **{
                f"n_{presence}": models.Count("marks", filter=Q(marks__presence=presence))
                for presence in Presence.values
            }
        )


class RollCall(Versioned):
    """One roll call of one centre on one date and session: taken once (a second submit
    of the same roll call meets the unique constraint), corrected afterwards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    date = models.DateField(_("date"))
    session = models.CharField(_("roll call"), max_length=10, choices=Session.choices)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = RollCallQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll call")
        verbose_name_plural = _("roll calls")
        ordering = ["-date", "session"]  # evening ("e") before morning on a day
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date", "session"], name="one_roll_call_per_session"
            ),
            models.CheckConstraint(condition=Q(date__gte=EARLIEST), name="roll_call_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_session_display()}"

    @property
    def audit_label(self) -> str:
        return f"{self.centre.code} {self.date} {self.session}"

    def counts(self) -> list[tuple[str | Promise, int]]:
        """(short label, number) of each mark given, on a row annotated by
        `annotate_counts`; marks nobody got are left out."""
        found = [(label, getattr(self, f"n_{presence}", 0)) for presence, label in PRESENCE_BUTTONS]
        return [(label, n) for label, n in found if n]


class RollCallMark(Versioned):
    roll_call = models.ForeignKey(RollCall, on_delete=models.PROTECT, related_name="marks")
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="roll_call_marks")
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["roll_call", "stay"], name="one_mark_per_resident"),
        ]

    def __str__(self) -> str:
        return f"{self.stay_id}: {self.presence}"
