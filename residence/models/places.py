"""Where residents sleep: the centre's houses (wisma), their rooms and beds."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from residence.models.base import CentreQuerySet
from sentra.models import Centre
from sentra.versioning import Versioned


class SexGroup(models.TextChoices):
    MALE = "L", _("Boys / men")
    FEMALE = "P", _("Girls / women")
    MIXED = "mixed", _("Mixed")


class AgeGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    ADULTS = "adults", _("Adults")
    ELDERLY = "elderly", _("Elderly")
    ANY = "any", _("Any age")


class PlaceStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    UNDER_REPAIR = "under_repair", _("Under repair")
    CLOSED = "closed", _("Closed")


class Building(Versioned):
    """A house or dormitory (wisma, asrama). Residents are separated by sex and age here."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=100, help_text=_("For example Wisma Melati."))
    sex = models.CharField(_("for"), max_length=5, choices=SexGroup.choices)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.IN_USE
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    objects = CentreQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("building (wisma)")
        verbose_name_plural = _("buildings (wisma)")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="building_name_per_centre"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return self.name[:100]


class RoomQuerySet(CentreQuerySet):
    centre_lookup = "building__centre"


class Room(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("room"), max_length=50, help_text=_("For example Kamar 1."))
    status = models.CharField(
        _("status"), max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.IN_USE
    )

    objects = RoomQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("room (kamar)")
        verbose_name_plural = _("rooms (kamar)")
        ordering = ["building__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="room_name_per_building"),
        ]

    def __str__(self) -> str:
        return f"{self.building.name} · {self.name}"

    @property
    def centre(self):
        return self.building.centre

    @property
    def audit_label(self) -> str:
        return str(self)[:100]


class BedQuerySet(CentreQuerySet):
    centre_lookup = "room__building__centre"

    def usable(self):
        """Beds that may take a resident: the bed, its room and its building in use."""
        return self.filter(
            status=PlaceStatus.IN_USE,
            room__status=PlaceStatus.IN_USE,
            room__building__status=PlaceStatus.IN_USE,
        )


class Bed(models.Model):
    """One bed (tempat tidur). A room's capacity is the number of its beds in use."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="beds"
    )
    label = models.CharField(_("bed"), max_length=20)
    status = models.CharField(
        _("status"), max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.IN_USE
    )

    objects = BedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bed (tempat tidur)")
        verbose_name_plural = _("beds (tempat tidur)")
        ordering = ["room__building__name", "room__name", "label"]
        constraints = [
            models.UniqueConstraint(fields=["room", "label"], name="bed_label_per_room"),
        ]

    def __str__(self) -> str:
        return f"{self.room} · {self.label}"

    @property
    def centre(self):
        return self.room.building.centre

    @property
    def audit_label(self) -> str:
        return str(self)[:100]

    @property
    def is_usable(self) -> bool:
        return (
            self.status == PlaceStatus.IN_USE
            and self.room.status == PlaceStatus.IN_USE
            and self.room.building.status == PlaceStatus.IN_USE
        )
