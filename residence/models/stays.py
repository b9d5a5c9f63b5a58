"""A resident's stay: moving in to a bed, moving rooms, moving out; belongings kept."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import EARLIEST, CentreQuerySet, StayRecordQuerySet
from residence.models.places import Bed
from sentra.models import Centre


class DepartureReason(models.TextChoices):
    TERMINATED = "terminated", _("Service ended (terminated)")
    REFERRED = "referred", _("Referred to another institution")
    RETURNED_TO_FAMILY = "returned_to_family", _("Returned to family")
    ABSCONDED = "absconded", _("Absconded (kabur)")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class StayQuerySet(CentreQuerySet):
    def current(self):
        return self.filter(moved_out_on__isnull=True)

    def on(self, day):
        """Stays in which the person slept in the centre on the night of `day`."""
        return self.filter(moved_in_on__lte=day).filter(
            Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=day)
        )

    def with_place(self):
        return self.select_related("client", "bed", "bed__room", "bed__room__building")


class Stay(models.Model):
    """One person living in the centre, from moving in to moving out, as part of a case.

    At most one open stay per person and one person per bed (database constraints); the
    bed is the current one while the stay is open, the last one after it ends."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="stays"
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="stays",
    )
    bed = models.ForeignKey(
        Bed, verbose_name=_("bed"), on_delete=models.PROTECT, related_name="stays"
    )
    moved_in_on = models.DateField(_("moved in on"))
    moved_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moved_out_on = models.DateField(_("moved out on"), null=True, blank=True)
    departure_reason = models.CharField(
        _("reason for moving out"), max_length=20, choices=DepartureReason.choices, blank=True
    )
    departure_note = models.TextField(_("notes on moving out"), blank=True)
    belongings_returned_to = models.CharField(
        _("belongings handed back to (signed by)"), max_length=200, blank=True
    )
    moved_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = StayQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["-moved_in_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(moved_out_on__isnull=True),
                name="one_open_stay_per_person",
            ),
            models.UniqueConstraint(
                fields=["bed"],
                condition=Q(moved_out_on__isnull=True),
                name="one_person_per_bed",
            ),
            models.CheckConstraint(
                condition=Q(moved_in_on__gte=EARLIEST)
                & (Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=models.F("moved_in_on"))),
                name="stay_dates_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(moved_out_on__isnull=True) & Q(departure_reason=""))
                | (Q(moved_out_on__isnull=False) & ~Q(departure_reason="")),
                name="stay_ends_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["centre", "moved_in_on", "moved_out_on"])]

    def __str__(self) -> str:
        return f"{self.client.full_name} · {self.bed}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} stay"

    @property
    def is_current(self) -> bool:
        return self.moved_out_on is None

    @property
    def days(self) -> int:
        end = self.moved_out_on or timezone.localdate()
        return (end - self.moved_in_on).days


class Belonging(models.Model):
    """Something the resident handed in on arrival, and to whom it went back."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="belongings")
    description = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_to = models.CharField(_("returned to"), max_length=200, blank=True)

    objects = StayRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("belonging")
        verbose_name_plural = _("belongings")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=999), name="belonging_quantity"
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("received_on")),
                name="belonging_returned_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def centre(self):
        return self.stay.centre


class RoomMove(models.Model):
    """A move of a resident from one bed to another, with the reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="room_moves")
    from_bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="+")
    to_bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="+")
    moved_on = models.DateField(_("moved on"))
    reason = models.CharField(_("reason"), max_length=300)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = StayRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-moved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_bed=models.F("to_bed")), name="room_move_changes_bed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_bed} -> {self.to_bed}"

    @property
    def centre(self):
        return self.stay.centre
