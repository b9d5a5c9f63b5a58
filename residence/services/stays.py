"""A resident's stay: moving in, moving rooms, moving out, belongings."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case
from residence.models import (
    AbscondingReport,
    AbscondingStatus,
    AgeGroup,
    Bed,
    Belonging,
    LeaveRequest,
    LeaveStatus,
    RoomMove,
    SexGroup,
    Stay,
)
from residence.rules import case_is_residential
from sentra import audit
from sentra.models import User

ADULT_AGE = 18


def placement_problem(client, bed: Bed, on: date) -> str | None:
    """Why `client` may not sleep in `bed`, in words for the worker; None if they may.
    Rooms are separated by sex, and children are kept apart from adults."""
    if not bed.is_usable:
        return _("This bed is not in use.")
    building = bed.room.building
    if building.sex != SexGroup.MIXED and client.sex != building.sex:
        return _("%(building)s is for %(group)s.") % {
            "building": building.name,
            "group": building.get_sex_display().lower(),
        }
    age = client.age_on(on)
    if (
        age is not None
        and age < ADULT_AGE
        and building.age_group
        in (
            AgeGroup.ADULTS,
            AgeGroup.ELDERLY,
        )
    ):
        return _("%(building)s is for adults: children are kept apart from adults.") % {
            "building": building.name
        }
    return None


def _save_placement(stay: Stay) -> None:
    """Save, answering the database's constraints in words (two people may tap "move in"
    for the same bed, or for the same person, at the same moment)."""
    try:
        with transaction.atomic():
            stay.save()
    except IntegrityError as error:
        if "one_person_per_bed" in str(error):
            raise ValidationError(_("Someone else already sleeps in this bed.")) from None
        if "one_open_stay_per_person" in str(error):
            raise ValidationError(_("This person already lives in the centre.")) from None
        raise


@transaction.atomic
def move_in(
    *,
    by: User,
    case: Case,
    bed: Bed,
    moved_in_on: date,
    belongings: list[str] = (),  # type: ignore[assignment]
    request=None,
) -> Stay:
    """Give the case's client a bed; each line of `belongings` is one item received."""
    case = Case.objects.select_for_update().select_related("client", "centre").get(pk=case.pk)
    if not case_is_residential(case):
        raise ValidationError(_("Only a case with the residential approach can have a stay."))
    if not case.is_open:
        raise ValidationError(_("The case is closed."))
    if bed.centre.pk != case.centre_id:
        raise ValidationError(_("Choose a bed of this centre."))
    problem = placement_problem(case.client, bed, moved_in_on)
    if problem:
        raise ValidationError(problem)
    stay = Stay(
        centre=case.centre,
        case=case,
        client=case.client,
        bed=bed,
        moved_in_on=moved_in_on,
        moved_in_by=by,
    )
    _save_placement(stay)
    for line in belongings:
        if line.strip():
            Belonging.objects.create(
                stay=stay,
                description=line.strip()[:200],
                received_on=moved_in_on,
                received_by=by,
            )
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=stay,
        request=request,
        fields=["bed", "moved_in_on", *(["belongings"] if belongings else [])],
    )
    return stay


@transaction.atomic
def move_room(
    *, by: User, stay: Stay, to_bed: Bed, moved_on: date, reason: str, request=None
) -> RoomMove:
    stay = Stay.objects.select_for_update().select_related("client").get(pk=stay.pk)
    if not stay.is_current:
        raise ValidationError(_("This resident has moved out."))
    if to_bed.pk == stay.bed_id:
        raise ValidationError(_("The resident already sleeps in this bed."))
    if to_bed.centre.pk != stay.centre_id:
        raise ValidationError(_("Choose a bed of this centre."))
    if moved_on < stay.moved_in_on:
        raise ValidationError(_("The move cannot be before the resident moved in."))
    problem = placement_problem(stay.client, to_bed, moved_on)
    if problem:
        raise ValidationError(problem)
    move = RoomMove(stay=stay, from_bed_id=stay.bed_id, to_bed=to_bed, moved_on=moved_on)
    stay.bed = to_bed
    _save_placement(stay)
    move.reason, move.moved_by = reason, by
    move.save()
    audit.record(audit.Action.UPDATE, by=by, obj=stay, request=request, fields=["bed"])
    return move


@transaction.atomic
def move_out(
    *,
    by: User,
    stay: Stay,
    moved_out_on: date,
    reason: str,
    note: str = "",
    belongings_returned_to: str = "",
    belongings_kept: bool = False,
    request=None,
) -> Stay:
    """End the stay: the bed is free from the next night. Belongings still held are
    recorded as handed back to `belongings_returned_to` (who signs for them), unless the
    centre keeps them (`belongings_kept`: the resident ran away or died)."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if not stay.is_current:
        raise ValidationError(_("This resident has already moved out."))
    if moved_out_on < stay.moved_in_on:
        raise ValidationError(_("The move-out date is before the move-in date."))
    held = [] if belongings_kept else list(stay.belongings.filter(returned_on__isnull=True))
    if held and not belongings_returned_to.strip():
        raise ValidationError(
            _("Say who received the belongings back (the resident or a family member).")
        )
    for belonging in held:
        belonging.returned_on = moved_out_on
        belonging.returned_to = belongings_returned_to.strip()[:200]
        belonging.save()
    stay.moved_out_on = moved_out_on
    stay.departure_reason = reason
    stay.departure_note = note
    stay.belongings_returned_to = belongings_returned_to.strip()
    stay.moved_out_by = by
    stay.save()
    # Nobody waits for a decision on leave, or searches, for someone who has moved out.
    now = timezone.now()
    for leave in LeaveRequest.objects.filter(stay=stay, status=LeaveStatus.REQUESTED):
        leave.status, leave.decided_at = LeaveStatus.CANCELLED, now
        leave.save()
    for report in AbscondingReport.objects.filter(stay=stay, status=AbscondingStatus.OPEN):
        report.status, report.resolved_at, report.resolved_by = AbscondingStatus.CLOSED, now, by
        report.resolution_note = report.resolution_note or _("The resident moved out.")
        report.save()
    audit.record(
        audit.Action.UPDATE,
        by=by,
        obj=stay,
        request=request,
        fields=["moved_out_on", "departure_reason", "belongings_returned_to"],
    )
    return stay


@transaction.atomic
def add_belonging(*, by: User, stay: Stay, description: str, quantity: int, request=None):
    belonging = Belonging.objects.create(
        stay=stay,
        description=description,
        quantity=quantity,
        received_on=timezone.localdate(),
        received_by=by,
    )
    audit.record(audit.Action.CREATE, by=by, obj=belonging, request=request, fields=["description"])
    return belonging
