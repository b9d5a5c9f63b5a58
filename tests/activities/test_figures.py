"""The month's activity figures, against a month counted by hand."""

from datetime import date, datetime, time

import pytest

from activities.figures import ActivityFigures, KindCount, PackageCount, activity_figures
from activities.services.activities import create_activity, record_attendance
from activities.services.completion import give_starter_package, issue_certificate
from activities.services.courses import record_final_result
from casework.models import Case, ServiceType
from tests.activities.conftest import kind, make_course, resident

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


def held(by, code, day, marks):
    activity = create_activity(
        by=by,
        data={"kind": kind(code), "held_on": day, "starts_at": time(7), "facilitator_staff": by},
    )
    record_attendance(by=by, activity=activity, marks={c.pk: s for c, s in marks.items()})
    return activity


def finish(by, course, case, *, certificate_on=None, package=None):
    enrolment = course.enrolments.get(case=case)
    record_final_result(by=by, enrolment=enrolment, result="competent")
    if certificate_on:
        issue_certificate(
            by=by,
            enrolment=enrolment,
            data={"issued_on": certificate_on, "signatory_name": "K", "signatory_position": "K"},
        )
    if package:
        kind_, amount, day = package
        give_starter_package(
            by=by,
            enrolment=enrolment,
            data={"kind": kind_, "items": "Paket", "amount": amount, "given_on": day},
            service_type=ServiceType.objects.get(code="starter_package", centre=None),
        )


@pytest.fixture
def march(centre, other_centre, worker, supervisor, outsider):
    """The month described in the docstring of each test, built through the services."""
    p1, p2, p3, p4 = (resident(centre, worker, supervisor) for _ in range(4))
    p5 = resident(centre, worker, supervisor, stage="planning")
    q1 = resident(other_centre, outsider, outsider)
    Case.objects.update(opened_at=datetime(2025, 1, 1, 8, 0).astimezone())
    held(
        worker,
        "morning_meeting",
        date(2026, 3, 2),
        {p1: "present", p2: "present", p3: "present", p4: "sick"},
    )
    held(worker, "morning_meeting", date(2026, 3, 3), {p1: "present", p2: "present"})
    held(worker, "group_therapy", date(2026, 3, 4), {p1: "present", p2: "present", p5: "present"})
    held(worker, "sport", date(2026, 2, 28), {p1: "present"})
    held(worker, "sport", date(2026, 4, 1), {p1: "present"})
    held(outsider, "morning_meeting", date(2026, 3, 2), {q1: "present"})
    c1 = make_course(
        worker, [p1, p2], title="C1", starts_on=date(2026, 2, 15), ends_on=date(2026, 3, 10)
    )
    make_course(
        worker, [p2, p3], title="C2", starts_on=date(2026, 3, 20), ends_on=date(2026, 5, 30)
    )
    c3 = make_course(
        worker, [p4], title="C3", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 28)
    )
    make_course(worker, [], title="C4", starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 30))
    finish(
        worker,
        c1,
        p1,
        certificate_on=date(2026, 3, 5),
        package=("tools", 2_500_000, date(2026, 3, 12)),
    )
    finish(
        worker,
        c1,
        p2,
        certificate_on=date(2026, 4, 2),
        package=("capital", 3_000_000, date(2026, 3, 20)),
    )
    finish(worker, c3, p4, package=("tools", 1_000_000, date(2026, 2, 25)))


def test_the_centres_march_counts_activities_people_and_attendances_apart(centre, march):
    """ALY in March: two morning meetings (p1 p2 p3 present, p4 sick; p1 p2 present) and a
    therapy session (p1 p2 present and eligible, p5 present in planning): 3 activities, 8
    presences of 4 people, 2 services; the sport of 28 Feb and 1 Apr fall outside. Courses:
    C1 (15 Feb–10 Mar) and C2 (20 Mar–) ran, C1 finished, with p1 p2 p3 in them; C1 gave p1 a
    certificate on 5 Mar (p2's is April) and packages to p1 (tools, 2.5m, 12 Mar) and p2
    (capital, 3m, 20 Mar); p4's February package is outside."""
    assert activity_figures(centre=centre, month=MARCH) == ActivityFigures(
        month="2026-03",
        centre="ALY",
        activities=3,
        activities_by_kind=[
            KindCount("morning_meeting", "Apel pagi", "Morning roll call and meeting", 2, 5),
            KindCount("group_therapy", "Terapi kelompok", "Group therapy session", 1, 3),
        ],
        participants=4,
        attendances=8,
        services_from_activities=2,
        courses_running=2,
        courses_finished=1,
        course_participants=3,
        certificates=1,
        starter_packages=2,
        starter_package_amount=5_500_000,
        starter_packages_by_kind=[
            PackageCount("capital", 1, 3_000_000),
            PackageCount("tools", 1, 2_500_000),
        ],
    )


def test_every_centre_together_adds_the_other_centres_meeting(march):
    figures = activity_figures(centre=None, month=date(2026, 3, 17))
    assert (figures.centre, figures.activities, figures.participants, figures.attendances) == (
        None,
        4,
        5,
        9,
    )
    assert figures.activities_by_kind[0] == KindCount(
        "morning_meeting", "Apel pagi", "Morning roll call and meeting", 3, 6
    )


def test_an_empty_month_is_all_zeros(centre, march):
    figures = activity_figures(centre=centre, month=date(2025, 12, 1))
    assert figures == ActivityFigures(month="2025-12", centre="ALY", activities=0)
