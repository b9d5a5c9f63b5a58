"""Health entries and incidents are confidential like notes: the case team, supervisors
and health staff; never admins or colleagues; never staff named in an abuse allegation.
Incidents go up the line within the centre's deadlines. One handover per shift."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from residence.models import DutyShift, HealthCheck, Incident, MedicationDose, SicknessEntry
from residence.services.health import record_sickness
from residence.services.incidents import report_incident
from tests.pages import read_page

pytestmark = pytest.mark.django_db

SEES = {"worker": True, "colleague": False, "supervisor": True, "admin": False, "outsider": False}


@pytest.fixture
def sickness(stay, worker):
    return record_sickness(
        by=worker,
        stay=stay,
        data={
            "symptoms": "Demam tinggi dan batuk",
            "action_taken": "Kompres",
            "referred_to": "puskesmas",
            "began_on": timezone.localdate(),
        },
    )


@pytest.mark.parametrize("role", list(SEES))
def test_health_entries_only_for_the_case_team_supervisors_and_health_staff(
    cast, client_for, stay, sickness, role
):
    user = cast[role]
    assert SicknessEntry.objects.visible_to(user).exists() == SEES[role]
    http = client_for(user)
    health = http.get(reverse("residence:stay-health", args=[stay.public_id]))
    assert health.status_code == (200 if SEES[role] else 404)
    for page in ("residence:case", "residence:stay", "home"):
        args = (
            []
            if page == "home"
            else [stay.case.public_id if page == "residence:case" else stay.public_id]
        )
        body = http.get(reverse(page, args=args)).content.decode()
        assert "Demam tinggi" not in body or SEES[role], page


def test_health_staff_see_and_record_every_residents_health(
    health_staff, stay, sickness, client_for
):
    http = client_for(health_staff)
    url = reverse("residence:stay-health", args=[stay.public_id])
    read_page(http, url, "Demam tinggi dan batuk")
    read_page(http, reverse("residence:health"), stay.client.full_name)
    response = http.post(
        reverse("residence:medication-add", args=[stay.public_id]),
        {
            "dose-medicine": "Parasetamol",
            "dose-dose": "1 tablet 500 mg",
            "dose-given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "dose-sickness": sickness.pk,
        },
    )
    assert response.status_code == 302
    assert MedicationDose.objects.get().given_by == health_staff
    # Health staff see no case file.
    assert http.get(reverse("casework:case-detail", args=[stay.case.public_id])).status_code == 404


def test_implausible_health_measures_are_refused_in_words(stay, worker, client_for):
    response = client_for(worker).post(
        reverse("residence:health-check-add", args=[stay.public_id]),
        {
            "check-kind": "routine",
            "check-checked_on": timezone.localdate().isoformat(),
            "check-weight_kg": "650",
            "check-systolic": "80",
            "check-diastolic": "120",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Weight is between 1 and 300 kg." in body
    assert "The lower pressure must be below the upper one." in body
    assert not HealthCheck.objects.exists()


def test_a_sick_resident_is_preset_to_sick_and_counted_for_the_admin_without_names(
    stay, sickness, worker, admin, client_for
):
    url = reverse("residence:roll-call", args=[timezone.localdate().isoformat(), "evening"])
    http = client_for(worker)
    body = read_page(http, url, "In the sick log")
    assert f'id="id_r{stay.pk}-presence_2" value="sick" autocomplete="off" checked' in body
    http.post(url, {f"r{stay.pk}-presence": "sick"})
    home = read_page(client_for(admin), reverse("home"), "Sick at roll call")
    assert stay.client.full_name not in home.split('id="residence-today"')[1]


def fight(by, stay, kind="fight", severity="minor", staff=(), hours_ago=1):
    return report_incident(
        by=by,
        centre=stay.centre,
        data={
            "occurred_at": timezone.now() - timedelta(hours=hours_ago),
            "place": "Aula",
            "kind": kind,
            "severity": severity,
            "description": "Kejadian di aula",
            "immediate_action": "Ditangani petugas piket",
        },
        residents=[stay],
        staff=list(staff),
    )


@pytest.mark.parametrize("role", list(SEES))
def test_incidents_only_for_the_case_team_supervisors_and_the_reporter(
    cast, client_for, stay, supervisor, role
):
    incident = fight(supervisor, stay)
    assert Incident.objects.visible_to(cast[role]).exists() == SEES[role]
    status = client_for(cast[role]).get(reverse("residence:incident", args=[incident.public_id]))
    assert status.status_code == (200 if SEES[role] else 404)


def test_the_colleague_who_reported_an_incident_still_sees_it(stay, colleague, client_for):
    incident = fight(colleague, stay)
    read_page(
        client_for(colleague),
        reverse("residence:incident", args=[incident.public_id]),
        "Kejadian di aula",
    )


def test_staff_named_in_an_abuse_allegation_never_see_it(
    stay, worker, colleague, supervisor, health_staff, client_for
):
    allegation = fight(colleague, stay, kind="abuse_allegation", severity="serious", staff=[worker])
    assert not Incident.objects.visible_to(worker).exists()
    url = reverse("residence:incident", args=[allegation.public_id])
    assert client_for(worker).get(url).status_code == 404
    assert client_for(supervisor).get(url).status_code == 200
    assert client_for(health_staff).get(url).status_code == 200


def test_notices_are_flagged_late_and_a_serious_incident_needs_the_head(
    stay, worker, supervisor, client_for
):
    incident = fight(worker, stay, severity="serious", hours_ago=30)
    http = client_for(supervisor)
    read_page(
        http,
        reverse("residence:incidents"),
        "Supervisor not told in time",
        "Head of centre not told in time",
    )
    close = reverse("residence:incident-close", args=[incident.public_id])
    refused = http.post(close, {"note": "Selesai"}, follow=True)
    assert "Record that the head of centre was told first." in refused.content.decode()
    notice = reverse("residence:incident-notice", args=[incident.public_id])
    http.post(notice, {"to": "supervisor"})
    http.post(notice, {"to": "head"})
    http.post(close, {"note": "Selesai, mediasi berhasil"})
    incident.refresh_from_db()
    assert incident.supervisor_notified == supervisor
    assert incident.head_notified_at and incident.status == "closed"


def test_a_supervisor_who_reports_an_incident_has_been_told(stay, supervisor):
    assert fight(supervisor, stay).supervisor_notified == supervisor


def test_one_handover_per_shift(stay, worker, colleague, client_for):
    data = {
        "date": timezone.localdate().isoformat(),
        "shift": "night",
        "staff": [worker.pk],
        "headcount": 1,
        "handover_note": "Malam tenang; satu penghuni demam.",
    }
    http = client_for(worker)
    assert http.post(reverse("residence:duty"), data).status_code == 302
    again = client_for(colleague).post(reverse("residence:duty"), data)
    assert "already written" in again.content.decode()
    assert DutyShift.objects.count() == 1
    read_page(http, reverse("residence:duty"), "Malam tenang; satu penghuni demam.")
