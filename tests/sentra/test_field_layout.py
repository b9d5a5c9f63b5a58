"""The shared layout of every page and the home and case pages on a phone: the current
page is marked, today's work comes before the caseload, the case page names its next step,
and charts are readable SVG with a text alternative."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from casework.services.notes import add_note, add_task
from sentra import charts
from tests.factories import ClientFactory, open_case_for
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def test_the_navigation_marks_the_current_page(client_for, worker):
    body = read_page(client_for(worker), reverse("casework:case-list"))
    current = re.findall(r'<a class="nav-link" href="([^"]+)" aria-current="page"', body)
    assert current == [reverse("casework:case-list")]


def test_the_admin_pages_sit_in_one_menu_marked_while_one_of_them_is_open(client_for, admin):
    body = read_page(client_for(admin), reverse("staff-list"), "Administration")
    assert 'dropdown-toggle" href="/staff/" role="button"' in body
    assert 'aria-current="true"' in body
    assert re.search(r'class="dropdown-item" href="/staff/" aria-current="page"', body)


def test_a_worker_without_admin_rights_has_no_admin_menu(client_for, worker):
    assert "Administration" not in read_page(client_for(worker), reverse("home"))


def test_the_workers_home_puts_todays_tasks_before_the_folded_caseload(
    client_for, worker, supervisor, centre
):
    case = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    add_task(
        by=worker,
        case=case,
        data={"title": "Telepon keluarga", "due_date": date(2026, 1, 1), "assignee": worker},
    )
    body = read_page(client_for(worker), reverse("home"), "Telepon keluarga", case.client.full_name)
    assert body.index('id="tasks-due"') < body.index('id="caseload"')
    caseload = body[body.index('id="caseload"') :]
    assert '<details class="fold" data-open-wide>' in caseload


def test_the_supervisors_team_table_labels_each_cell_for_the_phone(
    client_for, worker, supervisor, centre
):
    open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    body = read_page(client_for(supervisor), reverse("home"), "Team caseload")
    assert 'class="table table-sm mb-0 table-stack"' in body
    assert 'data-label="Access"' in body and 'data-label="Total"' in body
    assert body.index('id="overdue-tasks"') < body.index('id="team-caseload"')


def test_the_case_page_names_the_next_step_and_folds_older_notes(
    client_for, worker, supervisor, centre
):
    case = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    for n in range(7):
        add_note(by=worker, case=case, data={"kind": "phone", "narrative": f"Telepon {n}"})
    add_task(
        by=worker,
        case=case,
        data={"title": "Kunjungan rumah", "due_date": date(2026, 1, 1), "assignee": worker},
    )
    body = read_page(
        client_for(worker), reverse("casework:case-detail", args=[case.public_id]), "Telepon 0"
    )
    assert re.search(r'id="next-step"><strong>Next step:</strong> Kunjungan rumah', body)
    assert "Priority: " in body
    assert "2 older notes" in body
    assert 'id="case-actions"' in body and 'href="#move"' in body


def test_a_chart_names_its_months_in_indonesian_and_states_its_figures():
    months = [date(2026, m, 1) for m in range(1, 13)]
    with translation.override("id"):
        svg = charts.bar_chart_by_month(
            months, [0] * 7 + [3, 4, 12, 14, 7], title="Penerimaan <baru>"
        )
    assert "Agu" in svg and "Des" in svg and "12/25" not in svg
    assert 'role="img"' in svg and "<title" in svg
    assert "Des 2026: 7" in svg  # the text alternative
    assert "&lt;baru&gt;" in svg and "<baru>" not in svg
    # A value axis with round numbers up to the peak's ceiling.
    assert ">20</text>" in svg and ">10</text>" in svg


def test_series_of_different_size_get_a_chart_and_a_scale_each():
    months = [date(2026, m, 1) for m in range(1, 4)]
    html = charts.small_multiples(months, [("Admissions", [1, 2, 3]), ("Services", [40, 90, 60])])
    assert html.count("<svg") == 2
    assert ">5</text>" in html and ">100</text>" in html
    assert "<table" in html and "<summary>" in html


@pytest.mark.parametrize(
    ("peak", "ceiling"), [(0, 1), (1, 1), (3, 5), (14, 20), (51, 100), (200, 200)]
)
def test_value_axes_end_on_a_round_number(peak, ceiling):
    assert charts.nice_ceiling(peak) == ceiling
