"""Residence fixtures: a wisma for men with four beds, the cast's case living in bed A, a
world of one of each record around them, and a helper that fills a big room with
residents."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from clients.models import Client
from residence.models import AgeGroup, Bed, Building, Room, SexGroup
from residence.services.absconding import report_absconding
from residence.services.health import record_sickness
from residence.services.incidents import add_incident_follow_up, report_incident
from residence.services.leave import request_leave
from residence.services.places import save_building, save_room
from residence.services.stays import move_in
from residence.services.visits import record_visit, restrict_visits
from sentra.scopes import Role
from tests.factories import ClientFactory, UserFactory, open_case_for


def make_building(
    centre,
    admin,
    name="Wisma Kenanga",
    sex=SexGroup.MALE,
    age=AgeGroup.ADULTS,
    rooms=(("Kamar 1", 4),),
):
    building = save_building(
        by=admin,
        building=Building(centre=centre, name=name, sex=sex, age_group=age),
        fields=["name"],
    )
    for room_name, beds in rooms:
        save_room(
            by=admin, room=Room(building=building, name=room_name), fields=["name"], add_beds=beds
        )
    return building


def beds_of(building):
    return list(Bed.objects.filter(room__building=building).order_by("room__name", "label"))


def fill_with_residents(n, centre, worker, supervisor, admin, name="Aula"):
    """`n` adult men, each with a residential case, living in one big room (at most 60)."""
    building = make_building(centre, admin, name=name, rooms=(("Aula 1", n),))
    day = timezone.localdate() - timedelta(days=3)
    stays = []
    for bed in beds_of(building):
        client = ClientFactory(
            centre=centre, registered_by=worker, sex="L", birth_date=date(1990, 5, 17)
        )
        case = open_case_for(client, worker, supervisor)
        stays.append(move_in(by=worker, case=case, bed=bed, moved_in_on=day))
    return stays


@pytest.fixture
def health_staff(centre):
    return UserFactory(username="perawat", centre=centre, role=Role.HEALTH_STAFF)


@pytest.fixture
def wisma(centre, admin):
    return make_building(centre, admin)


@pytest.fixture
def beds(wisma):
    return beds_of(wisma)


@pytest.fixture
def stay(case, worker, beds):
    # An adult well before moving in (a child may not sleep in an adults' room).
    Client.objects.filter(pk=case.client_id).update(birth_date=date(1990, 5, 17))
    return move_in(
        by=worker,
        case=case,
        bed=beds[0],
        moved_in_on=timezone.localdate() - timedelta(days=10),
        belongings=["1 tas ransel", "2 kaos"],
    )


@pytest.fixture
def world(stay, worker, supervisor, wisma, beds):
    now = timezone.now()
    leave = request_leave(
        by=worker,
        stay=stay,
        data={
            "kind": "home",
            "leaves_at": now + timedelta(hours=1),
            "due_back_at": now + timedelta(days=1),
            "destination": "Kota Jambi",
        },
    )
    visit = record_visit(
        by=worker,
        stay=stay,
        data={"visitor_name": "Ibu Sumarni", "relationship": "Bibi", "arrived_at": now},
    )
    restriction = restrict_visits(
        by=worker,
        stay=stay,
        data={"person_name": "Hendra", "reason": "Perintah perlindungan anak"},
    )
    report = report_absconding(
        by=worker,
        stay=stay,
        data={"last_seen_at": now - timedelta(hours=3), "circumstances": "Tidak ada di kamar"},
    )
    sickness = record_sickness(
        by=worker,
        stay=stay,
        data={"symptoms": "Demam", "action_taken": "Istirahat", "began_on": timezone.localdate()},
    )
    incident = report_incident(
        by=supervisor,
        centre=stay.centre,
        data={
            "occurred_at": now - timedelta(hours=1),
            "place": "Kamar",
            "kind": "fight",
            "severity": "minor",
            "description": "Perkelahian",
            "immediate_action": "Dipisahkan",
        },
        residents=[stay],
        staff=[],
    )
    follow_up = add_incident_follow_up(
        by=supervisor,
        incident=incident,
        data={"action": "Mediasi", "responsible": worker, "due_on": timezone.localdate()},
    )
    return {
        "stay": stay,
        "case": stay.case,
        "leave": leave,
        "visit": visit,
        "restriction": restriction,
        "report": report,
        "sickness": sickness,
        "incident": incident,
        "follow_up": follow_up,
        "building": wisma,
        "room": beds[0].room,
        "bed": beds[1],
    }
