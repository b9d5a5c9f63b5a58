"""The centre's weekly timetable: recurring activities from which each day's sessions are
opened for attendance (apel pagi every day at 06:30, bimbingan agama Tuesday and Friday)."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models.kinds import ActivityKind
from sentra import bounds
from sentra.scopes import in_centre
from sentra.versioning import Versioned

# Monday is 0, as date.weekday() counts. Labels for the timetable and its form.
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
EVERY_DAY = 0b1111111


def days_mask(weekdays) -> int:
    """The bit mask of a set of weekday numbers (Monday 0 ... Sunday 6)."""
    return sum(1 << int(day) for day in set(weekdays))


class ScheduleSlotQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(in_centre(user))

    def on(self, day: date):
        """Active slots that fall on `day`: its weekday, within the slot's validity."""
        bit = 1 << day.weekday()
        return (
            self.filter(is_active=True, valid_from__lte=day)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
            .annotate(falls_today=models.F("days").bitand(bit))
            .filter(falls_today__gt=0)
        )


class ScheduleSlot(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the kind's name.")
    )
    days = models.PositiveSmallIntegerField(_("days of the week"), default=EVERY_DAY)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitator_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usual facilitator (staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    facilitator_name = models.CharField(_("or external facilitator"), max_length=200, blank=True)
    course = models.ForeignKey(
        "activities.Course",
        verbose_name=_("sessions of the course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScheduleSlotQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("timetable slot")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=1, days__lte=EVERY_DAY), name="slot_has_days"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="slot_validity_in_order",
            ),
            bounds.date_check("valid_from", "slot_valid_from_plausible"),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.kind)

    @property
    def audit_label(self) -> str:
        return f"timetable slot {self.pk}"

    @property
    def weekdays(self) -> list[int]:
        return [day for day, _label in WEEKDAYS if self.days & (1 << day)]

    def falls_on(self, day: date) -> bool:
        return bool(self.days & (1 << day.weekday()))

    def day_labels(self) -> list[str]:
        if self.days == EVERY_DAY:
            return [str(_("Every day"))]
        labels = dict(WEEKDAYS)
        return [str(labels[day]) for day in self.weekdays]
