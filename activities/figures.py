"""The month's figures of centre activities and vocational courses, for the monthly report.

Plain data, counted apart from services: an activity is not a service, and a person at
twenty morning meetings is one participant with twenty attendances. Services booked from
activities (a therapy session) and starter packages are services too, and the service
figures already count them from their service records; they are given here only so the
report can say where those services came from.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from activities.models import Activity, Attendance, Certificate, Course, Enrolment, StarterPackage


@dataclass(frozen=True)
class KindCount:
    code: str
    name_id: str
    name_en: str
    activities: int
    attendances: int


@dataclass(frozen=True)
class PackageCount:
    kind: str
    count: int
    amount: int


@dataclass(frozen=True)
class ActivityFigures:
    month: str  # "2026-03"
    centre: str | None  # the centre's code; None for every centre
    activities: int
    activities_by_kind: list[KindCount] = field(default_factory=list)
    participants: int = 0  # people present at least once
    attendances: int = 0  # presences, all activities together
    services_from_activities: int = 0  # already in the service figures
    courses_running: int = 0  # running on at least one day of the month
    courses_finished: int = 0  # ended in the month
    course_participants: int = 0  # people enrolled in a course running in the month
    certificates: int = 0  # issued in the month
    starter_packages: int = 0  # given in the month (already in the service figures)
    starter_package_amount: int = 0  # Rp
    starter_packages_by_kind: list[PackageCount] = field(default_factory=list)


def _month_bounds(month: date) -> tuple[date, date]:
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, end


def activity_figures(*, centre=None, month: date) -> ActivityFigures:
    """The figures of `centre` (every centre when None) for the month containing `month`."""
    start, end = _month_bounds(month)
    where = Q(centre=centre) if centre is not None else Q()
    activities = Activity.objects.filter(where, held_on__gte=start, held_on__lt=end)
    present = Attendance.objects.filter(activity__in=activities, status=Attendance.Status.PRESENT)
    by_kind = (
        activities.values("kind__code", "kind__name_id", "kind__name_en")
        .annotate(
            n=Count("id", distinct=True),
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
        )
        .order_by("-n", "kind__code")
    )
    courses = Course.objects.filter(where)
    running = courses.filter(starts_on__lt=end, ends_on__gte=start)
    course_where = Q(enrolment__course__centre=centre) if centre is not None else Q()
    packages = StarterPackage.objects.filter(course_where, given_on__gte=start, given_on__lt=end)
    package_rows = packages.values("kind").annotate(n=Count("id"), amount=Sum("amount"))
    return ActivityFigures(
        month=f"{start:%Y-%m}",
        centre=centre.code if centre is not None else None,
        activities=activities.count(),
        activities_by_kind=[
            KindCount(
                code=row["kind__code"],
                name_id=row["kind__name_id"],
                name_en=row["kind__name_en"],
                activities=row["n"],
                attendances=row["present"],
            )
            for row in by_kind
        ],
        participants=present.values("case__client").distinct().count(),
        attendances=present.count(),
        services_from_activities=present.filter(service__isnull=False).count(),
        courses_running=running.count(),
        courses_finished=courses.filter(ends_on__gte=start, ends_on__lt=end).count(),
        course_participants=Enrolment.objects.filter(course__in=running)
        .active()
        .values("case__client")
        .distinct()
        .count(),
        certificates=Certificate.objects.filter(
            where, issued_on__gte=start, issued_on__lt=end
        ).count(),
        starter_packages=sum(row["n"] for row in package_rows),
        starter_package_amount=sum(row["amount"] or 0 for row in package_rows),
        starter_packages_by_kind=[
            PackageCount(kind=row["kind"], count=row["n"], amount=row["amount"] or 0)
            for row in package_rows.order_by("kind")
        ],
    )
