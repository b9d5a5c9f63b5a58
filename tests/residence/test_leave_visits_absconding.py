"""Leave approved by a supervisor and late returns flagged; the visitor log stops a barred
visitor at the gate; absconding reports from report to return or closure."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from residence.models import AbscondingReport, LeaveRequest, Stay, Visit, VisitRestriction
from residence.services.leave import decide_leave, record_departure, request_leave
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def ask_leave(http, stay, leaves, back):
    return http.post(
        reverse("residence:leave-request", args=[stay.public_id]),
        {
            "kind": "home",
            "leaves_at": leaves.strftime("%Y-%m-%dT%H:%M"),
            "due_back_at": back.strftime("%Y-%m-%dT%H:%M"),
            "destination": "Kel. Sungai Putri, Kota Jambi",
            "accompanied_by": "Ibu Sumarni (bibi)",
        },
    )


def test_home_leave_from_request_to_a_late_return(stay, worker, supervisor, client_for):
    now = timezone.localtime()
    worker_http, supervisor_http = client_for(worker), client_for(supervisor)
    assert ask_leave(worker_http, stay, now, now + timedelta(hours=4)).status_code == 302
    leave = LeaveRequest.objects.get()
    assert leave.status == "requested"
    decide = reverse("residence:leave-decide", args=[leave.public_id])
    assert worker_http.post(decide, {"decision": "approve"}).status_code == 403
    supervisor_http.post(decide, {"decision": "approve"})
    # A second tap on "approve" changes nothing and says so.
    again = supervisor_http.post(decide, {"decision": "refuse"}, follow=True)
    assert "already been decided" in again.content.decode()
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == ("approved", supervisor)

    worker_http.post(reverse("residence:leave-depart", args=[leave.public_id]))
    leave.refresh_from_db()
    assert leave.is_out and not leave.is_overdue
    # Time passes: the resident should have been back an hour ago.
    LeaveRequest.objects.filter(pk=leave.pk).update(
        leaves_at=now - timedelta(days=1),
        departed_at=now - timedelta(days=1),
        due_back_at=now - timedelta(hours=1),
    )
    read_page(supervisor_http, reverse("home"), "Late back from leave", stay.client.full_name)
    read_page(worker_http, reverse("residence:leave-list"), "Late: 1 h overdue")
    back = worker_http.post(reverse("residence:leave-return", args=[leave.public_id]), follow=True)
    assert f"{stay.client.full_name} is back, 1 hour(s) late." in back.content.decode()
    leave.refresh_from_db()
    assert leave.returned_late and not leave.is_out
    read_page(worker_http, reverse("residence:stay", args=[stay.public_id]), "Came back 1 h late")


def test_leave_must_end_after_it_starts_and_last_at_most_30_days(stay, worker, client_for):
    http = client_for(worker)
    now = timezone.localtime()
    refused = ask_leave(http, stay, now, now - timedelta(hours=1))
    assert "The return must be after the departure." in refused.content.decode()
    refused = ask_leave(http, stay, now, now + timedelta(days=45))
    assert "Leave lasts at most 30 days" in refused.content.decode()
    assert not LeaveRequest.objects.exists()


def test_a_resident_on_leave_is_preset_to_leave_at_roll_call(stay, worker, supervisor, client_for):
    now = timezone.now()
    leave = request_leave(
        by=worker,
        stay=stay,
        data={
            "kind": "outing",
            "leaves_at": now,
            "due_back_at": now + timedelta(hours=5),
            "destination": "Dukcapil",
        },
    )
    decide_leave(by=supervisor, leave=leave, approve=True)
    record_departure(by=worker, leave=leave)
    url = reverse("residence:roll-call", args=[timezone.localdate().isoformat(), "evening"])
    body = read_page(client_for(worker), url, "On leave: Dukcapil")
    assert f'id="id_r{stay.pk}-presence_1" value="leave" autocomplete="off" checked' in body


def test_a_barred_visitor_is_stopped_at_the_gate(stay, worker, colleague, supervisor, client_for):
    client_for(worker).post(
        reverse("residence:restriction-add", args=[stay.public_id]),
        {
            "person_name": "Hendra",
            "reason": "Court order: do not let in, call the supervisor",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    gate = client_for(colleague)  # the duty worker, not on the case
    form_url = reverse("residence:visit-add", args=[stay.public_id])
    read_page(gate, form_url, "Hendra may not visit", "Court order: do not let in")
    read_page(gate, reverse("residence:visits"), "Visit restriction")
    visit = {
        "visitor_name": "Bpk. HENDRA Saputra",
        "relationship": "Ayah tiri",
        "arrived_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    refused = gate.post(form_url, visit)
    assert "Visit not allowed: Court order" in refused.content.decode()
    assert not Visit.objects.exists()
    assert gate.post(form_url, {**visit, "visitor_name": "Ibu Sumarni"}).status_code == 302
    # Lifted by the supervisor, the restriction no longer stops anyone.
    restriction = stay.visit_restrictions.get()
    client_for(supervisor).post(reverse("residence:restriction-lift", args=[restriction.public_id]))
    assert gate.post(form_url, visit).status_code == 302
    assert Visit.objects.count() == 2


def test_a_restriction_on_everyone_stops_every_visitor(stay, worker, client_for):
    http = client_for(worker)
    http.post(
        reverse("residence:restriction-add", args=[stay.public_id]),
        {
            "person_name": "",
            "reason": "No visits during assessment",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    refused = http.post(
        reverse("residence:visit-add", args=[stay.public_id]),
        {
            "visitor_name": "Siapa saja",
            "relationship": "Teman",
            "arrived_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert "Visit not allowed: No visits during assessment" in refused.content.decode()


def report_missing(http, stay):
    return http.post(
        reverse("residence:absconding-new", args=[stay.public_id]),
        {
            "last_seen_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "last_seen_where": "Dapur",
            "circumstances": "Tidak ada di kamar saat pengecekan malam.",
        },
    )


def test_an_absconding_report_records_who_was_told_and_the_return(
    stay, colleague, supervisor, client_for
):
    gate = client_for(colleague)
    assert report_missing(gate, stay).status_code == 302
    report = AbscondingReport.objects.get()
    url = reverse("residence:absconding", args=[report.public_id])
    read_page(gate, url, "Not told yet: Family, Police, Referring institution")
    gate.post(
        url,
        {
            "kind": "police",
            "done_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "detail": "Polsek Telanaipura",
        },
    )
    read_page(gate, url, "Polsek Telanaipura", "Not told yet: Family, Referring institution")
    read_page(
        client_for(supervisor), reverse("home"), "Open absconding reports", stay.client.full_name
    )
    # A second report for the same resident while one is open is refused in words.
    again = report_missing(gate, stay)
    assert "already open" in again.content.decode()
    gate.post(
        reverse("residence:absconding-end", args=[report.public_id]),
        {"outcome": "returned", "note": "Pulang sendiri pukul 22.00"},
    )
    report.refresh_from_db()
    assert report.status == "returned" and Stay.objects.get(pk=stay.pk).is_current
    body = read_page(client_for(supervisor), reverse("home"), "Residence today")
    assert "Open absconding reports" not in body


def test_only_a_supervisor_gives_up_the_search_and_the_resident_moves_out(
    stay, worker, supervisor, client_for
):
    report_missing(client_for(worker), stay)
    report = AbscondingReport.objects.get()
    url = reverse("residence:absconding-end", args=[report.public_id])
    data = {"outcome": "closed", "note": "Tidak ditemukan setelah 7 hari."}
    assert client_for(worker).post(url, data).status_code == 403
    assert client_for(supervisor).post(url, data).status_code == 302
    stay.refresh_from_db()
    report.refresh_from_db()
    assert report.status == "closed"
    last_seen = timezone.localtime(report.last_seen_at).date()
    assert (stay.moved_out_on, stay.departure_reason) == (last_seen, "absconded")
    # The belongings stay with the centre, not "returned" to anyone.
    assert not stay.belongings.filter(returned_on__isnull=False).exists()


@pytest.mark.parametrize(
    ("barred", "visitor", "stopped"),
    [
        ("Hendra", "Bpk. HENDRA Saputra", True),
        ("Hendra Saputra", "hendra", True),
        ("Hendra", "Hendrawan", False),
        ("Hendra Susana", "Ana", False),
        ("", "Siapa saja", True),
    ],
)
def test_a_restriction_stops_visitors_by_whole_words(barred, visitor, stopped):
    assert VisitRestriction(person_name=barred, reason="-").bars(visitor) is stopped
