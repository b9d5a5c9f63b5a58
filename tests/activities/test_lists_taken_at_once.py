"""Two duty workers take the same list at once (the attendance of a meeting, a module's
evaluations): saving the whole list never undoes a mark the other one set meanwhile, and
where both marked the same person differently the second sees a conflict for that row."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, Attendance, ModuleEvaluation, ScheduleSlot
from activities.services.activities import record_attendance
from activities.services.courses import record_module_evaluations
from activities.services.schedule import save_slot
from tests.activities.conftest import kind, log_activity, make_course
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(worker, make_resident):
    """This morning's meeting with Budi and Siti marked present."""
    budi, siti = make_resident(name="Budi Harahap"), make_resident(name="Siti Lubis")
    activity = log_activity(worker)
    record_attendance(by=worker, activity=activity, marks={budi.pk: "present", siti.pk: "present"})
    return activity, budi, siti


def statuses(activity):
    return dict(activity.attendances.values_list("case__client__full_name", "status"))


def both_read(url, mine, theirs):
    having = "submission_key"
    return form_data(read_page(mine, url), having), form_data(read_page(theirs, url), having)


def test_a_mark_the_other_worker_set_meanwhile_stays_when_the_whole_list_is_saved(
    meeting, worker, colleague, client_for
):
    activity, budi, siti = meeting
    url = reverse("activities:attendance", args=[activity.public_id])
    mine, theirs = client_for(worker), client_for(colleague)
    my_list, their_list = both_read(url, mine, theirs)
    their_list[f"case-{budi.pk}"] = "sick"
    assert theirs.post(url, their_list).status_code == 302
    my_list[f"case-{siti.pk}"] = "excused"  # Budi left as read: present
    assert mine.post(url, my_list).status_code == 302
    assert statuses(activity) == {"Budi Harahap": "sick", "Siti Lubis": "excused"}


def test_the_same_person_marked_differently_is_a_conflict_on_that_row_only(
    meeting, worker, colleague, client_for
):
    activity, budi, siti = meeting
    url = reverse("activities:attendance", args=[activity.public_id])
    mine, theirs = client_for(worker), client_for(colleague)
    my_list, their_list = both_read(url, mine, theirs)
    their_list[f"case-{budi.pk}"] = "sick"
    assert theirs.post(url, their_list).status_code == 302

    my_list[f"case-{budi.pk}"] = "absent"
    my_list[f"case-{siti.pk}"] = "excused"
    response = mine.post(url, my_list)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this record" in body
    rows = body.split('class="list-group-item attendance-row')[1:]
    budi_row = next(row for row in rows if "Budi Harahap" in row)
    siti_row = next(row for row in rows if "Siti Lubis" in row)
    assert "data-conflict" in budi_row and "data-conflict" not in siti_row
    assert colleague.full_name in budi_row
    assert "<strong>Sick</strong>" in budi_row and "<td>Absent</td>" in budi_row
    assert statuses(activity) == {"Budi Harahap": "sick", "Siti Lubis": "present"}  # nothing

    again = form_data(body, "submission_key")
    assert (again[f"case-{budi.pk}"], again[f"case-{siti.pk}"]) == ("absent", "excused")
    assert mine.post(url, again).status_code == 302
    assert statuses(activity) == {"Budi Harahap": "absent", "Siti Lubis": "excused"}


def test_on_the_conflict_page_a_row_only_the_other_worker_changed_shows_their_mark(
    worker, colleague, make_resident, client_for
):
    budi, siti, rudi = (make_resident(name=n) for n in ("Budi", "Siti", "Rudi"))
    activity = log_activity(worker)
    record_attendance(
        by=worker, activity=activity, marks={c.pk: "present" for c in (budi, siti, rudi)}
    )
    url = reverse("activities:attendance", args=[activity.public_id])
    mine, theirs = client_for(worker), client_for(colleague)
    my_list, their_list = both_read(url, mine, theirs)
    their_list.update({f"case-{budi.pk}": "sick", f"case-{rudi.pk}": "absent"})
    theirs.post(url, their_list)
    my_list[f"case-{budi.pk}"] = "excused"
    body = mine.post(url, my_list).content.decode()
    again = form_data(body, "submission_key")
    assert again[f"case-{rudi.pk}"] == "absent"  # theirs, shown as it now is
    assert again[f"case-{budi.pk}"] == "excused"  # mine, beside their conflict
    again[f"case-{budi.pk}"] = "sick"  # I take theirs after all
    assert mine.post(url, again).status_code == 302
    assert statuses(activity) == {"Budi": "sick", "Siti": "present", "Rudi": "absent"}


