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


def test_reassignment_groups_cases_by_worker_and_refuses_a_no_op(
    case, centre, supervisor, worker, colleague, client_for
):
    other = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    http = client_for(supervisor)
    body = http.get(reverse("casework:case-reassign")).content.decode()
    assert f'id="cases-of-{worker.public_id}"' in body
    assert f'id="cases-of-{colleague.public_id}"' in body
    assert body.count("data-check-all") == 2
    response = http.post(
        reverse("casework:case-reassign"),
        {"cases": [other.pk], "to_worker": colleague.pk, "reason": "pemerataan"},
    )
    assert response.status_code == 200
    assert "already with" in response.content.decode()
    assert not other.assignments.exists()
