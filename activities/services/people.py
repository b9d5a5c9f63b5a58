"""A person's part in the centre's life, for their case page, their client page and the
case report: activities attended by kind, the latest ones, and their courses with
progress, results, certificates and starter packages."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from activities.models import ActivityKind, Attendance, Enrolment


@dataclass
class Participation:
    present_by_kind: list[tuple[ActivityKind, int]] = field(default_factory=list)
    present_total: int = 0
    recent: list[Attendance] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.recent or self.enrolments)


def attendance_of(case_ids):
    """Every mark of these cases, latest first, with what a list shows beside it."""
    return (
        Attendance.objects.filter(case_id__in=list(case_ids))
        .select_related(
            "activity", "activity__kind", "activity__course", "service", "service__service_type"
        )
        .order_by("-activity__held_on", "-activity__starts_at", "-id")
    )


def enrolments_of(case_ids):
    """Their courses, with the progress through the modules (evaluated of all)."""
    return (
        Enrolment.objects.filter(case_id__in=list(case_ids))
        .select_related("course", "certificate", "starter_package")
        .annotate(
            module_count=Count("course__modules", distinct=True),
            evaluated=Count("evaluations", distinct=True),
            competent_modules=Count(
                "evaluations", filter=Q(evaluations__level="competent"), distinct=True
            ),
        )
        .order_by("-course__starts_on")
    )


def participation_of(case_ids, *, recent: int = 5) -> Participation:
    """Four queries, however long the person has been in the centre."""
    case_ids = list(case_ids)
    by_kind = list(
        ActivityKind.objects.filter(
            activities__attendances__case_id__in=case_ids,
            activities__attendances__status=Attendance.Status.PRESENT,
        )
        .annotate(present=Count("activities__attendances"))
        .order_by("-present", "name_id")
    )
    return Participation(
        present_by_kind=[(kind, kind.present) for kind in by_kind],  # type: ignore[attr-defined]
        present_total=sum(kind.present for kind in by_kind),  # type: ignore[attr-defined]
        recent=list(attendance_of(case_ids)[:recent]),
        enrolments=list(enrolments_of(case_ids)),
    )
