"""The monthly residence figures, against a month counted by hand (March 2026, WIB)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from residence import figures
from residence.models import AbscondingReport, Incident
from residence.services.stays import move_in, move_out
from tests.factories import CentreFactory, ClientFactory, UserFactory, open_case_for
from tests.residence.conftest import beds_of, make_building

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args):
    return datetime(*args, tzinfo=WIB)


def live(worker, supervisor, bed, moved_in, moved_out=None, reason="", sex="L"):
    # Adults born long before the month counted (a child may not sleep in an adults' room).
    client = ClientFactory(
        centre=worker.centre, registered_by=worker, sex=sex, birth_date=date(1990, 5, 17)
    )
    case = open_case_for(client, worker, supervisor)
    stay = move_in(by=worker, case=case, bed=bed, moved_in_on=moved_in)
    if moved_out:
        stay = move_out(by=worker, stay=stay, moved_out_on=moved_out, reason=reason)
    return stay


def report(stay, worker, last_seen, status="open", resolved=None):
    return AbscondingReport.objects.create(
        stay=stay,
        last_seen_at=last_seen,
        circumstances="-",
        reported_by=worker,
        status=status,
        resolved_at=resolved,
    )


def incident(centre, worker, kind, at):
    return Incident.objects.create(
        centre=centre,
        occurred_at=at,
        place="-",
        kind=kind,
        severity="minor",
        description="-",
        immediate_action="-",
        reported_by=worker,
    )


@pytest.fixture
def march(centre, worker, supervisor, admin):
    """Stays: A in since February, B out on 1 March, C in 5-20 March (a woman, ran away),
    D in on 31 March, E in and out on 10 March, F gone in February, G in on 1 April."""
    building = make_building(centre, admin, sex="mixed", rooms=(("Kamar 1", 4),))
    bed1, bed2, bed3, bed4 = beds_of(building)
    b = live(worker, supervisor, bed1, date(2026, 2, 20), date(2026, 3, 1), "returned_to_family")
    c = live(worker, supervisor, bed1, date(2026, 3, 5), date(2026, 3, 20), "absconded", sex="P")
    live(worker, supervisor, bed1, date(2026, 3, 10), date(2026, 3, 10), "referred")
    live(worker, supervisor, bed1, date(2026, 1, 1), date(2026, 2, 15), "died")
    a = live(worker, supervisor, bed2, date(2026, 2, 10))
    d = live(worker, supervisor, bed3, date(2026, 3, 31))
    g = live(worker, supervisor, bed4, date(2026, 4, 1))
    report(c, worker, wib(2026, 3, 18, 22), "closed", wib(2026, 3, 25, 9))
    report(a, worker, wib(2026, 2, 27, 20), "returned", wib(2026, 3, 2, 8))
    report(d, worker, wib(2026, 3, 31, 23, 30))
    report(g, worker, wib(2026, 4, 1, 6))  # 31 March in UTC: April in the centre's zone
    report(b, worker, wib(2026, 2, 28, 21), "closed", wib(2026, 3, 1, 7))
    for kind, at in [
        ("fight", wib(2026, 3, 5, 10)),
        ("fight", wib(2026, 3, 15, 16)),
        ("self_harm", wib(2026, 3, 31, 23)),
        ("accident", wib(2026, 4, 1, 1)),  # 31 March in UTC
        ("fight", wib(2026, 2, 28, 23)),
    ]:
        incident(centre, worker, kind, at)
    # Another centre's resident, counted only when every centre is asked for.
    elsewhere = CentreFactory(code="PSA", name="PSAA Putra Utama 3")
    their_worker = UserFactory(username="peksos_psaa", centre=elsewhere)
    their_bed = beds_of(make_building(elsewhere, admin))[0]
    live(
        their_worker,
        UserFactory(username="spv_psaa", centre=elsewhere, role="supervisor"),
        their_bed,
        date(2026, 3, 3),
    )
    return centre


def test_residents_at_the_start_and_end_of_the_month(march):
    assert figures.residents_at_start(march, 2026, 3) == 2  # A, B (B leaves on the 1st)
    assert figures.residents_at_end(march, 2026, 3) == 2  # A, D
    assert figures.residents_at_end(None, 2026, 3) == 3  # and the other centre's


def test_admissions_by_sex_and_departures_by_reason(march):
    assert [(str(label), n) for label, n in figures.admissions(march, 2026, 3)] == [
        ("Male", 2),  # D, E
        ("Female", 1),  # C
    ]
    departures = {str(label): n for label, n in figures.departures(march, 2026, 3)}
    assert departures == {
        "Service ended (terminated)": 0,
        "Referred to another institution": 1,
        "Returned to family": 1,
        "Absconded (kabur)": 1,
        "Died": 0,
        "Other": 0,
    }


def test_resident_days_count_the_nights_in_the_month(march):
    # A 31, B 0 (left on the 1st), C 15 (5th to 20th), D 1 (the 31st), E 0 (in and out)
    assert figures.resident_days(march, 2026, 3) == 47
    assert figures.resident_days(None, 2026, 3) == 47 + 29  # the other centre's, from the 3rd


def test_absconding_in_the_centres_time_zone(march):
    assert [(str(label), n) for label, n in figures.absconding(march, 2026, 3)] == [
        ("Ran away", 2),  # C on the 18th, D on the 31st (not G: 1 April in WIB)
        ("Came back", 1),  # A, who ran away in February
        ("Search given up (moved out)", 2),  # C, and B on 1 March
        ("Still missing at the end of the month", 1),  # D
    ]


def test_incidents_by_kind(march):
    counts = {str(label): n for label, n in figures.incidents(march, 2026, 3)}
    assert (counts["Fight"], counts["Self-harm"], counts["Accident"]) == (2, 1, 0)
    assert sum(counts.values()) == 3


def test_month_figures_gathers_them_all(march):
    month = figures.month_figures(march, 2026, 3)
    assert (month["residents_at_start"], month["residents_at_end"], month["resident_days"]) == (
        2,
        2,
        47,
    )
    assert len(month["departures"]) == 6 and len(month["incidents"]) == 8
