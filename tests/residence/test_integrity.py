"""Many hands in one centre: every residence form that changes something carries a one-time
key; a roll call corrected by two duty workers shows the second one the rows the first
changed, never overwrites them; two admins setting up the routine meet as a conflict."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from residence.models import RollCallMark, Routine
from residence.models.routine import DEFAULTS_VERSION
from residence.services.places import save_routine
from residence.services.rollcall import take_roll_call
from sentra.middleware import SUBMISSION_FIELD
from sentra.versioning import EditConflict
from tests.factories import UserFactory
from tests.pages import form_data, read_page
from tests.residence.conftest import fill_with_residents

pytestmark = pytest.mark.django_db


def posting_forms(body: str) -> list[str]:
    """The POST forms of a page that change something (not logging out, not the language)."""
    forms = re.findall(r"<form\b[^>]*method=\"post\".*?</form>", body, flags=re.S)
    return [form for form in forms if "logout" not in form and "setlang" not in form]


def test_every_residence_form_that_changes_something_carries_a_key(world, cast, client_for):
    today = timezone.localdate().isoformat()
    pages = [
        ("supervisor", "residence:stay", [world["stay"]]),
        ("supervisor", "residence:leave-list", []),
        ("supervisor", "residence:stay-health", [world["stay"]]),
        ("supervisor", "residence:absconding", [world["report"]]),
        ("supervisor", "residence:incident", [world["incident"]]),
        ("supervisor", "residence:room-move", [world["stay"]]),
        ("supervisor", "residence:move-out", [world["stay"]]),
        ("supervisor", "residence:leave-request", [world["stay"]]),
        ("supervisor", "residence:restriction-add", [world["stay"]]),
        ("supervisor", "residence:visit-add", [world["stay"]]),
        ("supervisor", "residence:absconding-new", [world["stay"]]),
        ("supervisor", "residence:incident-new", []),
        ("supervisor", "residence:duty", []),
        ("supervisor", "residence:visits", []),
        ("worker", "residence:move-in", [world["case"]]),
        ("admin", "residence:places", []),
        ("admin", "residence:building", [world["building"]]),
        ("admin", "residence:room", [world["room"]]),
        ("admin", "residence:routine", []),
    ]
    counted = 0
    for role, name, records in pages:
        url = reverse(name, args=[record.public_id for record in records])
        forms = posting_forms(read_page(client_for(cast[role]), url))
        assert forms, f"{name} shows no form"
        unkeyed = [form[:120] for form in forms if f'name="{SUBMISSION_FIELD}"' not in form]
        assert not unkeyed, f"{name}: {unkeyed}"
        counted += len(forms)
    roll_call = reverse("residence:roll-call", args=[today, "evening"])
    forms = posting_forms(read_page(client_for(cast["worker"]), roll_call))
    assert len(forms) == 1 and f'name="{SUBMISSION_FIELD}"' in forms[0]
    assert counted >= 25  # the stay page alone has leave, restriction and belongings forms


def test_two_duty_workers_correcting_one_roll_call_the_second_sees_the_rows_the_first_changed(
    centre, worker, supervisor, admin, client_for
):
    first, second = fill_with_residents(2, centre, worker, supervisor, admin)
    day = timezone.localdate()
    take_roll_call(
        by=worker,
        centre=centre,
        day=day,
        session="evening",
        marks={first.pk: ("present", ""), second.pk: ("present", "")},
    )
    url = reverse("residence:roll-call", args=[day.isoformat(), "evening"])
    mine, theirs = client_for(worker), client_for(supervisor)
    my_page = form_data(read_page(mine, url), having="roll_call")
    their_page = form_data(read_page(theirs, url), having="roll_call")

    their_page[f"r{first.pk}-presence"] = "sick"
    assert theirs.post(url, their_page).status_code == 302

    my_page[f"r{second.pk}-presence"] = "leave"
    response = mine.post(url, my_page)
    body = response.content.decode()
    assert response.status_code == 409
    rows = dict(re.findall(r'data-resident="([^"]+)">(.*?)</li>', body, flags=re.S))
    assert "Someone else saved this record" in rows[first.client.full_name]
    assert "Sick (sakit)" in rows[first.client.full_name]  # their change, beside mine
    assert supervisor.full_name in rows[first.client.full_name]
    assert "Someone else saved" not in rows[second.client.full_name]
    marks = dict(RollCallMark.objects.values_list("stay_id", "presence"))
    assert marks == {first.pk: "sick", second.pk: "present"}  # nothing of mine saved yet

    again = form_data(body, having="roll_call")
    assert again[f"r{second.pk}-presence"] == "leave"  # what I chose is kept
    again[f"r{first.pk}-presence"] = "sick"  # and I take their correction
    assert mine.post(url, again).status_code == 302
    marks = dict(RollCallMark.objects.values_list("stay_id", "presence"))
    assert marks == {first.pk: "sick", second.pk: "leave"}


def test_two_admins_saving_the_first_routine_meet_as_a_conflict(centre, admin, client_for):
    other_admin = UserFactory(centre=centre, role=admin.role, full_name="Admin Kedua")
    url = reverse("residence:routine")
    mine, theirs = client_for(admin), client_for(other_admin)
    my_form = form_data(read_page(mine, url), having="morning_roll_call")
    their_form = form_data(read_page(theirs, url), having="morning_roll_call")
    assert not Routine.objects.exists()  # the defaults are shown, nothing saved yet

    their_form["roll_call_grace_minutes"] = "90"
    assert theirs.post(url, their_form).status_code == 302
    my_form["roll_call_grace_minutes"] = "180"
    response = mine.post(url, my_form)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this record" in body and "Admin Kedua" in body
    assert Routine.objects.get(centre=centre).roll_call_grace_minutes == 90

    again = form_data(body, having="morning_roll_call")
    assert again["roll_call_grace_minutes"] == "180"
    assert mine.post(url, again).status_code == 302
    assert Routine.objects.get(centre=centre).roll_call_grace_minutes == 180


def test_a_first_routine_saved_a_moment_after_another_is_a_conflict_told_against_the_defaults(
    centre, admin
):
    """The same race run into the database's one-routine-per-centre constraint."""
    other_admin = UserFactory(centre=centre, role=admin.role, full_name="Admin Kedua")
    theirs = Routine(centre=centre, roll_call_grace_minutes=90)
    save_routine(by=other_admin, routine=theirs, fields=["roll_call_grace_minutes"])
    mine = Routine(centre=centre, roll_call_grace_minutes=180)
    mine._read_version = DEFAULTS_VERSION  # type: ignore[attr-defined]  # as its form read it
    with pytest.raises(EditConflict) as conflict:
        save_routine(by=admin, routine=mine, fields=["roll_call_grace_minutes"])
    assert conflict.value.current == theirs
    assert [(c.name, c.before, c.after) for c in conflict.value.changes] == [
        ("roll_call_grace_minutes", "120", "90")
    ]
    assert Routine.objects.get().roll_call_grace_minutes == 90
