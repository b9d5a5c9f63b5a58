"""Logging an activity once for many people: the activity, its photos, and the attendance
list, which books a service only where the kind and the person's case allow it."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from activities.models import Activity, ActivityPhoto, Attendance, Enrolment
from activities.rules import attendee_cases, service_refusals
from activities.services.rows import (
    RowConflicts,
    RowRead,
    Verdict,
    decide,
    moved_on,
    row_conflict,
)
from casework.models import Case
from casework.services.service_records import record_service
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned

# What a form hands to create_activity (the centre and the recorder come from the user).
ACTIVITY_DATA_FIELDS = [
    "kind",
    "held_on",
    "starts_at",
    "ends_at",
    "place",
    "facilitator_staff",
    "facilitator_name",
    "facilitator_role",
    "facilitator_institution",
    "topic",
    "description",
]


@dataclass
class AttendanceOutcome:
    """What taking the attendance did: marks saved, services booked, people skipped."""

    present: int = 0
    marked: int = 0
    booked: list[Case] = field(default_factory=list)
    skipped: list[tuple[Case, str]] = field(default_factory=list)


@transaction.atomic
def create_activity(*, by: User, data: dict, request=None) -> Activity:
    """A new activity of the user's centre."""
    centre = by.centre
    if centre is None:
        raise ValidationError(_("Activities belong to a centre; log in as its staff."))
    activity = Activity.objects.create(centre=centre, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=activity, request=request, fields=sorted(data))
    return activity


@transaction.atomic
def update_activity(*, by: User, activity: Activity, fields: list[str], request=None) -> Activity:
    """Save an edited activity, unless somebody saved it since its form was read
    (sentra.versioning.EditConflict)."""
    save_versioned(activity)
    audit.record(audit.Action.UPDATE, by=by, obj=activity, request=request, fields=fields)
    return activity


def expected_cases(centre, day, course_id=None) -> QuerySet[Case]:
    """Who is on the list of an activity of `centre` on `day`: a course session's
    participants, or everyone who may attend the centre's activities (activities/rules.py)."""
    if course_id:
        enrolled = Enrolment.objects.filter(course_id=course_id).active().values("case_id")
        return (
            Case.objects.filter(pk__in=enrolled)
            .select_related("client")
            .order_by("client__full_name", "pk")
        )
    return attendee_cases(centre, day)


def attendance_candidates(activity: Activity) -> QuerySet[Case]:
    """Who can be marked: those expected, and anyone already marked whatever happened since
    (a case closed after the activity keeps its mark)."""
    expected = expected_cases(activity.centre, activity.held_on, activity.course_id)
    marked = Attendance.objects.filter(activity=activity).values("case_id")
    return (
        Case.objects.filter(Q(pk__in=expected.values("pk")) | Q(pk__in=marked))
        .select_related("client")
        .order_by("client__full_name", "pk")
    )


