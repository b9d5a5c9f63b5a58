"""The residence section of the home pages and the residence tab of a case; the demo."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from residence.models import (
    AbscondingReport,
    Building,
    HealthCheck,
    Incident,
    LeaveRequest,
    RollCall,
    SicknessEntry,
    Stay,
)
from residence.services.absconding import report_absconding
from residence.services.health import record_sickness
from residence.services.leave import decide_leave, record_departure, request_leave
from tests.factories import approved_termination
from tests.pages import read_page
from tests.residence.conftest import fill_with_residents

pytestmark = pytest.mark.django_db


def troubles(stays, worker, supervisor):
    """One resident late back from leave, one missing, one sick: what the home page lists."""
    now = timezone.now()
    leave = request_leave(
        by=worker,
        stay=stays[0],
        data={
            "kind": "home",
            "leaves_at": now - timedelta(days=2),
            "due_back_at": now - timedelta(hours=3),
            "destination": "Muaro Jambi",
        },
    )
    decide_leave(by=supervisor, leave=leave, approve=True)
    record_departure(by=worker, leave=leave, at=now - timedelta(days=2))
    report_absconding(
        by=worker,
        stay=stays[1],
        data={"last_seen_at": now - timedelta(hours=5), "circumstances": "-"},
    )
    record_sickness(
        by=worker,
        stay=stays[2],
        data={"symptoms": "Diare", "action_taken": "Oralit", "began_on": timezone.localdate()},
    )


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_the_residence_section_costs_the_same_queries_for_3_or_25_residents(
    cast, centre, client_for, django_assert_max_num_queries, role
):
    worker, supervisor, admin = cast["worker"], cast["supervisor"], cast["admin"]
    stays = fill_with_residents(3, centre, worker, supervisor, admin, name="Aula A")
    troubles(stays, worker, supervisor)
    http = client_for(cast[role])
    expected = [
        "Residence today",
        "Late back from leave",
        stays[0].client.full_name,
        "Open absconding reports",
        stays[1].client.full_name,
    ]
    with django_assert_max_num_queries(60) as few:
        read_page(http, reverse("home"), *expected)
    more = fill_with_residents(22, centre, worker, supervisor, admin, name="Aula B")
    troubles(more, worker, supervisor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = read_page(http, reverse("home"), *expected, more[1].client.full_name)
    # The sick log is confidential: the supervisor sees names, the admin a figure.
    assert (stays[2].client.full_name in body) == (role == "supervisor")


def test_the_supervisor_sees_missed_roll_calls(stay, supervisor, client_for):
    body = read_page(client_for(supervisor), reverse("home"), "Residence today")
    # The stay began ten days ago and no roll call was ever taken.
    assert "Missed roll calls" in body


def test_a_centre_without_wisma_shows_no_residence_section(supervisor, client_for):
    body = read_page(client_for(supervisor), reverse("home"), "Team caseload")
    assert "Residence today" not in body


def test_the_worker_home_offers_the_roll_call(stay, worker, client_for):
    read_page(
        client_for(worker), reverse("home"), "Residence today", reverse("residence:roll-calls")
    )


def test_the_case_page_leads_to_the_residence_tab_with_stay_leave_health_incidents(
    stay, worker, supervisor, client_for
):
    http = client_for(worker)
    read_page(
        http,
        reverse("casework:case-detail", args=[stay.case.public_id]),
        reverse("residence:case", args=[stay.case.public_id]),
    )
    now = timezone.now()
    request_leave(
        by=worker,
        stay=stay,
        data={
            "kind": "outing",
            "leaves_at": now,
            "due_back_at": now + timedelta(hours=3),
            "destination": "Pasar Angso Duo",
        },
    )
    record_sickness(
        by=worker,
        stay=stay,
        data={
            "symptoms": "Sakit gigi",
            "action_taken": "Ke puskesmas",
            "began_on": timezone.localdate(),
        },
    )
    read_page(
        http,
        reverse("residence:case", args=[stay.case.public_id]),
        "Wisma Kenanga · Kamar 1 · A",
        "Pasar Angso Duo",
        "Sakit gigi",
        "1 tas ransel",
    )


def test_a_case_without_a_stay_offers_moving_in(case, worker, client_for):
    read_page(
        client_for(worker),
        reverse("residence:case", args=[case.public_id]),
        reverse("residence:move-in", args=[case.public_id]),
    )


def test_the_demo_places_residents_and_tells_a_week_of_stories_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = [
        model.objects.count()
        for model in (
            Building,
            Stay,
            RollCall,
            LeaveRequest,
            AbscondingReport,
            SicknessEntry,
            HealthCheck,
            Incident,
        )
    ]
    call_command("seed_demo")
    assert [
        model.objects.count()
        for model in (
            Building,
            Stay,
            RollCall,
            LeaveRequest,
            AbscondingReport,
            SicknessEntry,
            HealthCheck,
            Incident,
        )
    ] == counts
    names = set(Building.objects.filter(centre__code="ALY").values_list("name", flat=True))
    assert {"Wisma Melati", "Wisma Cempaka", "Wisma Anggrek"} <= names
    assert Stay.objects.filter(centre__code="ALY").current().count() >= 10
    assert RollCall.objects.filter(centre__code="ALY").count() >= 12  # a week, one missed
    assert LeaveRequest.objects.out().count() >= 2
    assert LeaveRequest.objects.overdue().count() == 1
    assert AbscondingReport.objects.open().count() == 1
    assert AbscondingReport.objects.get().roll_call_mark is not None
    assert SicknessEntry.objects.ongoing().exists() and Incident.objects.exists()


def test_a_closed_case_whose_resident_still_has_a_bed_is_flagged(
    stay, worker, supervisor, client_for
):
    approved_termination(stay.case, worker, supervisor)
    body = read_page(client_for(supervisor), reverse("home"), "Case closed but still in a bed")
    assert reverse("residence:move-out", args=[stay.public_id]) in body
