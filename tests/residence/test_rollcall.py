"""The roll call: one screen preset to present, one POST for everyone, a constant number
of queries; taken once; an absent mark opens an absconding report in the same
transaction; missed roll calls are flagged."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from residence.models import AbscondingReport, RollCall, RollCallMark, Stay
from residence.services import rollcall
from residence.services.rollcall import roll_call_week, take_roll_call
from residence.services.stays import move_out
from tests.pages import form_data, read_page
from tests.residence.conftest import fill_with_residents

pytestmark = pytest.mark.django_db


def roll_call_url(day=None, session="evening"):
    return reverse("residence:roll-call", args=[(day or timezone.localdate()).isoformat(), session])


def all_present(stays, overrides=None):
    """The POST of a roll call: everyone in `stays` present, `overrides` {stay: mark}."""
    data = {f"r{s.pk}-presence": "present" for s in stays}
    data.update({f"r{s.pk}-presence": presence for s, presence in (overrides or {}).items()})
    return data


def test_the_screen_lists_every_resident_preset_to_present(stay, worker, client_for):
    body = read_page(client_for(worker), roll_call_url(), stay.client.full_name)
    assert (
        f'name="r{stay.pk}-presence" id="id_r{stay.pk}-presence_0" value="present" autocomplete="off" checked'
        in body
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_roll_call_costs_the_same_queries_for_5_or_60_residents(
    centre, worker, supervisor, admin, client_for, django_assert_max_num_queries, method
):
    http = client_for(worker)
    few = fill_with_residents(5, centre, worker, supervisor, admin, name="Aula A")
    yesterday = timezone.localdate() - timedelta(days=1)
    with django_assert_max_num_queries(40) as small:
        if method == "get":
            read_page(http, roll_call_url(), few[-1].client.full_name)
        else:
            response = http.post(roll_call_url(yesterday), all_present(few, {few[0]: "absent"}))
            assert response.status_code == 302
    many = few + fill_with_residents(55, centre, worker, supervisor, admin, name="Aula B")
    with django_assert_max_num_queries(len(small.captured_queries)):
        if method == "get":
            read_page(http, roll_call_url(), many[-1].client.full_name, many[20].client.full_name)
        else:
            response = http.post(roll_call_url(), all_present(many, {many[-1]: "absent"}))
            assert response.status_code == 302
    if method == "post":
        assert RollCallMark.objects.filter(roll_call__date=timezone.localdate()).count() == 60
        assert AbscondingReport.objects.count() == 2


def test_the_same_roll_call_submitted_twice_is_recorded_once(stay, worker, colleague, client_for):
    data = all_present([stay])
    assert client_for(worker).post(roll_call_url(), data).status_code == 302
    second = client_for(colleague).post(roll_call_url(), data, follow=True)
    assert "already took this roll call" in second.content.decode()
    assert RollCall.objects.count() == 1
    assert RollCallMark.objects.count() == 1
    assert RollCall.objects.get().taken_by == worker


def test_the_service_refuses_a_second_roll_call_for_the_same_session(stay, worker, colleague):
    marks = {stay.pk: ("present", "")}
    day = timezone.localdate()
    take_roll_call(by=worker, centre=stay.centre, day=day, session="morning", marks=marks)
    with pytest.raises(rollcall.RollCallAlreadyTaken) as refused:
        take_roll_call(by=colleague, centre=stay.centre, day=day, session="morning", marks=marks)
    assert refused.value.roll_call.taken_by == worker


def test_an_absent_mark_opens_an_absconding_report_once(stay, worker, client_for):
    http = client_for(worker)
    yesterday = timezone.localdate() - timedelta(days=1)
    http.post(roll_call_url(yesterday, "morning"), all_present([stay]))
    response = http.post(roll_call_url(yesterday), all_present([], {stay: "absent"}), follow=True)
    assert "1 absconding report opened" in response.content.decode()
    report = AbscondingReport.objects.get()
    morning = RollCall.objects.get(session="morning")
    assert report.is_open and report.stay == stay
    assert report.roll_call_mark.roll_call.session == "evening"
    assert report.last_seen_at == morning.taken_at  # last marked present
    # Marked absent again the next morning: the open report goes on, no second one.
    body = read_page(http, roll_call_url(session="morning"), "Absconding report open")
    assert 'value="absent" autocomplete="off" checked' in body
    http.post(roll_call_url(session="morning"), all_present([], {stay: "absent"}))
    assert AbscondingReport.objects.count() == 1


def test_the_report_and_the_marks_commit_or_fail_together(stay, worker, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(rollcall.AbscondingReport.objects, "create", broken)
    with pytest.raises(RuntimeError):
        take_roll_call(
            by=worker,
            centre=stay.centre,
            day=timezone.localdate(),
            session="evening",
            marks={stay.pk: ("absent", "")},
        )
    assert not RollCall.objects.exists() and not RollCallMark.objects.exists()


def test_a_resident_who_arrived_meanwhile_must_be_marked_too(
    stay, centre, worker, supervisor, admin, client_for
):
    http = client_for(worker)
    newcomer = fill_with_residents(1, centre, worker, supervisor, admin)[0]
    response = http.post(roll_call_url(), all_present([stay]))
    assert response.status_code == 200
    body = response.content.decode()
    assert newcomer.client.full_name in body
    assert "Mark this resident too" in body
    assert not RollCall.objects.exists()


def test_a_correction_changes_only_what_changed_and_opens_a_report(stay, worker, client_for):
    http = client_for(worker)
    http.post(roll_call_url(), all_present([stay]))
    roll_call = RollCall.objects.get()
    page = form_data(read_page(http, roll_call_url()), having="roll_call")
    assert page["roll_call"] == str(roll_call.public_id)
    response = http.post(roll_call_url(), {**page, f"r{stay.pk}-presence": "absent"})
    assert response.status_code == 302
    mark = roll_call.marks.get()
    assert mark.presence == "absent"
    assert mark.history.count() == 2  # the earlier mark is kept
    assert AbscondingReport.objects.get().roll_call_mark == mark


def test_only_the_last_week_can_be_taken_and_only_known_sessions(stay, worker, client_for):
    http = client_for(worker)
    long_ago = timezone.localdate() - timedelta(days=8)
    assert http.get(roll_call_url(long_ago)).status_code == 404
    assert http.get(roll_call_url(timezone.localdate() + timedelta(days=1))).status_code == 404
    assert (
        http.get(reverse("residence:roll-call", args=["2026-13-01", "evening"])).status_code == 404
    )
    assert http.get(roll_call_url(session="noon")).status_code == 404


def test_missed_roll_calls_are_flagged_only_once_past_their_grace(stay, worker):
    centre = stay.centre
    today = timezone.localdate()
    Stay.objects.filter(pk=stay.pk).update(moved_in_on=today - timedelta(days=3))
    take_roll_call(
        by=worker,
        centre=centre,
        day=today - timedelta(days=1),
        session="morning",
        marks={stay.pk: ("present", "")},
    )
    at_nine = datetime.combine(today, time(21, 0), tzinfo=centre.zone)
    states = {(s.day, s.session): s.state for s in roll_call_week(centre, at_nine)}
    assert states[(today - timedelta(days=1), "morning")] == "taken"
    assert states[(today - timedelta(days=1), "evening")] == "missed"
    assert states[(today, "morning")] == "missed"
    assert states[(today, "evening")] == "due"  # 19:30 + 2 h grace
    assert states[(today - timedelta(days=6), "evening")] == "none"  # nobody lived here yet
    at_six = datetime.combine(today, time(6, 0), tzinfo=centre.zone)
    assert {(s.day, s.session): s.state for s in roll_call_week(centre, at_six)}[
        (today, "morning")
    ] == "upcoming"


def test_a_resident_who_moved_out_is_no_longer_called(stay, worker):
    move_out(
        by=worker,
        stay=stay,
        moved_out_on=timezone.localdate(),
        reason="referred",
        belongings_returned_to="Klien",
    )
    assert rollcall.roll_call_lines(stay.centre, timezone.localdate()) == []
    with pytest.raises(ValidationError):
        take_roll_call(
            by=worker,
            centre=stay.centre,
            day=timezone.localdate(),
            session="evening",
            marks={stay.pk: ("present", "")},
        )
