"""The weekly timetable, and the day's sessions opened from it for attendance."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q

from activities.models import Activity, Attendance, ScheduleSlot
from activities.services.activities import AttendanceOutcome, record_attendance
from activities.services.rows import RowRead
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@dataclass
class Session:
    """One of the day's sessions: a timetable slot (with its activity once opened), or an
    activity logged outside the timetable."""

    slot: ScheduleSlot | None
    activity: Activity | None
    present: int = 0

    @property
    def starts_at(self):
        return (self.slot or self.activity).starts_at  # type: ignore[union-attr]

    @property
    def title(self) -> str:
        if self.activity is not None:
            return self.activity.title
        return str(self.slot)


@transaction.atomic
def save_slot(*, by: User, slot: ScheduleSlot, fields: list[str], request=None) -> ScheduleSlot:
    creating = slot.pk is None
    if creating:
        slot.created_by = by
    save_versioned(slot)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=slot,
        request=request,
        fields=fields,
    )
    return slot


def sessions_on(centre, day: date) -> list[Session]:
    """The day's sessions of `centre` by time: each slot of the timetable that falls on
    `day`, and the activities logged that day outside it. Three queries, however many."""
    slots = list(
        ScheduleSlot.objects.filter(centre=centre).on(day).select_related("kind", "course")
    )
    activities = (
        Activity.objects.filter(centre=centre, held_on=day)
        .select_related("kind", "slot")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
    )
    by_slot, loose = {}, []
    for activity in activities:
        if activity.slot_id:
            by_slot[activity.slot_id] = activity
        else:
            loose.append(activity)
    sessions = [
        Session(
            slot=slot,
            activity=by_slot.get(slot.pk),
            present=getattr(by_slot.get(slot.pk), "present", 0),
        )
        for slot in slots
    ]
    sessions += [Session(slot=None, activity=a, present=a.present) for a in loose]  # type: ignore[attr-defined]
    return sorted(sessions, key=lambda session: session.starts_at)


@transaction.atomic
def open_session(*, by: User, slot: ScheduleSlot, day: date, data=None, request=None) -> Activity:
    """The activity of `slot` on `day`, created from the slot the first time (a second
    opening, even a simultaneous one, finds the first: one row per slot and day)."""
    defaults = {
        "centre": slot.centre,
        "kind": slot.kind,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "place": slot.place,
        "facilitator_staff": slot.facilitator_staff or (None if slot.facilitator_name else by),
        "facilitator_name": slot.facilitator_name,
        "course": slot.course,
        "recorded_by": by,
        **(data or {}),
    }
    activity, created = Activity.objects.get_or_create(slot=slot, held_on=day, defaults=defaults)
    if created:
        audit.record(audit.Action.CREATE, by=by, obj=activity, request=request, fields=["slot"])
    return activity


@transaction.atomic
def record_session(
    *,
    by: User,
    slot: ScheduleSlot,
    day: date,
    data: dict,
    marks: dict[int, str],
    read: dict[int, RowRead] | None = None,
    request=None,
) -> tuple[Activity, AttendanceOutcome]:
    """Open the slot's session of `day` and take its attendance, in one action. If somebody
    opened it meanwhile, the marks go onto theirs (`read`: see record_attendance)."""
    activity = open_session(by=by, slot=slot, day=day, data=data, request=request)
    outcome = record_attendance(by=by, activity=activity, marks=marks, read=read, request=request)
    return activity, outcome
