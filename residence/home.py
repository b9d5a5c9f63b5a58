"""The residence section of the home pages: today's occupancy, roll calls, who is out,
who is late back, who ran away, who is sick, open incidents. A fixed number of queries.

Admins see figures only where the detail is confidential (sick residents, incidents)."""

from django.db.models import Count, Q
from django.utils import timezone

from residence.models import (
    AbscondingReport,
    Bed,
    Building,
    Incident,
    LeaveRequest,
    Presence,
    RollCallMark,
    SicknessEntry,
    Stay,
)
from residence.services.rollcall import roll_call_week
from sentra.scopes import Role, has_role

LIST_LIMIT = 30


def residence_today(user) -> dict | None:
    """None when the user's centre has no residence (no buildings recorded)."""
    centre = user.centre
    if centre is None or not Building.objects.filter(centre=centre).exists():
        return None
    now = timezone.now()
    week = roll_call_week(centre, now)
    today = timezone.localtime(now, centre.zone).date()
    stays = Stay.objects.filter(centre=centre).current()
    leave = LeaveRequest.objects.visible_to(user)
    sees_details = has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.HEALTH_STAFF)
    occupancy = _occupancy(centre, stays)
    return {
        "occupancy": occupancy,
        "residents": sum(row["occupied"] for row in occupancy),
        "free_beds": sum(row["free"] for row in occupancy),
        "roll_calls_today": [s for s in week if s.day == today],
        "missed_roll_calls": [s for s in week if s.state == "missed"],
        "on_leave": list(
            leave.out().select_related("stay__client").order_by("due_back_at")[:LIST_LIMIT]
        ),
        "overdue_returns": list(
            leave.overdue(now).select_related("stay__client").order_by("due_back_at")[:LIST_LIMIT]
        ),
        "leave_awaiting": leave.awaiting_decision().filter(stay__moved_out_on__isnull=True).count(),
        "absconding": list(
            AbscondingReport.objects.visible_to(user)
            .open()
            .select_related("stay__client")
            .order_by("last_seen_at")[:LIST_LIMIT]
        ),
        "sick_today": _sick_at_latest_roll_call(centre, today),
        "sick": list(
            SicknessEntry.objects.visible_to(user)
            .ongoing()
            .select_related("stay__client")
            .order_by("began_on")[:LIST_LIMIT]
        )
        if sees_details
        else [],
        "incidents": list(
            Incident.objects.visible_to(user).open().order_by("-occurred_at")[:LIST_LIMIT]
        ),
        "open_incidents": Incident.objects.filter(centre=centre).open().count(),
        "closed_cases_still_resident": list(
            stays.filter(case__closed_at__isnull=False).select_related("client", "case")[
                :LIST_LIMIT
            ]
        ),
        "sees_details": sees_details,
    }


def _occupancy(centre, stays) -> list[dict]:
    beds = dict(
        Bed.objects.filter(room__building__centre=centre)
        .usable()
        .values_list("room__building")
        .annotate(n=Count("id"))
        .order_by()
    )
    occupied = dict(stays.values_list("bed__room__building").annotate(n=Count("id")).order_by())
    return [
        {
            "building": building,
            "beds": beds.get(building.pk, 0),
            "occupied": occupied.get(building.pk, 0),
            "free": max(0, beds.get(building.pk, 0) - occupied.get(building.pk, 0)),
        }
        for building in Building.objects.filter(centre=centre).order_by("name")
    ]


def _sick_at_latest_roll_call(centre, today) -> int:
    """Residents marked sick or in hospital at today's latest roll call (a figure any
    role may see: it is on the duty's list, without any health detail)."""
    latest = (
        RollCallMark.objects.filter(roll_call__centre=centre, roll_call__date=today)
        .values("roll_call__session")
        .annotate(n=Count("id", filter=Q(presence__in=[Presence.SICK, Presence.HOSPITAL])))
        .order_by("roll_call__session")  # evening ("e") before morning
    )
    first = latest.first()
    return first["n"] if first else 0
