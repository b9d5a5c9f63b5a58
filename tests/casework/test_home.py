import pytest
from django.urls import reverse

from casework.services.notes import add_note, add_task
from tests.factories import ClientFactory, open_case_for
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def make_cases(n, centre, worker, supervisor):
    cases = []
    for _ in range(n):
        case = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        add_note(by=worker, case=case, data={"kind": "phone", "narrative": "x"})
        add_task(
            by=worker, case=case, data={"title": "t", "due_date": "2026-01-01", "assignee": worker}
        )
        cases.append(case)
    return cases


def what_home_shows(role, cases, cast):
    """A text each role's home page must show for these cases."""
    if role == "worker":
        return cases[-1].client.full_name  # the caseload lists every case
    if role == "supervisor":
        return cast["worker"].full_name  # the team table has a row per worker
    return str(len(cases))  # the admin's centre figures count them


@pytest.mark.parametrize("role", ["worker", "supervisor", "admin"])
def test_dashboards_cost_the_same_queries_for_3_or_25_cases(
    cast, centre, client_for, django_assert_max_num_queries, role
):
    http = client_for(cast[role])
    cases = make_cases(3, centre, cast["worker"], cast["supervisor"])
    with django_assert_max_num_queries(30) as few:
        read_page(http, reverse("home"), what_home_shows(role, cases, cast))
    cases += make_cases(22, centre, cast["worker"], cast["supervisor"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, reverse("home"), what_home_shows(role, cases, cast))


def test_case_list_query_budget(
    supervisor, worker, centre, client_for, django_assert_max_num_queries
):
    http = client_for(supervisor)
    cases = make_cases(3, centre, worker, supervisor)
    with django_assert_max_num_queries(20) as few:
        read_page(http, reverse("casework:case-list"), cases[-1].number)
    cases = make_cases(20, centre, worker, supervisor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, reverse("casework:case-list"), cases[-1].number, cases[-5].number)


def test_case_page_query_budget(
    supervisor, worker, centre, client_for, django_assert_max_num_queries
):
    case = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    http = client_for(supervisor)
    add_note(by=worker, case=case, data={"kind": "phone", "narrative": "x"})
    with django_assert_max_num_queries(40) as few:
        read_page(http, reverse("casework:case-detail", args=[case.public_id]), case.number)
    for n in range(15):
        note = add_note(by=worker, case=case, data={"kind": "phone", "narrative": f"Telepon {n}"})
        add_task(
            by=worker,
            case=case,
            data={
                "title": f"Tugas {n}",
                "due_date": "2026-01-01",
                "assignee": worker,
                "note": note,
            },
        )
    url = reverse("casework:case-detail", args=[case.public_id])
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, url, case.number, "Telepon 14", "Telepon 0", "Tugas 14", "Tugas 0")


def test_supervisor_sees_caseload_per_worker_and_stage(cast, centre, client_for):
    make_cases(2, centre, cast["worker"], cast["supervisor"])
    body = client_for(cast["supervisor"]).get(reverse("home")).content.decode()
    assert cast["worker"].full_name in body and "Team caseload" in body


def test_admin_dashboard_shows_counts_and_no_note_text(cast, centre, client_for):
    make_cases(2, centre, cast["worker"], cast["supervisor"])
    body = client_for(cast["admin"]).get(reverse("home")).content.decode()
    assert "Cases by stage" in body and "Access" in body
