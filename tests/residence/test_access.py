"""Every residence URL answers each member of the cast as it must: who sleeps where is the
centre's business, the case team and supervisors change a stay, health and incidents are
confidential, the admin keeps the rooms and beds, another centre sees nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from residence.models import Bed

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "supervisor", "admin", "outsider"]


def today():
    return timezone.localdate().isoformat()


# (url name, args from the world, {role: status}) for every page (GET).
PAGES = [
    ("board", [], dict.fromkeys(ROLES, 200)),
    (
        "case",
        ["case"],
        {"worker": 200, "colleague": 404, "supervisor": 200, "admin": 200, "outsider": 404},
    ),
    (
        "stay",
        ["stay"],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 200, "outsider": 404},
    ),
    (
        "room-move",
        ["stay"],
        {"worker": 200, "colleague": 403, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "move-out",
        ["stay"],
        {"worker": 200, "colleague": 403, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "leave-request",
        ["stay"],
        {"worker": 200, "colleague": 403, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "restriction-add",
        ["stay"],
        {"worker": 200, "colleague": 403, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "visit-add",
        ["stay"],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "absconding-new",
        ["stay"],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 404},
    ),
    (
        "stay-health",
        ["stay"],
        {"worker": 200, "colleague": 404, "supervisor": 200, "admin": 404, "outsider": 404},
    ),
    (
        "places",
        [],
        {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 403},
    ),
    (
        "building",
        ["building"],
        {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 403},
    ),
    (
        "room",
        ["room"],
        {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 403},
    ),
    (
        "routine",
        [],
        {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 403},
    ),
    ("roll-calls", [], dict.fromkeys(ROLES, 200)),
    ("leave-list", [], dict.fromkeys(ROLES, 200)),
    ("visits", [], dict.fromkeys(ROLES, 200)),
    ("absconding-list", [], dict.fromkeys(ROLES, 200)),
    (
        "absconding",
        ["report"],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 200, "outsider": 404},
    ),
    (
        "health",
        [],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 200},
    ),
    (
        "incidents",
        [],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 200},
    ),
    (
        "incident-new",
        [],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 200},
    ),
    (
        "incident",
        ["incident"],
        {"worker": 200, "colleague": 404, "supervisor": 200, "admin": 404, "outsider": 404},
    ),
    (
        "duty",
        [],
        {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 200},
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_residence_page_answers_each_member_of_the_cast(cast, client_for, world, role):
    http = client_for(cast[role])
    wrong = []
    for name, args, expected in PAGES:
        url = reverse(f"residence:{name}", args=[world[a].public_id for a in args])
        status = http.get(url).status_code
        if status != expected[role]:
            wrong.append(f"{name}: {status}, expected {expected[role]}")
    roll_call = reverse("residence:roll-call", args=[today(), "evening"])
    expected = 403 if role == "admin" else 200
    if http.get(roll_call).status_code != expected:
        wrong.append(f"roll-call: expected {expected}")
    move_in = reverse("residence:move-in", args=[world["case"].public_id])
    expected = {"worker": 200, "colleague": 404, "supervisor": 200, "admin": 403, "outsider": 404}
    if http.get(move_in).status_code != expected[role]:
        wrong.append(f"move-in: expected {expected[role]}")
    assert not wrong, wrong


# (url name, args, POST data, {role: status}) for every action; 302 is done.
ACTIONS = [
    (
        "bed-status",
        ["bed"],
        {"status": "under_repair"},
        {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 302, "outsider": 403},
    ),
    (
        "belonging-add",
        ["stay"],
        {"description": "Sarung", "quantity": 1},
        {"worker": 302, "colleague": 403, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "leave-decide",
        ["leave"],
        {"decision": "approve"},
        {"worker": 403, "colleague": 403, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "leave-depart",
        ["leave"],
        {},
        {"worker": 302, "colleague": 302, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "leave-return",
        ["leave"],
        {},
        {"worker": 302, "colleague": 302, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "leave-cancel",
        ["leave"],
        {},
        {"worker": 302, "colleague": 403, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "visit-end",
        ["visit"],
        {},
        {"worker": 302, "colleague": 302, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "restriction-lift",
        ["restriction"],
        {},
        {"worker": 403, "colleague": 403, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "absconding-end",
        ["report"],
        {"outcome": "returned", "note": "Pulang sendiri"},
        {"worker": 302, "colleague": 302, "supervisor": 302, "admin": 403, "outsider": 404},
    ),
    (
        "health-check-add",
        ["stay"],
        {"check-kind": "routine", "check-checked_on": "2026-01-05", "check-weight_kg": "50"},
        {"worker": 302, "colleague": 404, "supervisor": 302, "admin": 404, "outsider": 404},
    ),
    (
        "sickness-recovered",
        ["sickness"],
        {},
        {"worker": 302, "colleague": 404, "supervisor": 302, "admin": 404, "outsider": 404},
    ),
    (
        "incident-notice",
        ["incident"],
        {"to": "head"},
        {"worker": 403, "colleague": 404, "supervisor": 302, "admin": 404, "outsider": 404},
    ),
    (
        "incident-close",
        ["incident"],
        {"note": "Selesai"},
        {"worker": 403, "colleague": 404, "supervisor": 302, "admin": 404, "outsider": 404},
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_residence_action_answers_each_member_of_the_cast(cast, client_for, world, role):
    """One after the other: each action either does its work or redirects with a message
    (302), or is refused (403/404); a refusal must never depend on what came before."""
    http = client_for(cast[role])
    wrong = []
    for name, args, data, expected in ACTIONS:
        url = reverse(f"residence:{name}", args=[world[a].public_id for a in args])
        if (status := http.post(url, data).status_code) != expected[role]:
            wrong.append(f"{name}: {status}, expected {expected[role]}")
        if http.get(url).status_code != 405:
            wrong.append(f"{name} answers GET")
    assert not wrong, wrong


@pytest.mark.parametrize("role", ROLES)
def test_follow_up_done_only_for_those_who_see_the_incident(cast, client_for, world, role):
    url = reverse(
        "residence:incident-follow-up-done",
        args=[world["incident"].public_id, world["follow_up"].public_id],
    )
    expected = {"worker": 302, "colleague": 404, "supervisor": 302, "admin": 404, "outsider": 404}
    assert client_for(cast[role]).post(url).status_code == expected[role]


def test_another_centres_admin_never_reaches_this_centres_rooms(client_for, outsider_admin, world):
    http = client_for(outsider_admin)
    assert (
        http.get(reverse("residence:building", args=[world["building"].public_id])).status_code
        == 404
    )
    assert http.get(reverse("residence:room", args=[world["room"].public_id])).status_code == 404
    bed = world["bed"]
    response = http.post(
        reverse("residence:bed-status", args=[bed.public_id]), {"status": "closed"}
    )
    assert response.status_code == 404
    assert Bed.objects.get(pk=bed.pk).status == "in_use"


def test_another_centre_sees_no_resident_anywhere(client_for, outsider, world):
    http = client_for(outsider)
    name = world["stay"].client.full_name
    for page in (
        "board",
        "leave-list",
        "visits",
        "absconding-list",
        "roll-calls",
        "health",
        "incidents",
    ):
        assert name not in http.get(reverse(f"residence:{page}")).content.decode(), page
