"""Fields that apply to some choices only are shown only for them (static/js/sentra.js reads
data-show-if); the server ignores what a hidden field holds. Reassignment groups the cases
by their present worker and tells a no-op as such."""

import pytest
from django.urls import reverse

from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db


def test_opening_a_case_shows_each_routes_details_for_that_route(worker, centre, client_for):
    client = ClientFactory(centre=centre, registered_by=worker)
    page = client_for(worker).get(reverse("casework:case-open", args=[client.public_id]))
    body = page.content.decode()
    for name, condition in [
        ("referring_partner", "access_route=referral"),
        ("referral_letter_number", "access_route=referral"),
        ("report_channel", "access_route=report"),
        ("outreach_location", "access_route=outreach"),
        ("emergency_needs", "is_emergency=on"),
    ]:
        assert f'name="{name}"' in body and f'data-show-if="{condition}"' in body, name
    assert "Referring institution, if not listed" in body  # no two fields of the same name


def test_reassignment_shows_one_workers_cases_at_a_time_and_refuses_a_no_op(
    case, centre, supervisor, worker, colleague, client_for
):
    other = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    http = client_for(supervisor)
    url = reverse("casework:case-reassign")
    body = http.get(url).content.decode()
    # First the workers to choose from, with their open cases counted, and no checkbox.
    assert f'href="?worker={worker.public_id}"' in body
    assert f'href="?worker={colleague.public_id}"' in body
    assert 'name="cases"' not in body
    body = http.get(url, {"worker": str(colleague.public_id)}).content.decode()
    assert f'id="cases-of-{colleague.public_id}"' in body
    assert f'value="{other.pk}"' in body and f'value="{case.pk}"' not in body
    assert body.count("data-check-all") == 1
    # A case of another worker is not accepted on this worker's page.
    response = http.post(
        f"{url}?worker={colleague.public_id}",
        {"cases": [case.pk], "to_worker": supervisor.pk, "reason": "cuti"},
    )
    assert response.status_code == 200 and not case.assignments.exists()
    assert "can no longer be chosen" in response.content.decode()  # no database key shown
    for nonsense in ("not-a-uuid", str(supervisor.public_id)):
        body = http.get(url, {"worker": nonsense}).content.decode()
        assert 'name="cases"' not in body and "caseloads" in body
    response = http.post(
        reverse("casework:case-reassign"),
        {"cases": [other.pk], "to_worker": colleague.pk, "reason": "pemerataan"},
    )
    assert response.status_code == 200
    assert "already with" in response.content.decode()
    assert not other.assignments.exists()


def test_the_reassignment_page_costs_the_same_whatever_the_caseloads(
    centre, supervisor, worker, colleague, client_for, django_assert_max_num_queries
):
    http = client_for(supervisor)
    url = reverse("casework:case-reassign")
    mine = {"worker": str(worker.public_id)}

    def add_cases(n):
        for _n in range(n):
            for who in (worker, colleague):
                client = ClientFactory(centre=centre, registered_by=who)
                open_case_for(client, who, supervisor)

    add_cases(1)
    http.get(url), http.get(url, mine)  # warm the session and the caches
    with django_assert_max_num_queries(20) as few:
        http.get(url)
    with django_assert_max_num_queries(20) as few_mine:
        http.get(url, mine)
    add_cases(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        http.get(url)
    with django_assert_max_num_queries(len(few_mine.captured_queries)):
        body = http.get(url, mine).content.decode()
    assert body.count('name="cases"') == 7
