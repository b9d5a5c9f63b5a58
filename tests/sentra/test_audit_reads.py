"""Every page that shows a case's file writes a view row (UU PDP: who looked at whose
file); posting to the same page writes only what it changed."""

import pytest
from django.urls import reverse

from sentra.models import AuditEvent

CASE_PAGES = [
    "casework:case-detail",
    "casework:plan-list",
    "casework:case-services",
    "casework:case-referrals",
    "casework:case-monitoring",
    "casework:case-termination",
    "casework:case-aftercare",
    "assessments:case-list",
    "activities:case",
    "activities:case-summary",
    "reports:case-letters",
]


def views_of(case):
    return AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(case.public_id))


@pytest.mark.parametrize("name", CASE_PAGES)
def test_opening_a_case_page_is_recorded(name, case, supervisor, client_for):
    response = client_for(supervisor).get(reverse(name, kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    row = views_of(case).get()
    assert (row.actor, row.object_type) == (supervisor, "casework.case")


def test_opening_the_clients_activity_summary_is_recorded(case, worker, client_for):
    client = case.client
    url = reverse("activities:client-summary", kwargs={"public_id": client.public_id})
    assert client_for(worker).get(url).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_id=str(client.public_id), actor=worker
    ).exists()


def test_a_post_records_no_view(case, worker, client_for):
    url = reverse("casework:case-aftercare", kwargs={"public_id": case.public_id})
    client_for(worker).post(url, {})  # invalid: the form comes back with errors
    assert not views_of(case).exists()
