"""Centre activities and vocational courses.

Everyone in the centre sees its activities, timetable and courses (an attendance list shows
names, as the registry's existence view does); links to a case follow the case's own rule.
Social workers and supervisors record them; admins keep the kinds of activity."""

from activities.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    Certificate,
    Course,
    Enrolment,
    Module,
    ScheduleSlot,
)
from sentra.access.base import get_or_404
from sentra.scopes import Role, has_role


def can_record_activities(user) -> bool:
    """Activities, attendance, courses, evaluations, results, certificates, packages."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def can_manage_schedule(user) -> bool:
    """The weekly timetable is the centre's: its supervisors and admins keep it."""
    return has_role(user, Role.SUPERVISOR, Role.ADMIN)


def get_activity_for_user(user, public_id) -> Activity:
    return get_or_404(
        Activity.objects.visible_to(user).select_related(
            "centre", "kind", "kind__service_type", "facilitator_staff", "course", "module"
        ),
        public_id=public_id,
    )


def get_activity_photo_for_user(user, activity: Activity, public_id) -> ActivityPhoto:
    return get_or_404(
        activity.photos.filter(is_archived=False),  # type: ignore[attr-defined]
        public_id=public_id,
    )


def get_activity_kind_for_user(user, public_id) -> ActivityKind:
    """A kind the user's centre added (the shipped ones are not edited in the app)."""
    return get_or_404(
        ActivityKind.objects.filter(centre_id=user.centre_id, centre__isnull=False),
        public_id=public_id,
    )


def get_schedule_slot_for_user(user, public_id) -> ScheduleSlot:
    return get_or_404(
        ScheduleSlot.objects.visible_to(user).select_related("centre", "kind", "course"),
        public_id=public_id,
    )


def get_course_for_user(user, public_id) -> Course:
    return get_or_404(
        Course.objects.visible_to(user).select_related("centre", "instructor_staff"),
        public_id=public_id,
    )


def get_module_for_user(user, course: Course, public_id) -> Module:
    return get_or_404(course.modules.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_enrolment_for_user(user, public_id) -> Enrolment:
    return get_or_404(
        Enrolment.objects.visible_to(user).select_related(
            "course", "course__centre", "case", "case__client"
        ),
        public_id=public_id,
    )


def get_certificate_for_user(user, public_id) -> Certificate:
    return get_or_404(Certificate.objects.visible_to(user), public_id=public_id)


def can_request_certificate(user, certificate: Certificate) -> bool:
    """Any staff member of the certificate's centre may print it (a superuser any)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or certificate.centre_id == user.centre_id
