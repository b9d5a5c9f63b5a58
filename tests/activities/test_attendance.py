"""Attendance is logged once for many people; it books a service only when the kind is a
service and only for people whose case may receive one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, Attendance
from activities.services.activities import attendance_candidates, record_attendance
from casework.models import ServiceRecord
from clients.models import Consent
from tests.activities.conftest import kind, log_activity, make_course, resident

pytestmark = pytest.mark.django_db


def test_a_morning_meeting_books_no_service_but_marks_everyone(worker, make_resident):
    people = [make_resident() for _ in range(4)]
    meeting = log_activity(worker)
    outcome = record_attendance(
        by=worker, activity=meeting, marks={case.pk: "present" for case in people}
    )
    assert outcome.present == 4 and not outcome.booked
    assert ServiceRecord.objects.count() == 0
    assert Attendance.objects.filter(activity=meeting, status="present").count() == 4
    assert {a.case_id for a in Attendance.objects.all()} == {c.pk for c in people}


def test_a_therapy_session_books_a_service_only_for_cases_that_may_receive_one(
    worker, make_resident
):
    eligible = [make_resident(stage="intervention"), make_resident(stage="monitoring")]
    no_consent = make_resident(stage="intervention", consent=False)
    too_early = make_resident(stage="planning")
    session = log_activity(worker, "group_therapy", topic="Mengelola rasa marah")
    everyone = [*eligible, no_consent, too_early]
    outcome = record_attendance(
        by=worker, activity=session, marks={case.pk: "present" for case in everyone}
    )
    booked = ServiceRecord.objects.filter(service_type__code="group_therapy")
    assert set(booked.values_list("case", flat=True)) == {c.pk for c in eligible}
    assert {case.pk for case in outcome.booked} == {c.pk for c in eligible}
    reasons = {case.pk: reason for case, reason in outcome.skipped}
    assert set(reasons) == {no_consent.pk, too_early.pk}
    marks = {a.case_id: a for a in Attendance.objects.filter(activity=session)}
    assert marks[no_consent.pk].skipped_because == "no consent to services on record"
    assert (
        marks[too_early.pk].skipped_because
        == "stage Service planning: services start at intervention"
    )
    assert marks[eligible[0].pk].service.delivered_on == session.held_on


def test_taking_the_attendance_again_never_doubles_a_mark_or_a_service(worker, make_resident):
    case = make_resident()
    session = log_activity(worker, "group_therapy")
    for _ in range(3):
        record_attendance(by=worker, activity=session, marks={case.pk: "present"})
    assert Attendance.objects.filter(activity=session).count() == 1
    assert ServiceRecord.objects.filter(case=case).count() == 1


def test_a_late_consent_is_honoured_when_the_attendance_is_taken_again(worker, make_resident):
    case = make_resident(consent=False)
    session = log_activity(worker, "group_therapy")
    record_attendance(by=worker, activity=session, marks={case.pk: "present"})
    assert not ServiceRecord.objects.filter(case=case).exists()
    Consent.objects.create(
        client=case.client,
        purpose="services",
        given_by="client",
        recorded_by=worker,
        given_on=session.held_on,
    )
    record_attendance(by=worker, activity=session, marks={case.pk: "present"})
    mark = Attendance.objects.get(activity=session, case=case)
    assert mark.service is not None and mark.service_skipped_reason == ""


def test_a_booked_persons_mark_cannot_drop_to_absent(worker, make_resident):
    case = make_resident()
    session = log_activity(worker, "group_therapy")
    record_attendance(by=worker, activity=session, marks={case.pk: "present"})
    with pytest.raises(ValidationError, match="already has a service"):
        record_attendance(by=worker, activity=session, marks={case.pk: "absent"})
    assert Attendance.objects.get(case=case).status == "present"


def test_only_people_on_the_list_can_be_marked(worker, make_resident, other_centre, outsider):
    stranger = resident(other_centre, outsider, outsider)
    meeting = log_activity(worker)
    with pytest.raises(ValidationError):
        record_attendance(by=worker, activity=meeting, marks={stranger.pk: "present"})
    assert not Attendance.objects.exists()


def test_a_course_sessions_list_is_its_participants(worker, make_resident):
    inside, outside = make_resident(), make_resident()
    course = make_course(worker, [inside])
    session = log_activity(worker, "vocational_session", course=course)
    assert list(attendance_candidates(session)) == [inside]
    assert outside not in attendance_candidates(session)


def test_the_attendance_screen_saves_every_mark_and_says_what_it_booked(
    worker, make_resident, client_for
):
    present, sick = make_resident(), make_resident(stage="assessment")
    session = log_activity(worker, "group_therapy")
    url = reverse("activities:attendance", args=[session.public_id])
    response = client_for(worker).post(
        url, {f"case-{present.pk}": "present", f"case-{sick.pk}": "sick"}, follow=True
    )
    body = response.content.decode()
    assert "Attendance saved: 1 present of 2 marked." in body
    assert "1 service record(s) added" in body
    assert ServiceRecord.objects.get().case == present
    assert Attendance.objects.get(case=sick).status == "sick"


def test_a_one_off_activity_starts_with_nobody_marked(worker, make_resident, client_for):
    case = make_resident()
    activity = log_activity(worker, "speaker_visit")
    body = client_for(worker).get(reverse("activities:attendance", args=[activity.public_id]))
    html = body.content.decode()
    assert f'name="case-{case.pk}" value="" class="btn-check"' in html
    assert "checked" in html.split(f'name="case-{case.pk}" value=""')[1].split(">")[0]


def test_an_activity_can_be_logged_and_a_double_submit_lands_on_the_first(worker, client_for):
    http = client_for(worker)
    page = http.get(reverse("activities:create")).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        "submission_key": key,
        "kind": kind("social_education").pk,
        "held_on": "2026-03-02",
        "starts_at": "09:00",
        "facilitator_name": "Bripka Sari",
        "facilitator_role": "speaker",
        "topic": "Bahaya narkoba",
    }
    first = http.post(reverse("activities:create"), data)
    second = http.post(reverse("activities:create"), data)
    assert Activity.objects.count() == 1
    activity = Activity.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("activities:attendance", args=[activity.public_id])
    )
    assert activity.facilitator == "Bripka Sari" and activity.recorded_by == worker


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": "2030-01-01"}, "once it has taken place"),
        ({"held_on": "1950-01-01"}, "Check the year"),
        ({"facilitator_name": ""}, "Name who leads it"),
        ({"ends_at": "08:00"}, "end after it starts"),
    ],
)
def test_an_activity_form_explains_what_is_wrong(worker, client_for, change, message):
    data = {
        "kind": kind("sport").pk,
        "held_on": "2026-03-02",
        "starts_at": "09:00",
        "facilitator_name": "Pelatih",
        **change,
    }
    response = client_for(worker).post(reverse("activities:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_the_kind_and_day_stay_fixed_once_the_attendance_is_taken(
    worker, make_resident, client_for
):
    case = make_resident()
    session = log_activity(worker, "group_therapy", topic="Sesi 1")
    record_attendance(by=worker, activity=session, marks={case.pk: "present"})
    response = client_for(worker).post(
        reverse("activities:edit", args=[session.public_id]),
        {
            "kind": kind("morning_meeting").pk,
            "held_on": "2026-01-05",
            "starts_at": "13:30",
            "facilitator_staff": worker.pk,
            "topic": "Sesi pertama",
            "version": session.version,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.kind.code, session.held_on, session.topic) == (
        "group_therapy",
        timezone.localdate(),
        "Sesi pertama",
    )
    assert session.attendances.get().service.delivered_on == session.held_on