def test_both_choosing_the_same_mark_is_no_conflict(meeting, worker, colleague, client_for):
    activity, budi, _siti = meeting
    url = reverse("activities:attendance", args=[activity.public_id])
    mine, theirs = client_for(worker), client_for(colleague)
    my_list, their_list = both_read(url, mine, theirs)
    their_list[f"case-{budi.pk}"] = my_list[f"case-{budi.pk}"] = "sick"
    assert theirs.post(url, their_list).status_code == 302
    assert mine.post(url, my_list).status_code == 302
    assert Attendance.objects.get(case=budi).version == 2  # one change, not two


def test_a_mark_sent_without_the_version_it_was_read_at_is_refused(meeting, worker, client_for):
    activity, budi, _siti = meeting
    url = reverse("activities:attendance", args=[activity.public_id])
    response = client_for(worker).post(url, {f"case-{budi.pk}": "absent"})
    assert response.status_code == 200
    assert "This form is out of date. Open the record again." in response.content.decode()
    assert Attendance.objects.get(case=budi).status == "present"


def test_two_workers_opening_the_same_timetable_session_at_once_lose_no_mark(
    centre, supervisor, worker, colleague, make_resident, client_for
):
    budi, siti = make_resident(name="Budi Harahap"), make_resident(name="Siti Lubis")
    daily = save_slot(
        by=supervisor,
        slot=ScheduleSlot(
            centre=centre,
            kind=kind("morning_meeting"),
            starts_at="06:30",
            valid_from=date(2026, 1, 1),
        ),
        fields=[],
    )
    url = reverse("activities:session", args=[daily.public_id, timezone.localdate()])
    mine, theirs = client_for(worker), client_for(colleague)
    my_list, their_list = both_read(url, mine, theirs)  # both before it is opened
    their_list[f"case-{siti.pk}"] = "sick"
    assert theirs.post(url, their_list).status_code == 302
    my_list[f"case-{budi.pk}"] = "excused"
    assert mine.post(url, my_list).status_code == 302
    activity = Activity.objects.get()
    assert statuses(activity) == {"Budi Harahap": "excused", "Siti Lubis": "sick"}

    # Both marking the same person differently: the second sees the first one's mark.
    late = {**my_list, f"case-{siti.pk}": "absent"}
    del late["submission_key"]  # another person's form, sent by the supervisor
    response = client_for(supervisor).post(url, late)
    body = response.content.decode()
    assert response.status_code == 409 and "data-conflict" in body
    assert "<strong>Sick</strong>" in body and colleague.full_name in body
    assert statuses(activity)["Siti Lubis"] == "sick"


@pytest.fixture
def evaluated(worker, make_resident):
    """A module with two participants, the first already evaluated."""
    course = make_course(worker, [make_resident(name="Ani"), make_resident(name="Cici")])
    module = course.modules.first()
    ani, cici = course.enrolments.order_by("case__client__full_name")
    record_module_evaluations(
        by=worker, module=module, marks={ani.pk: {"score": 70, "level": "", "comments": ""}}
    )
    url = reverse("activities:module-evaluate", args=[course.public_id, module.public_id])
    return url, ani, cici


def test_an_evaluation_entered_meanwhile_stays_when_the_whole_screen_is_saved(
    evaluated, worker, supervisor, client_for
):
    url, ani, cici = evaluated
    mine, theirs = client_for(worker), client_for(supervisor)
    my_screen, their_screen = both_read(url, mine, theirs)
    their_screen[f"e{ani.pk}-score"] = "75"
    assert theirs.post(url, their_screen).status_code == 302
    my_screen[f"e{cici.pk}-score"] = "88"
    assert mine.post(url, my_screen).status_code == 302
    scores = dict(
        ModuleEvaluation.objects.values_list("enrolment__case__client__full_name", "score")
    )
    assert scores == {"Ani": 75, "Cici": 88}


def test_the_same_evaluation_changed_by_both_is_a_conflict(
    evaluated, worker, supervisor, client_for
):
    url, ani, _cici = evaluated
    mine, theirs = client_for(worker), client_for(supervisor)
    my_screen, their_screen = both_read(url, mine, theirs)
    their_screen[f"e{ani.pk}-score"] = "75"
    assert theirs.post(url, their_screen).status_code == 302
    my_screen[f"e{ani.pk}-score"] = "60"
    response = mine.post(url, my_screen)
    body = response.content.decode()
    assert response.status_code == 409 and "data-conflict" in body
    assert "<strong>75</strong>" in body and "<td>60</td>" in body
    assert supervisor.full_name in body
    assert ModuleEvaluation.objects.get(enrolment=ani).score == 75
    again = form_data(body, "submission_key")
    assert mine.post(url, again).status_code == 302
    assert ModuleEvaluation.objects.get(enrolment=ani).score == 60
