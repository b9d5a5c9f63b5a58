"""Moving in, moving rooms, moving out; the database keeps one person per bed and one bed
per person; the rooms and beds the admin keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.models.cases import Approach
from residence.models import AgeGroup, Bed, Building, Routine, SexGroup, Stay
from residence.services.rollcall import roll_call_week
from residence.services.stays import move_in, move_out
from sentra.models import AuditEvent
from tests.factories import ClientFactory, open_case_for
from tests.pages import read_page
from tests.residence.conftest import beds_of, fill_with_residents, make_building

pytestmark = pytest.mark.django_db


def another_resident(centre, worker, supervisor, **client):
    return open_case_for(
        ClientFactory(centre=centre, registered_by=worker, **{"sex": "L", **client}),
        worker,
        supervisor,
    )


def test_the_database_refuses_a_second_person_in_an_occupied_bed(stay, centre, worker, supervisor):
    other = another_resident(centre, worker, supervisor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.create(
            centre=centre,
            case=other,
            client=other.client,
            bed=stay.bed,
            moved_in_on=timezone.localdate(),
            moved_in_by=worker,
        )


def test_the_database_refuses_a_second_open_stay_for_one_person(stay, beds, worker):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.create(
            centre=stay.centre,
            case=stay.case,
            client=stay.client,
            bed=beds[1],
            moved_in_on=timezone.localdate(),
            moved_in_by=worker,
        )


def test_the_database_refuses_moving_out_before_moving_in_or_without_a_reason(stay):
    for changes in (
        {"moved_out_on": stay.moved_in_on - timedelta(days=1), "departure_reason": "other"},
        {"moved_out_on": stay.moved_in_on},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Stay.objects.filter(pk=stay.pk).update(**changes)


def test_a_bed_is_free_again_once_its_sleeper_moved_out(stay, centre, worker, supervisor):
    move_out(
        by=worker,
        stay=stay,
        moved_out_on=timezone.localdate(),
        reason="returned_to_family",
        belongings_returned_to="Ibu Sumarni (bibi)",
    )
    other = another_resident(centre, worker, supervisor)
    again = move_in(by=worker, case=other, bed=stay.bed, moved_in_on=timezone.localdate())
    assert again.bed == stay.bed
    assert set(stay.belongings.values_list("returned_to", flat=True)) == {"Ibu Sumarni (bibi)"}


def test_move_in_says_why_it_refuses(stay, centre, worker, supervisor, admin, beds):
    taken = another_resident(centre, worker, supervisor)
    with pytest.raises(ValidationError, match="Someone else already sleeps in this bed"):
        move_in(by=worker, case=taken, bed=stay.bed, moved_in_on=timezone.localdate())
    woman = another_resident(centre, worker, supervisor, sex="P")
    with pytest.raises(ValidationError, match="is for boys / men"):
        move_in(by=worker, case=woman, bed=beds[1], moved_in_on=timezone.localdate())
    child = another_resident(
        centre, worker, supervisor, birth_date=timezone.localdate() - timedelta(days=365 * 10)
    )
    with pytest.raises(ValidationError, match="children are kept apart from adults"):
        move_in(by=worker, case=child, bed=beds[1], moved_in_on=timezone.localdate())
    family = open_case_for(
        ClientFactory(centre=centre, registered_by=worker),
        worker,
        supervisor,
    )
    family.approaches = [Approach.FAMILY]
    family.save()
    with pytest.raises(ValidationError, match="residential approach"):
        move_in(by=worker, case=family, bed=beds[1], moved_in_on=timezone.localdate())
    assert Stay.objects.count() == 1


def test_the_worker_moves_a_resident_in_from_the_case_with_belongings(
    case, worker, beds, client_for
):
    http = client_for(worker)
    url = reverse("residence:move-in", args=[case.public_id])
    assert beds[0].label in http.get(url).content.decode()
    response = http.post(
        url,
        {
            "bed": beds[2].pk,
            "moved_in_on": timezone.localdate().isoformat(),
            "belongings": "2 kaos\n\n1 tas ransel\n",
        },
    )
    assert response.status_code == 302
    stay = case.stays.get()
    assert stay.bed == beds[2]
    assert list(stay.belongings.values_list("description", "received_by")) == [
        ("2 kaos", worker.pk),
        ("1 tas ransel", worker.pk),
    ]
    assert AuditEvent.objects.filter(object_id=str(stay.public_id), action="create").exists()
    # A double submit finds the person already in a bed and says so.
    again = http.post(url, {"bed": beds[3].pk, "moved_in_on": timezone.localdate().isoformat()})
    assert again.status_code == 200
    assert case.stays.count() == 1


def test_a_future_move_in_date_is_refused_in_words(case, worker, beds, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(worker).post(
        reverse("residence:move-in", args=[case.public_id]),
        {"bed": beds[0].pk, "moved_in_on": tomorrow},
    )
    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()


def test_the_move_in_form_offers_only_free_beds_that_fit(
    stay, centre, worker, supervisor, admin, client_for
):
    girls = make_building(centre, admin, "Wisma Melati", SexGroup.FEMALE, AgeGroup.CHILDREN)
    other = another_resident(centre, worker, supervisor)
    body = client_for(worker).get(reverse("residence:move-in", args=[other.public_id])).content
    offered = body.decode()
    assert "Wisma Kenanga · Kamar 1 · B" in offered
    assert "Wisma Kenanga · Kamar 1 · A" not in offered  # taken
    assert girls.name not in offered


def test_room_move_and_move_out_through_the_pages(stay, beds, worker, client_for):
    http = client_for(worker)
    response = http.post(
        reverse("residence:room-move", args=[stay.public_id]),
        {
            "to_bed": beds[3].pk,
            "moved_on": timezone.localdate().isoformat(),
            "reason": "Dekat pengasuh",
        },
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.bed == beds[3]
    assert stay.room_moves.get().from_bed == beds[0]
    # Belongings are still held: the form asks who received them back.
    url = reverse("residence:move-out", args=[stay.public_id])
    data = {"moved_out_on": timezone.localdate().isoformat(), "reason": "returned_to_family"}
    refused = http.post(url, data)
    assert "Say who received the belongings back" in refused.content.decode()
    assert http.post(url, {**data, "belongings_returned_to": "Ibu Rohani"}).status_code == 302
    stay.refresh_from_db()
    assert (stay.moved_out_on, stay.departure_reason) == (
        timezone.localdate(),
        "returned_to_family",
    )
    assert stay.history.count() >= 3  # moved in, moved bed, moved out


def test_the_admin_builds_a_wisma_with_rooms_and_beds(admin, client_for):
    http = client_for(admin)
    response = http.post(
        reverse("residence:places"),
        {"name": "Wisma Cempaka", "sex": "L", "age_group": "children", "status": "in_use"},
    )
    building = Building.objects.get(name="Wisma Cempaka")
    assert response.url == reverse("residence:building", args=[building.public_id])
    http.post(
        reverse("residence:building", args=[building.public_id]),
        {"room": "1", "room-name": "Kamar 1", "room-status": "in_use", "room-add_beds": "3"},
    )
    assert [b.label for b in beds_of(building)] == ["A", "B", "C"]
    duplicate = http.post(
        reverse("residence:places"),
        {"name": "wisma cempaka", "sex": "L", "age_group": "children", "status": "in_use"},
    )
    assert "already has a building of that name" in duplicate.content.decode()


def test_an_occupied_bed_or_room_cannot_be_closed(stay, admin, client_for):
    http = client_for(admin)
    http.post(reverse("residence:bed-status", args=[stay.bed.public_id]), {"status": "closed"})
    assert Bed.objects.get(pk=stay.bed_id).status == "in_use"
    room = stay.bed.room
    response = http.post(
        reverse("residence:room", args=[room.public_id]),
        {"name": room.name, "status": "under_repair", "add_beds": "0"},
        follow=True,
    )
    assert "Someone still sleeps here" in response.content.decode()
    room.refresh_from_db()
    assert room.status == "in_use"


def test_the_occupancy_board_costs_the_same_queries_for_5_or_60_residents(
    centre, worker, supervisor, admin, client_for, django_assert_max_num_queries
):
    http = client_for(worker)
    few = fill_with_residents(5, centre, worker, supervisor, admin, name="Aula A")
    with django_assert_max_num_queries(30) as small:
        read_page(http, reverse("residence:board"), few[-1].client.full_name, "Aula A")
    many = fill_with_residents(55, centre, worker, supervisor, admin, name="Aula B")
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = read_page(http, reverse("residence:board"), many[-1].client.full_name, "Aula B")
    assert "60 residents" in body
    filtered = read_page(http, reverse("residence:board"), data={"sex": "P"})
    assert many[-1].client.full_name not in filtered


def test_the_admin_sets_the_roll_call_times_within_bounds(stay, admin, client_for):
    http = client_for(admin)
    url = reverse("residence:routine")
    data = {
        "morning_roll_call": "05:45",
        "evening_roll_call": "20:00",
        "roll_call_grace_minutes": "5",
        "incident_supervisor_hours": "2",
        "incident_head_hours": "24",
        "version": "0",  # the defaults: the centre had no routine saved
    }
    assert "Choose between 15 and 720." in http.post(url, data).content.decode()
    assert http.post(url, {**data, "roll_call_grace_minutes": "60"}).status_code == 302
    routine = Routine.of(stay.centre)
    assert (routine.morning_roll_call.hour, routine.roll_call_grace_minutes) == (5, 60)
    week = roll_call_week(stay.centre)
    assert {s.due_at.strftime("%H:%M") for s in week} == {"05:45", "20:00"}
