"""Residential life: places, stays, roll calls, leave, visits, absconding, health and
incidents.

Who sleeps where, who is out, who visited, who ran away: the whole centre's staff see it.
Health and incidents are confidential like notes (residence/models/base.py, incidents.py)."""

from casework.models import (
    Case,
)
from residence.models import (
    AbscondingReport,
    Bed,
    Building,
    Incident,
    LeaveRequest,
    Room,
    SicknessEntry,
    Stay,
    Visit,
    VisitRestriction,
)
from residence.models.base import works_in_residence
from sentra.access.base import get_or_404
from sentra.access.casework import can_change_cases, can_supervise
from sentra.scopes import Role, has_role


def can_manage_places(user) -> bool:
    """Buildings, rooms, beds and the roll-call times: the admin's."""
    return has_role(user, Role.ADMIN)


def can_work_in_residence(user) -> bool:
    """Roll call, visits, residents out and back, absconding, incidents, the duty log."""
    return works_in_residence(user)


def get_building_for_user(user, public_id) -> Building:
    return get_or_404(Building.objects.visible_to(user), public_id=public_id)


def get_room_for_user(user, public_id) -> Room:
    return get_or_404(Room.objects.visible_to(user).select_related("building"), public_id=public_id)


def get_bed_for_user(user, public_id) -> Bed:
    return get_or_404(Bed.objects.visible_to(user).select_related("room"), public_id=public_id)


def get_stay_for_user(user, public_id) -> Stay:
    stays = Stay.objects.visible_to(user).with_place().select_related("case", "centre")
    return get_or_404(stays, public_id=public_id)


def can_change_stay(user, stay: Stay) -> bool:
    """Moving rooms or out, belongings, leave requests, visit restrictions: the case team
    and supervisors (whoever may change the stay's case)."""
    return (
        can_change_cases(user)
        and Case.objects.visible_to(user, per_row=True).filter(pk=stay.case_id).exists()
    )


def get_leave_for_user(user, public_id) -> LeaveRequest:
    leave = LeaveRequest.objects.visible_to(user).select_related("stay__client", "stay__case")
    return get_or_404(leave, public_id=public_id)


def can_decide_leave(user, leave: LeaveRequest) -> bool:
    return can_supervise(user) and (user.is_superuser or user.centre_id == leave.stay.centre_id)


def get_visit_for_user(user, public_id) -> Visit:
    return get_or_404(Visit.objects.visible_to(user).select_related("stay"), public_id=public_id)


def get_restriction_for_user(user, public_id) -> VisitRestriction:
    restrictions = VisitRestriction.objects.visible_to(user).select_related("stay")
    return get_or_404(restrictions, public_id=public_id)


def get_absconding_for_user(user, public_id) -> AbscondingReport:
    reports = AbscondingReport.objects.visible_to(user).select_related(
        "stay__client", "stay__case", "stay__centre", "reported_by"
    )
    return get_or_404(reports, public_id=public_id)


def can_see_health(user, stay: Stay) -> bool:
    """`HealthQuerySet.visible_to` for one resident: the centre's supervisors and health
    staff, and the case team; never admins, never colleagues."""
    if not user.is_authenticated or user.is_superuser:
        return user.is_authenticated
    if stay.centre_id != user.centre_id:
        return False
    if user.role in (Role.SUPERVISOR, Role.HEALTH_STAFF):
        return True
    return user.role == Role.SOCIAL_WORKER and user.pk in stay.case.team_ids()


def get_sickness_for_user(user, public_id) -> SicknessEntry:
    entries = SicknessEntry.objects.visible_to(user).select_related("stay")
    return get_or_404(entries, public_id=public_id)


def get_incident_for_user(user, public_id) -> Incident:
    return get_or_404(Incident.objects.visible_to(user), public_id=public_id)


def get_incident_follow_up_for_user(user, incident: Incident, public_id):
    return get_or_404(incident.follow_ups.all(), public_id=public_id)  # type: ignore[attr-defined]


def can_close_incident(user, incident: Incident) -> bool:
    """Supervisors of the centre confirm notices and close incidents."""
    return can_supervise(user) and (user.is_superuser or user.centre_id == incident.centre_id)
