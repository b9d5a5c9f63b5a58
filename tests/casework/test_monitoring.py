"""Monitoring reviews."""

import pytest
from django.urls import reverse

from casework.models import (
    Case,
)
from casework.models.stages import Stage
from casework.services.monitoring import record_monitoring_review
from tests.factories import (
    approved_plan,
)

pytestmark = pytest.mark.django_db


def in_monitoring(case, worker, supervisor):
    plan = approved_plan(case, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    case.refresh_from_db()
    return plan


def test_a_monitoring_review_records_goal_progress(case, worker, supervisor, client_for):
    plan = in_monitoring(case, worker, supervisor)
    goal = plan.goals.get()
    response = client_for(worker).post(
        reverse("casework:case-monitoring", args=[case.public_id]),
        {
            "reviewed_on": "2026-03-03",
            "decision": "continue",
            f"goal_{goal.pk}": "achieved",
            f"goal_{goal.pk}_notes": "KTP sudah terbit",
            "impact_evaluation": "Mandiri",
        },
    )
    assert response.status_code == 302
    review = case.monitoring_reviews.get()
    assert review.progress.get().status == "achieved"


def test_revise_the_plan_sends_the_case_back_to_planning(case, worker, supervisor):
    in_monitoring(case, worker, supervisor)
    record_monitoring_review(by=worker, case=case, data={"decision": "revise_plan"}, progress={})
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING
