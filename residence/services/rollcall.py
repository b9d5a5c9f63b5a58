"""The roll call: the list preset for the duty worker, taking it in one go, correcting it,
and which roll calls of the week were missed.

Every step costs a fixed number of queries whatever the number of residents, except one
insert per absconding report opened (one per resident newly marked absent)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from residence.models import (
    AbscondingReport,
    LeaveRequest,
    Presence,
    RollCall,
    RollCallMark,
    Routine,
    Session,
    SicknessEntry,
    Stay,
)
from sentra import audit
from sentra.models import Centre, User
from sentra.versioning import save_versioned

WEEK = 7


class RollCallAlreadyTaken(ValidationError):
    """Someone else submitted this roll call first; `roll_call` is theirs."""

    def __init__(self, roll_call: RollCall):
        super().__init__(_("This roll call was already taken."))
        self.roll_call = roll_call


class ResidentsChanged(ValidationError):
    """A resident moved in or out while the list was being marked."""


@dataclass
class Line:
    stay: Stay
    presence: str
    note: str = ""
    why: str = ""  # why the line is preset to something other than present
    mark: RollCallMark | None = None  # the mark given, once the roll call is taken


def residents_on(centre: Centre, day: date):
    return (
        Stay.objects.filter(centre=centre)
        .on(day)
        .with_place()
        .order_by("bed__room__building__name", "bed__room__name", "bed__label", "id")
    )


def roll_call_lines(centre: Centre, day: date, roll_call: RollCall | None = None) -> list[Line]:
    """Every resident of the night of `day`, preset: the marks already given when the roll
    call was taken; otherwise on leave for a resident out on approved leave, absent for one
    with an open absconding report, in hospital or sick from the sick log, present for the
    rest. Five queries, whatever the number of residents."""
    stays = list(residents_on(centre, day))
    marks = {m.stay_id: m for m in roll_call.marks.all()} if roll_call is not None else {}
    out = dict(
        LeaveRequest.objects.out().filter(stay__centre=centre).values_list("stay_id", "destination")
    )
    missing = set(
        AbscondingReport.objects.open()
        .filter(stay__centre=centre)
        .values_list("stay_id", flat=True)
    )
    sick = dict(
        SicknessEntry.objects.ongoing()
        .filter(stay__centre=centre)
        .values_list("stay_id", "in_hospital")
    )
    lines = []
    for stay in stays:
        if stay.pk in marks:
            mark = marks[stay.pk]
            lines.append(Line(stay, mark.presence, mark.note, mark=mark))
        elif stay.pk in out:
            lines.append(Line(stay, Presence.LEAVE, why=_("On leave: %s") % out[stay.pk]))
        elif stay.pk in missing:
            lines.append(Line(stay, Presence.ABSENT, why=_("Absconding report open")))
        elif stay.pk in sick:
            presence = Presence.HOSPITAL if sick[stay.pk] else Presence.SICK
            lines.append(Line(stay, presence, why=_("In the sick log")))
        else:
            lines.append(Line(stay, Presence.PRESENT))
    return lines


def _check_same_residents(expected: set[int], marked: set[int]) -> None:
    if expected != marked:
        raise ResidentsChanged(
            _(
                "The list of residents changed while you were marking (someone moved in or "
                "out). Check the list again and save."
            )
        )


@transaction.atomic
def take_roll_call(
    *,
    by: User,
    centre: Centre,
    day: date,
    session: str,
    marks: dict[int, tuple[str, str]],
    note: str = "",
    request=None,
) -> tuple[RollCall, list[AbscondingReport]]:
    """Record one roll call: `marks` maps each resident's stay id to (presence, note).
    Every resident absent without permission gets an absconding report in the same
    transaction (unless one is already open for them)."""
    stays = set(Stay.objects.filter(centre=centre).on(day).values_list("pk", flat=True))
    _check_same_residents(stays, set(marks))
    try:
        with transaction.atomic():
            roll_call = RollCall.objects.create(
                centre=centre, date=day, session=session, taken_by=by, note=note
            )
    except IntegrityError:
        existing = RollCall.objects.select_related("taken_by").get(
            centre=centre, date=day, session=session
        )
        raise RollCallAlreadyTaken(existing) from None
    created = bulk_create_with_history(
        [
            RollCallMark(roll_call=roll_call, stay_id=stay_id, presence=presence, note=note[:200])
            for stay_id, (presence, note) in marks.items()
        ],
        RollCallMark,
        default_user=by,
    )
    reports = _open_absconding_reports(by, roll_call, created, request)
    audit.record(audit.Action.CREATE, by=by, obj=roll_call, request=request, fields=["marks"])
    return roll_call, reports


@transaction.atomic
def correct_roll_call(
    *,
    by: User,
    roll_call: RollCall,
    marks: list[RollCallMark],
    on_list: set[int],
    fields: list[str],
    request=None,
) -> list[AbscondingReport]:
    """Save the corrections of a roll call's page: `roll_call` as its form left it (its
    note; `fields` names what the page changed), `marks` the rows the page changed or
    added, and `on_list` the stays of every row on the page. Each changed row is saved
    against the version it was read at: a row somebody else saved since is an
    EditConflict (sentra.versioning) and nothing is saved. Their history keeps the earlier
    marks; a resident newly marked absent gets an absconding report."""
    stays = set(
        Stay.objects.filter(centre=roll_call.centre_id)
        .on(roll_call.date)
        .values_list("pk", flat=True)
    )
    _check_same_residents(stays, on_list)
    if "note" in fields:
        save_versioned(roll_call)
    saved = [mark for mark in marks if mark.pk is not None]
    was_absent = set(
        RollCallMark.objects.filter(
            pk__in=[mark.pk for mark in saved], presence=Presence.ABSENT
        ).values_list("pk", flat=True)
    )
    for mark in saved:
        mark.note = mark.note[:200]
        save_versioned(mark)
    added = [mark for mark in marks if mark.pk is None]
    for mark in added:
        mark.roll_call, mark.note = roll_call, mark.note[:200]
    if added:
        try:
            with transaction.atomic():
                added = bulk_create_with_history(added, RollCallMark, default_user=by)
        except IntegrityError:
            raise ResidentsChanged(
                _(
                    "Someone else has just marked residents who were missing from the list. "
                    "Check the list again and save."
                )
            ) from None
    newly_absent = [mark for mark in saved if mark.pk not in was_absent]
    reports = _open_absconding_reports(by, roll_call, [*newly_absent, *added], request)
    if marks or "note" in fields:
        changed = [*(["marks"] if marks else []), *(["note"] if "note" in fields else [])]
        audit.record(audit.Action.UPDATE, by=by, obj=roll_call, request=request, fields=changed)
    return reports


def _open_absconding_reports(
    by: User, roll_call: RollCall, marks: list[RollCallMark], request
) -> list[AbscondingReport]:
    absent = [m for m in marks if m.presence == Presence.ABSENT]
    if not absent:
        return []
    stay_ids = [m.stay_id for m in absent]
    already_open = set(
        AbscondingReport.objects.open()
        .filter(stay_id__in=stay_ids)
        .values_list("stay_id", flat=True)
    )
    last_present = dict(
        RollCallMark.objects.filter(stay_id__in=stay_ids, presence=Presence.PRESENT)
        .exclude(roll_call=roll_call)
        .values("stay_id")
        .annotate(at=Max("roll_call__taken_at"))
        .values_list("stay_id", "at")
    )
    circumstances = _("Absent without permission at the %(session)s of %(date)s.") % {
        "session": Session(roll_call.session).label,
        "date": roll_call.date.strftime("%d-%m-%Y"),
    }
    reports = []
    for mark in absent:
        if mark.stay_id in already_open:
            continue
        report = AbscondingReport.objects.create(
            stay_id=mark.stay_id,
            last_seen_at=last_present.get(mark.stay_id) or roll_call.taken_at,
            last_seen_where="",
            circumstances=circumstances,
            roll_call_mark=mark,
            reported_by=by,
        )
        audit.record(
            audit.Action.CREATE, by=by, obj=report, request=request, centre=roll_call.centre
        )
        reports.append(report)
    return reports


@dataclass
class SessionStatus:
    day: date
    session: str
    due_at: datetime
    roll_call: RollCall | None
    # "taken", "upcoming", "due" (within the grace period), "missed", or "none" (nobody
    # lived in the centre that day)
    state: str

    @property
    def label(self) -> str:
        return str(Session(self.session).label)


def roll_call_week(centre: Centre, now: datetime | None = None) -> list[SessionStatus]:
    """Today's and the last six days' roll calls, newest first, each taken, upcoming, due
    or missed. A session counts as missed only if someone lived in the centre that day.
    Three queries."""
    now = timezone.localtime(now or timezone.now(), centre.zone)
    routine = Routine.of(centre)
    today = now.date()
    first = today - timedelta(days=WEEK - 1)
    taken = {
        (rc.date, rc.session): rc
        for rc in RollCall.objects.filter(centre=centre, date__gte=first, date__lte=today)
        .select_related("taken_by")
        .annotate_counts()
    }
    spans = list(
        Stay.objects.filter(centre=centre, moved_in_on__lte=today)
        .filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=first))
        .values_list("moved_in_on", "moved_out_on")
    )
    grace = timedelta(minutes=routine.roll_call_grace_minutes)
    week = []
    for offset in range(WEEK):
        day = today - timedelta(days=offset)
        lived = any(start <= day and (end is None or end > day) for start, end in spans)
        for session in (Session.EVENING, Session.MORNING):
            due = datetime.combine(day, routine.roll_call_time(session), tzinfo=centre.zone)
            roll_call = taken.get((day, session))
            if roll_call is not None:
                state = "taken"
            elif now < due:
                state = "upcoming"
            elif not lived:
                state = "none"
            elif now < due + grace:
                state = "due"
            else:
                state = "missed"
            week.append(SessionStatus(day, session, due, roll_call, state))
    return week
