"""Buildings, rooms and beds, and the centre's residential routine: kept by the admin."""

import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from residence.models import Bed, Building, PlaceStatus, Room, Routine, Stay
from residence.models.routine import DEFAULTS_VERSION
from sentra import audit
from sentra.models import User
from sentra.versioning import (
    EditConflict,
    FieldChange,
    conflict_for,
    read_version_of,
    save_versioned,
)

# Most rooms have a handful of beds; a dormitory hall may have dozens.
MAX_BEDS_PER_ROOM = 60


def _bed_labels(count: int, taken: set[str]) -> list[str]:
    """The next `count` free labels: A, B, ... Z, then 27, 28, ..."""
    labels = [*string.ascii_uppercase, *(str(n) for n in range(27, 27 + MAX_BEDS_PER_ROOM))]
    return [label for label in labels if label not in taken][:count]


@transaction.atomic
def save_building(*, by: User, building: Building, fields: list[str], request=None) -> Building:
    creating = building.pk is None
    if not creating and "status" in fields and building.status != PlaceStatus.IN_USE:
        _refuse_if_occupied(Stay.objects.filter(bed__room__building=building))
    save_versioned(building)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=building,
        request=request,
        fields=fields,
    )
    return building


@transaction.atomic
def save_room(*, by: User, room: Room, fields: list[str], add_beds: int = 0, request=None) -> Room:
    """Save a room and add `add_beds` beds to it, labelled A, B, C, ..."""
    creating = room.pk is None
    if not creating and "status" in fields and room.status != PlaceStatus.IN_USE:
        _refuse_if_occupied(Stay.objects.filter(bed__room=room))
    save_versioned(room)
    if add_beds:
        taken = set(room.beds.values_list("label", flat=True))
        if len(taken) + add_beds > MAX_BEDS_PER_ROOM:
            raise ValidationError(
                _("A room can have at most %(n)s beds.") % {"n": MAX_BEDS_PER_ROOM}
            )
        for label in _bed_labels(add_beds, taken):
            Bed.objects.create(room=room, label=label)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=room,
        request=request,
        fields=[*fields, *(["beds"] if add_beds else [])],
    )
    return room


@transaction.atomic
def set_bed_status(*, by: User, bed: Bed, status: str, request=None) -> Bed:
    if status != PlaceStatus.IN_USE:
        _refuse_if_occupied(Stay.objects.filter(bed=bed))
    bed.status = status
    bed.save()
    audit.record(audit.Action.UPDATE, by=by, obj=bed, request=request, fields=["status"])
    return bed


def _refuse_if_occupied(stays) -> None:
    if stays.current().exists():
        raise ValidationError(
            _("Someone still sleeps here. Move the residents to other beds first.")
        )


@transaction.atomic
def save_routine(*, by: User, routine: Routine, fields: list[str], request=None) -> Routine:
    creating = routine.pk is None
    try:
        with transaction.atomic():
            save_versioned(routine)
    except (IntegrityError, EditConflict):
        # Read when the centre had no routine, saved after another admin saved the first
        # one (a moment or an hour earlier): theirs stands, and this form is shown beside
        # it like any stale edit.
        if read_version_of(routine) != DEFAULTS_VERSION:
            raise
        raise _first_routine_conflict(routine) from None
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=routine,
        request=request,
        fields=fields,
    )
    return routine


def _first_routine_conflict(mine: Routine) -> EditConflict:
    """The conflict with the routine another admin saved first: what they set, against the
    defaults this admin's form started from."""
    theirs = Routine.objects.get(centre=mine.centre_id)
    conflict = conflict_for(theirs, read_version=0)
    defaults = Routine(centre_id=mine.centre_id)
    conflict.changes = [
        FieldChange(
            name=field.name,
            label=str(field.verbose_name),
            before=str(getattr(defaults, field.name)),
            after=str(getattr(theirs, field.name)),
        )
        for field in Routine._meta.concrete_fields
        if field.editable
        and field.name not in ("id", "centre")
        and getattr(defaults, field.name) != getattr(theirs, field.name)
    ]
    return conflict
