"""Pages and the attendance cost the same number of queries for 5 people as for 40."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import ScheduleSlot
from activities.services.activities import record_attendance
from activities.services.courses import enrol_cases, record_module_evaluations
from activities.services.schedule import save_slot
from tests.activities.conftest import kind, log_activity, make_course, residents
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def post_attendance(http, activity, people, status="present"):
    response = http.post(
        reverse("activities:attendance", args=[activity.public_id]),
        {f"case-{case.pk}": status for case in people},
    )
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.parametrize("code", ["morning_meeting", "sport"])
def test_taking_the_attendance_costs_the_same_for_5_or_40_people(
    centre, worker, supervisor, client_for, django_assert_max_num_queries, code
):
    http = client_for(worker)
    few = residents(5, centre, worker, supervisor)
    small = log_activity(worker, code)
    url = reverse("activities:attendance", args=[small.public_id])
    with django_assert_max_num_queries(40) as page:
        read_page(http, url, few[-1].client.full_name, "5 people on the list")
    with django_assert_max_num_queries(40) as save:
        post_attendance(http, small, few)
    many = few + residents(35, centre, worker, supervisor)
    large = log_activity(worker, code)
    url = reverse("activities:attendance", args=[large.public_id])
    with django_assert_max_num_queries(len(page.captured_queries)):
        read_page(http, url, many[-1].client.full_name, "40 people on the list")
    with django_assert_max_num_queries(len(save.captured_queries)):
        post_attendance(http, large, many)
    assert large.attendances.filter(status="present").count() == 40


def test_a_therapy_screen_costs_the_same_and_each_service_a_fixed_few(
    centre, worker, supervisor, client_for, django_assert_max_num_queries
):
    """Showing who would get a service is one query for everyone; booking each service is
    a service record with its own history and audit row, a fixed cost per person."""
    http = client_for(worker)
    few = residents(5, centre, worker, supervisor, stage="planning")
    small = log_activity(worker, "group_therapy")
    url = reverse("activities:attendance", args=[small.public_id])
    with django_assert_max_num_queries(40) as page:
        read_page(http, url, "No service")
    with django_assert_max_num_queries(45) as skipped_five:
        post_attendance(http, small, few)
    many = few + residents(35, centre, worker, supervisor, stage="planning")
    large = log_activity(worker, "group_therapy")
    with django_assert_max_num_queries(len(page.captured_queries)):
        read_page(http, reverse("activities:attendance", args=[large.public_id]), "No service")
    with django_assert_max_num_queries(len(skipped_five.captured_queries)):
        post_attendance(http, large, many)


def test_the_activity_page_costs_the_same_for_5_or_40_present(
    centre, worker, supervisor, client_for, django_assert_max_num_queries
):
    http = client_for(worker)
    people = residents(5, centre, worker, supervisor)
    small = log_activity(worker, "group_therapy")
    record_attendance(by=worker, activity=small, marks={c.pk: "present" for c in people})
    with django_assert_max_num_queries(30) as few:
        read_page(http, reverse("activities:detail", args=[small.public_id]), "5 services booked")
    people += residents(35, centre, worker, supervisor, consent=False)
    large = log_activity(worker, "group_therapy")
    record_attendance(by=worker, activity=large, marks={c.pk: "present" for c in people})
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(
            http,
            reverse("activities:detail", args=[large.public_id]),
            "5 services booked",
            "no consent to services on record",
        )


def test_todays_sessions_cost_the_same_for_2_or_8_slots(
    centre, worker, supervisor, client_for, django_assert_max_num_queries
):
    def slots(n):
        for hour in range(n):
            save_slot(
                by=supervisor,
                slot=ScheduleSlot(
                    centre=centre,
                    kind=kind("sport"),
                    title=f"Sesi {len(made) + 1}",
                    starts_at=f"{6 + len(made):02d}:00",
                    valid_from=timezone.localdate() - timedelta(days=7),
                ),
                fields=[],
            )
            made.append(hour)

    made: list[int] = []
    http = client_for(worker)
    slots(2)
    with django_assert_max_num_queries(15) as few:
        read_page(http, reverse("activities:today"), "Sesi 2", "Take attendance")
    slots(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, reverse("activities:today"), "Sesi 8")


def test_the_course_page_costs_the_same_for_3_or_10_participants(
    centre, worker, supervisor, client_for, django_assert_max_num_queries
):
    http = client_for(worker)
    people = residents(3, centre, worker, supervisor)
    course = make_course(worker, people)
    module = course.modules.first()
    session = log_activity(worker, "vocational_session", course=course, module=module)

    def evaluate_and_attend():
        enrolments = course.enrolments.all()
        record_module_evaluations(
            by=worker,
            module=module,
            marks={e.pk: {"score": 80, "level": "competent", "comments": ""} for e in enrolments},
        )
        record_attendance(
            by=worker, activity=session, marks={e.case_id: "present" for e in enrolments}
        )

    evaluate_and_attend()
    url = reverse("activities:course-detail", args=[course.public_id])
    with django_assert_max_num_queries(30) as few:
        read_page(http, url, people[-1].client.full_name)
    more = residents(7, centre, worker, supervisor)
    enrol_cases(by=worker, course=course, cases=more)
    evaluate_and_attend()
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, url, more[-1].client.full_name, "10 of 10 participants")
