"""The weekly timetable: today's sessions from it, opened once each for attendance; the
home page and the case and client pages load their activities parts from this app."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ScheduleSlot
from activities.models.schedule import days_mask
from activities.services.activities import record_attendance
from activities.services.schedule import save_slot, sessions_on
from tests.activities.conftest import kind, log_activity, make_course
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def slot(centre, by, code="morning_meeting", **data):
    return save_slot(
        by=by,
        slot=ScheduleSlot(
            centre=centre,
            kind=kind(code),
            starts_at=data.pop("starts_at", "06:30"),
            valid_from=data.pop("valid_from", date(2026, 1, 1)),
            **data,
        ),
        fields=[],
    )


def test_a_day_shows_the_slots_that_fall_on_it_and_the_days_one_off_activities(
    centre, supervisor, worker
):
    tuesday = date(2026, 3, 3)
    daily = slot(centre, supervisor)
    religious = slot(
        centre, supervisor, "religious_guidance", days=days_mask([1, 4]), starts_at="18:30"
    )
    slot(centre, supervisor, "sport", days=days_mask([0, 2]), starts_at="15:30")
    slot(centre, supervisor, "sport", valid_until=date(2026, 2, 1), starts_at="16:00")
    slot(centre, supervisor, "sport", is_active=False, starts_at="17:00")
    visit = log_activity(worker, "speaker_visit", held_on=tuesday, starts_at="10:00")
    sessions = sessions_on(centre, tuesday)
    assert [(s.slot, s.activity) for s in sessions] == [
        (daily, None),
        (None, visit),
        (religious, None),
    ]
    wednesday = [s.slot.kind.code for s in sessions_on(centre, date(2026, 3, 4))]
    assert wednesday == ["morning_meeting", "sport"]


def test_opening_a_session_twice_makes_one_activity_with_the_attendance(
    centre, supervisor, worker, make_resident, client_for
):
    people = [make_resident(), make_resident()]
    daily = slot(centre, supervisor)
    today = timezone.localdate()
    url = reverse("activities:session", args=[daily.public_id, today.isoformat()])
    http = client_for(worker)
    page = http.get(url).content.decode()
    assert people[0].client.full_name in page and not Activity.objects.exists()
    data = {
        "session-topic": "Piket kebersihan",
        "session-facilitator_staff": worker.pk,
        f"case-{people[0].pk}": "present",
        f"case-{people[1].pk}": "sick",
    }
    first, second = http.post(url, data), http.post(url, data)
    activity = Activity.objects.get()
    assert first.status_code == 302
    # The same list sent again (read before the session was opened) goes onto the marks
    # already saved: nothing to change, one activity.
    assert second["Location"] == reverse("activities:detail", args=[activity.public_id])
    assert http.get(url)["Location"] == reverse("activities:attendance", args=[activity.public_id])
    assert (activity.slot, activity.held_on, activity.topic) == (daily, today, "Piket kebersihan")
    assert dict(activity.attendances.values_list("case_id", "status")) == {
        people[0].pk: "present",
        people[1].pk: "sick",
    }


@pytest.mark.parametrize("offset", [1, 3650])
def test_a_session_in_the_future_or_on_a_day_off_is_not_found(
    centre, supervisor, worker, client_for, offset
):
    weekly = slot(centre, supervisor, days=days_mask([timezone.localdate().weekday()]))
    later = timezone.localdate() + timedelta(days=offset)
    day_off = timezone.localdate() - timedelta(days=1)
    http = client_for(worker)
    assert (
        http.get(reverse("activities:session", args=[weekly.public_id, later])).status_code == 404
    )
    assert (
        http.get(reverse("activities:session", args=[weekly.public_id, day_off])).status_code == 404
    )
    assert (
        http.get(reverse("activities:session", args=[weekly.public_id, "kemarin"])).status_code
        == 404
    )


def test_a_course_slot_lists_only_the_course_participants(
    centre, supervisor, worker, make_resident, client_for
):
    inside, _outside = make_resident(name="Peserta Kursus"), make_resident(name="Bukan Peserta")
    course = make_course(worker, [inside])
    sewing = slot(centre, supervisor, "vocational_session", course=course)
    url = reverse("activities:session", args=[sewing.public_id, timezone.localdate()])
    page = client_for(worker).get(url).content.decode()
    assert "Peserta Kursus" in page and "Bukan Peserta" not in page


def test_the_timetable_form_saves_the_days_of_the_week(supervisor, client_for):
    http = client_for(supervisor)
    page = http.get(reverse("activities:slot-create")).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        "submission_key": key,
        "kind": kind("religious_guidance").pk,
        "title": "Bimbingan agama",
        "weekdays": ["1", "4"],
        "starts_at": "18:30",
        "ends_at": "19:30",
        "facilitator_name": "Ustaz Ahmad Fauzi",
        "valid_from": "2026-01-01",
        "is_active": "on",
    }
    assert http.post(reverse("activities:slot-create"), data).status_code == 302
    assert http.post(reverse("activities:slot-create"), data).status_code == 302
    saved = ScheduleSlot.objects.get()
    assert saved.weekdays == [1, 4] and saved.day_labels() == ["Tuesday", "Friday"]
    empty = http.post(
        reverse("activities:slot-create"), {**data, "weekdays": [], "submission_key": ""}
    )
    assert "Choose at least one day." in empty.content.decode()


def test_the_duty_workers_home_page_loads_todays_sessions(
    centre, supervisor, worker, make_resident, client_for
):
    daily = slot(centre, supervisor, title="Apel pagi")
    today = timezone.localdate().isoformat()
    home = client_for(worker).get(reverse("home")).content.decode()
    assert reverse("activities:session", args=[daily.public_id, today]) in home
    fragment = client_for(worker).get(reverse("activities:today")).content.decode()
    assert reverse("activities:session", args=[daily.public_id, today]) in fragment
    case = make_resident()
    record_attendance(
        by=worker,
        activity=Activity.objects.create(
            centre=centre,
            kind=daily.kind,
            slot=daily,
            held_on=timezone.localdate(),
            starts_at="06:30",
            facilitator_staff=worker,
            recorded_by=worker,
        ),
        marks={case.pk: "present"},
    )
    fragment = client_for(worker).get(reverse("activities:today")).content.decode()
    assert "1 present" in fragment


def test_the_case_and_client_pages_load_the_persons_activities_and_courses(
    worker, make_resident, client_for
):
    case = make_resident(name="Dewi Anggraini")
    course = make_course(worker, [case], title="Kursus Menjahit")
    meeting = log_activity(worker, topic="Piket wisma")
    record_attendance(by=worker, activity=meeting, marks={case.pk: "present"})
    http = client_for(worker)
    case_page = http.get(reverse("casework:case-detail", args=[case.public_id])).content.decode()
    summary_url = reverse("activities:case-summary", args=[case.public_id])
    assert f'hx-get="{summary_url}"' in case_page
    summary = http.get(summary_url).content.decode()
    assert "Piket wisma" in summary and "Kursus Menjahit" in summary
    assert "0 of 2 modules evaluated" in summary
    client_url = reverse("activities:client-summary", args=[case.client.public_id])
    client_page = http.get(reverse("clients:detail", args=[case.client.public_id]))
    assert f'hx-get="{client_url}"' in client_page.content.decode()
    assert "Kursus Menjahit" in http.get(client_url).content.decode()
    full = http.get(reverse("activities:case", args=[case.public_id])).content.decode()
    assert "Piket wisma" in full and course.title in full


def test_a_timetable_conflict_names_the_days_the_other_person_chose(
    centre, supervisor, admin, client_for
):
    daily = slot(centre, supervisor)
    url = reverse("activities:slot-edit", args=[daily.public_id])
    mine, theirs = client_for(supervisor), client_for(admin)
    my_form, their_form = (form_data(read_page(h, url)) for h in (mine, theirs))
    assert theirs.post(url, {**their_form, "weekdays": ["1", "4"]}).status_code == 302
    response = mine.post(url, {**my_form, "place": "Lapangan"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "Days of the week" in body and "Tuesday, Friday" in body
    assert "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday" in body
    daily.refresh_from_db()
    assert daily.weekdays == [1, 4] and daily.place == ""
    again = form_data(body)
    assert mine.post(url, again).status_code == 302
    daily.refresh_from_db()
    assert daily.place == "Lapangan" and daily.weekdays == list(range(7))
