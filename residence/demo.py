"""Demo residence for the demo centre: its wisma, rooms and beds, the residential cases
placed in them, and a week of morning and evening roll calls with what happened in it
(residence/demo_life.py: leave, a late return, a resident who ran away, the sick, an
incident, visits, handovers).

Deterministic and idempotent: nothing is added to a centre that already has buildings.
Everything goes through the services; timestamps are moved into the past afterwards.
"""

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from casework.models import Case
from casework.models.stages import Stage
from residence.demo_life import DemoWeek, seed_life
from residence.forms.stays import free_beds_for
from residence.models import AgeGroup, Building, RollCall, Room, Routine, Session, SexGroup
from residence.rules import case_is_residential
from residence.services.places import save_building, save_room
from residence.services.rollcall import residents_on, take_roll_call
from residence.services.stays import move_in
from sentra.models import Centre, User

BUILDINGS = [
    ("Wisma Melati", SexGroup.FEMALE, AgeGroup.CHILDREN, [("Kamar 1", 4), ("Kamar 2", 4)]),
    (
        "Wisma Cempaka",
        SexGroup.MALE,
        AgeGroup.CHILDREN,
        [("Kamar 1", 4), ("Kamar 2", 4), ("Kamar 3", 4)],
    ),
    ("Wisma Anggrek", SexGroup.FEMALE, AgeGroup.ADULTS, [("Kamar 1", 4), ("Kamar 2", 4)]),
    ("Wisma Kenanga", SexGroup.MALE, AgeGroup.ADULTS, [("Kamar 1", 6), ("Kamar 2", 6)]),
]
BELONGINGS = [
    ["2 kaos", "1 celana panjang", "1 tas ransel"],
    ["3 baju", "1 sandal", "Akta kelahiran (fotokopi)"],
    ["1 ponsel (dititipkan)", "2 baju", "1 sarung"],
    ["1 tas plastik berisi pakaian"],
]
# The days of roll calls before today; today's morning roll call is taken once it is due,
# today's evening one is left for the duty worker.
DAYS = 7
# One evening roll call the duty forgot (the supervisor's home page flags it).
MISSED = (3, Session.EVENING)


def seed_places(centre: Centre, admin: User) -> list[Building]:
    """The centre's four wisma with their rooms and beds."""
    buildings = []
    for name, sex, age_group, rooms in BUILDINGS:
        building = save_building(
            by=admin,
            building=Building(centre=centre, name=name, sex=sex, age_group=age_group),
            fields=["name", "sex", "age_group"],
        )
        for room_name, beds in rooms:
            save_room(
                by=admin,
                room=Room(building=building, name=room_name),
                fields=["name"],
                add_beds=beds,
            )
        buildings.append(building)
    return buildings


def place_residents(centre: Centre, rng: random.Random, first_day) -> list:
    """Give a bed to the client of every open residential case past the access stage,
    from the day the case was opened (at the latest the first day of the demo week)."""
    cases = (
        Case.objects.filter(centre=centre)
        .open()
        .exclude(stage=Stage.ACCESS)
        .select_related("client", "primary_worker")
        .order_by("opened_at", "id")
    )
    stays = []
    for case in cases:
        if not case_is_residential(case):
            continue
        bed = (
            free_beds_for(case.client, centre)
            .order_by("room__building__name", "room__name", "label")
            .first()
        )
        if bed is None:
            continue
        opened = timezone.localtime(case.opened_at, centre.zone).date()
        stays.append(
            move_in(
                by=case.primary_worker,
                case=case,
                bed=bed,
                moved_in_on=min(opened, first_day),
                belongings=rng.choice(BELONGINGS),
            )
        )
    return stays


@transaction.atomic
@translation.override(settings.LANGUAGE_CODE)  # texts the app writes, in the centre's language
def seed_residence(
    centre: Centre, workers: list[User], supervisor: User, admin: User, seed: int
) -> int:
    """Returns the number of residents placed (0 when the centre already has buildings)."""
    if Building.objects.filter(centre=centre).exists():
        return 0
    rng = random.Random(seed)
    now = timezone.localtime(timezone.now(), centre.zone)
    today = now.date()
    seed_places(centre, admin)
    stays = place_residents(centre, rng, today - timedelta(days=DAYS))
    if not stays:
        return 0
    week = DemoWeek(centre, stays, workers, supervisor, now)
    for offset in range(DAYS, -1, -1):
        day = today - timedelta(days=offset)
        for session in (Session.MORNING, Session.EVENING):
            due = _due(centre, day, session)
            if (
                (offset, session) == MISSED
                or due > now
                or (offset == 0 and session == Session.EVENING)
            ):
                continue
            _take(week, rng, day, session, due)
    seed_life(week, rng)
    return len(stays)


def _due(centre: Centre, day, session) -> datetime:
    return datetime.combine(day, Routine.of(centre).roll_call_time(session), tzinfo=centre.zone)


def _take(week: DemoWeek, rng: random.Random, day, session, due: datetime) -> None:
    marks = {
        stay.pk: (week.presence(stay, day, session), "") for stay in residents_on(week.centre, day)
    }
    taker = week.workers[(day.toordinal() + (session == Session.EVENING)) % len(week.workers)]
    roll_call, _reports = take_roll_call(
        by=taker, centre=week.centre, day=day, session=session, marks=marks
    )
    taken_at = due + timedelta(minutes=rng.randint(2, 25))
    RollCall.objects.filter(pk=roll_call.pk).update(taken_at=taken_at)
    week.after_roll_call(roll_call, taken_at)
