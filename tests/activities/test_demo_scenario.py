"""The double counting of issue 15, replayed on the demo centre: a morning meeting of 18
residents logged as an activity books no counselling (or any) service, and a therapy
session books its service only for the cases that may receive one."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ScheduleSlot
from activities.rules import SERVICE_STAGES, attendee_cases
from activities.services.schedule import save_slot
from casework.demo import seed_cases
from casework.models import ServiceRecord
from casework.models.stages import Stage
from clients.demo import seed_clients
from clients.services import has_consent
from reports.monthly import build_monthly_report
from sentra import demo
from tests.activities.conftest import kind

pytestmark = pytest.mark.django_db


def service_rows(centre, today):
    report = build_monthly_report(centre=centre, month=today.replace(day=1))
    return {row[1]: row[2] for row in report.table("services").rows}


@pytest.fixture
def demo_centre():
    accounts = demo.seed_organisation()
    centre = accounts["peksos1"].centre
    seed_clients(centre, [accounts["peksos1"], accounts["peksos2"]], 57, seed=2026)
    seed_cases(
        centre, [accounts["peksos1"], accounts["peksos2"]], accounts["supervisor1"], seed=2026
    )
    return centre, accounts


def eighteen_residents(centre, today):
    """18 residents of the demo centre, the people still in access (no consent) first."""
    living_in = attendee_cases(centre, today).residential()
    chosen = sorted(living_in, key=lambda case: (case.stage != Stage.ACCESS, case.pk))[:18]
    assert len(chosen) == 18
    assert any(case.stage == Stage.ACCESS for case in chosen)
    return chosen


def test_a_morning_meeting_of_18_books_nothing_and_therapy_books_only_for_eligible_cases(
    demo_centre, client_for
):
    centre, accounts = demo_centre
    today = timezone.localdate()
    duty = client_for(accounts["peksos1"])
    people = eighteen_residents(centre, today)
    services_before = ServiceRecord.objects.filter(case__centre=centre).count()
    counselling_before = service_rows(centre, today).get("Konseling", 0)

    slot = save_slot(
        by=accounts["supervisor1"],
        slot=ScheduleSlot(
            centre=centre,
            kind=kind("morning_meeting"),
            starts_at="06:30",
            valid_from=date(2026, 1, 1),
        ),
        fields=[],
    )
    marks = {
        f"case-{case.pk}": "present" if case in people else "absent"
        for case in attendee_cases(centre, today)
    }
    session_url = reverse("activities:session", args=[slot.public_id, today.isoformat()])
    response = duty.post(
        session_url, {"session-facilitator_staff": accounts["peksos1"].pk, **marks}
    )
    assert response.status_code == 302
    meeting = Activity.objects.get(slot=slot)
    assert meeting.attendances.filter(status="present").count() == 18
    assert ServiceRecord.objects.filter(case__centre=centre).count() == services_before
    assert service_rows(centre, today).get("Konseling", 0) == counselling_before

    duty.post(
        reverse("activities:create"),
        {
            "kind": kind("group_therapy").pk,
            "held_on": today.isoformat(),
            "starts_at": "13:30",
            "facilitator_staff": accounts["supervisor1"].pk,
            "topic": "Mengelola rasa marah",
        },
    )
    therapy = Activity.objects.get(kind__code="group_therapy")
    duty.post(
        reverse("activities:attendance", args=[therapy.public_id]),
        {f"case-{case.pk}": "present" for case in people},
    )
    eligible = {
        case.pk
        for case in people
        if case.stage in SERVICE_STAGES and has_consent(case.client, "services", today)
    }
    booked = ServiceRecord.objects.filter(activity_attendance__activity=therapy)
    assert 0 < len(eligible) < 18
    assert set(booked.values_list("case", flat=True)) == eligible
    assert ServiceRecord.objects.filter(case__centre=centre).count() == services_before + len(
        eligible
    )
    assert service_rows(centre, today).get("Konseling", 0) == counselling_before
    skipped = therapy.attendances.exclude(service_skipped_reason="")
    assert skipped.count() == 18 - len(eligible)
    reasons = {
        mark.case_id: mark.service_skipped_reason
        for mark in therapy.attendances.all()
        if mark.case.stage == Stage.ACCESS
    }
    assert reasons and all("stage:access" in reason for reason in reasons.values())
    assert "no_consent;stage:access" in reasons.values()  # as in the November count
    page = duty.get(reverse("activities:detail", args=[therapy.public_id])).content.decode()
    assert "Present but no service booked" in page
    assert "services start at intervention" in page
