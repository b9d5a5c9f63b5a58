"""Aftercare follow-ups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import (
    FollowUp,
)
from casework.services.aftercare import schedule_follow_up
from tests.factories import (
    approved_termination,
)

pytestmark = pytest.mark.django_db


def test_due_follow_ups_reach_the_workers_dashboard(case, worker, supervisor, client_for):
    approved_termination(case, worker, supervisor)
    follow_up = schedule_follow_up(
        by=worker,
        case=case,
        data={
            "due_on": timezone.localdate() + timedelta(days=2),
            "mode": "phone",
            "assignee": worker,
        },
    )
    assert "Aftercare contacts due" in client_for(worker).get(reverse("home")).content.decode()
    client_for(worker).post(
        reverse("casework:follow-up-done", args=[follow_up.public_id]),
        {"outcome": "Sehat, bekerja di bengkel"},
    )
    follow_up.refresh_from_db()
    assert follow_up.done_on is not None
    assert "Aftercare contacts due" not in client_for(worker).get(reverse("home")).content.decode()
    assert FollowUp.objects.count() == 1
