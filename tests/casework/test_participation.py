"""The person's own part: their view of the plan in their words (a child's in child-friendly
terms), and the client and their family as participants of a case conference."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import ConferenceAttendee, PlanView
from casework.services.conferences import schedule_conference
from casework.services.plans import start_plan_version
from clients.models import FamilyMember
from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(case, worker):
    return start_plan_version(by=worker, case=case)


def view_url(plan):
    return reverse("casework:plan-view-add", args=[plan.public_id])


def test_the_clients_view_is_kept_in_their_words_with_the_plan(plan, worker, client_for):
    response = client_for(worker).post(
        view_url(plan),
        {
            "speaker": "client",
            "agreement": "with_changes",
            "in_their_words": "Saya mau ikut kelas menjahit, tapi jangan pagi-pagi.",
            "changes_asked": "Kelas sore saja.",
            "recorded_on": timezone.localdate().isoformat(),
        },
    )
    assert response["Location"] == reverse("casework:plan-detail", args=[plan.public_id])
    view = PlanView.objects.get()
    assert (view.case, view.plan, view.agreement, view.recorded_by) == (
        plan.case,
        plan,
        "with_changes",
        worker,
    )
    page = client_for(worker).get(reverse("casework:plan-detail", args=[plan.public_id]))
    body = page.content.decode()
    assert "Agreed with changes" in body and "jangan pagi-pagi" in body


def test_not_agreeing_asks_what_they_want_changed(plan, worker, client_for):
    response = client_for(worker).post(
        view_url(plan),
        {
            "speaker": "client",
            "agreement": "not_agreed",
            "in_their_words": "Saya tidak mau dipulangkan.",
            "recorded_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Write what they want changed." in response.content.decode()
    assert not PlanView.objects.exists()


def test_a_child_is_asked_in_child_friendly_words(centre, worker, supervisor, client_for):
    child = ClientFactory(
        centre=centre, registered_by=worker, birth_date=date(timezone.localdate().year - 9, 1, 1)
    )
    case = open_case_for(child, worker, supervisor)
    plan = start_plan_version(by=worker, case=case)
    page = client_for(worker).get(view_url(plan)).content.decode()
    assert "Do you agree with the plan?" in page
    assert "Yes, but I want some things changed" in page
    assert "What worries you?" in page and "Who do you want to help you?" in page
    client_for(worker).post(
        view_url(plan),
        {
            "speaker": "child",
            "agreement": "agreed",
            "in_their_words": "Aku mau sekolah lagi.",
            "child_wishes": "Tinggal sama nenek.",
            "child_worries": "Takut dimarahi bapak.",
            "child_helpers": "Kak Siti",
            "recorded_on": timezone.localdate().isoformat(),
        },
    )
    view = PlanView.objects.get()
    assert view.is_childs and view.child_worries == "Takut dimarahi bapak."


def test_an_adults_form_has_no_child_questions(plan, worker, client_for):
    page = client_for(worker).get(view_url(plan)).content.decode()
    assert "What worries you?" not in page and "In their own words" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 200), ("supervisor", 200), ("admin", 403), ("colleague", 404), ("outsider", 404)],
)
def test_recording_a_view_for_the_cast(cast, client_for, plan, role, status):
    assert client_for(cast[role]).get(view_url(plan)).status_code == status


@pytest.fixture
def conference(case, supervisor, worker):
    return schedule_conference(
        by=supervisor,
        data={"kind": "family", "scheduled_at": timezone.now(), "place": "Ruang rapat"},
        cases=[case],
        staff=[worker],
    )


def test_the_client_and_a_family_member_join_the_conference(
    conference, case, supervisor, client_for
):
    mother = FamilyMember.objects.create(
        client=case.client, name="Ibu Sumarni", relationship="mother"
    )
    url = reverse("casework:conference-add-person", args=[conference.public_id])
    http = client_for(supervisor)
    http.post(url, {"person": f"client:{case.client.pk}"})
    http.post(url, {"person": f"family:{mother.pk}"})
    http.post(url, {"person": f"family:{mother.pk}"})  # once is enough
    people = ConferenceAttendee.objects.filter(conference=conference, staff__isnull=True)
    assert {(a.client_id, a.family_member_id) for a in people} == {
        (case.client.pk, None),
        (None, mother.pk),
    }
    page = http.get(reverse("casework:conference-detail", args=[conference.public_id]))
    body = page.content.decode()
    assert "Ibu Sumarni" in body and "the client" in body and "Mother" in body


def test_only_people_of_cases_on_the_agenda_can_be_added(
    conference, centre, worker, supervisor, client_for
):
    elsewhere = open_case_for(
        ClientFactory(centre=centre, registered_by=worker), worker, supervisor
    )
    url = reverse("casework:conference-add-person", args=[conference.public_id])
    response = client_for(supervisor).post(url, {"person": f"client:{elsewhere.client.pk}"})
    assert response.status_code == 302
    assert not ConferenceAttendee.objects.filter(client__isnull=False).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 403), ("supervisor", 302), ("admin", 403), ("colleague", 404), ("outsider", 404)],
)
def test_adding_a_person_to_a_conference_for_the_cast(
    cast, client_for, conference, case, role, status
):
    url = reverse("casework:conference-add-person", args=[conference.public_id])
    response = client_for(cast[role]).post(url, {"person": f"client:{case.client.pk}"})
    assert response.status_code == status