@transaction.atomic
def record_attendance(
    *,
    by: User,
    activity: Activity,
    marks: dict[int, str],
    read: dict[int, RowRead] | None = None,
    request=None,
) -> AttendanceOutcome:
    """Save the attendance list in one go. `marks` maps case ids to a status ("" for
    someone not taking part). Taking it again corrects the marks: never a second row per
    person, never a second service. When the kind books a service, each person marked
    present gets it on their case if the case may receive services (activities/rules.py);
    the others are skipped with the reason, kept beside their mark.

    `read` (from the attendance screen) says, per person, what the screen showed: a mark
    somebody else set since stays unless this person changed it too, differently, which
    saves nothing and raises RowConflicts (activities/services/rows.py)."""
    # The activity's row is locked: two lists of the same activity are saved one by one.
    activity = Activity.objects.select_for_update().select_related("kind").get(pk=activity.pk)
    candidates = {case.pk: case for case in attendance_candidates(activity)}
    strangers = set(marks) - set(candidates)
    if strangers:
        raise ValidationError(_("Only people on this activity's list can be marked."))
    existing = {a.case_id: a for a in activity.attendances.all()}
    outcome = AttendanceOutcome()
    new, changed = [], []
    conflicts, kept = {}, {}
    for case_id, status in marks.items():
        mark, row = existing.get(case_id), (read or {}).get(case_id)
        if mark is None:
            if status:
                new.append(
                    Attendance(activity=activity, case_id=case_id, status=status, recorded_by=by)
                )
            continue
        # "" (not taking part) is offered only to someone not marked: nobody is unmarked.
        verdict = decide(mark, row, {"status": status}) if status else Verdict.KEEP
        if verdict is Verdict.KEEP:
            if moved_on(mark, row):
                kept[case_id] = mark
        elif verdict is Verdict.CONFLICT and row is not None:
            conflicts[case_id] = row_conflict(mark, row)
        else:
            if mark.service_id and status != Attendance.Status.PRESENT:
                raise ValidationError(
                    _(
                        "%(name)s already has a service booked for this activity; correct it "
                        "on the case's services page first."
                    )
                    % {"name": candidates[case_id].client.full_name}
                )
            mark.status = status
            mark.version += 1
            changed.append(mark)
    if conflicts:
        raise RowConflicts.of(conflicts, kept)
    if new:
        bulk_create_with_history(new, Attendance, default_user=by)
    if changed:
        bulk_update_with_history(changed, Attendance, ["status", "version"], default_user=by)
    marks_now = [*existing.values(), *new]
    outcome.marked = len(marks_now)
    present = [m for m in marks_now if m.status == Attendance.Status.PRESENT]
    outcome.present = len(present)
    if activity.kind.service_type_id:
        _book_services(by, activity, present, candidates, outcome, request)
    activity.attendance_taken_at = timezone.now()
    activity.attendance_taken_by = by
    activity.save(update_fields=["attendance_taken_at", "attendance_taken_by"])
    audit.record(audit.Action.UPDATE, by=by, obj=activity, request=request, fields=["attendance"])
    return outcome


def _book_services(by, activity, present, candidates, outcome, request) -> None:
    """A service on the case of each present person who may receive one and has none for
    this activity yet; the reason beside the mark of each who may not."""
    waiting = [mark for mark in present if mark.service_id is None]
    refusals = service_refusals([candidates[m.case_id] for m in waiting], activity.held_on)
    touched = []
    for mark in waiting:
        case = candidates[mark.case_id]
        reason = refusals.get(case.pk, "")
        if reason:
            outcome.skipped.append((case, reason))
            if mark.service_skipped_reason != reason:
                mark.service_skipped_reason = reason
                touched.append(mark)
            continue
        mark.service = record_service(
            by=by,
            case=case,
            data={
                "service_type": activity.kind.service_type,
                "delivered_on": activity.held_on,
                "provider_staff": activity.facilitator_staff,
                "description": f"{activity.kind}: {activity.title}"[:500]
                if activity.topic
                else str(activity.kind),
            },
            request=request,
        )
        mark.service_skipped_reason = ""
        touched.append(mark)
        outcome.booked.append(case)
    if touched:
        bulk_update_with_history(
            touched, Attendance, ["service", "service_skipped_reason"], default_user=by
        )


@transaction.atomic
def add_activity_photo(
    *, by: User, activity: Activity, upload, content_type: str, caption: str = "", request=None
) -> ActivityPhoto:
    extension = {"image/jpeg": "jpg", "image/png": "png"}[content_type]
    photo = ActivityPhoto(
        activity=activity, content_type=content_type, caption=caption, uploaded_by=by
    )
    photo.file.save(f"{photo.public_id.hex}.{extension}", upload, save=False)
    photo.save()
    audit.record(audit.Action.CREATE, by=by, obj=photo, request=request, fields=["file"])
    return photo


@transaction.atomic
def archive_activity_photo(*, by: User, photo: ActivityPhoto, request=None) -> ActivityPhoto:
    photo.is_archived = True
    photo.save(update_fields=["is_archived"])
    audit.record(audit.Action.ARCHIVE, by=by, obj=photo, request=request)
    return photo
