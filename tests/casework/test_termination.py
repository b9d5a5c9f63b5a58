"""Termination requests, their review, and closing the case."""

import pytest
from django.urls import reverse

from casework.models import (
    Case,
)
from casework.models.stages import Stage
from casework.services.reviews import decide_review
from casework.services.termination import request_termination
from tests.factories import (
    approved_termination,
    open_case_for,
)

pytestmark = pytest.mark.django_db


def test_termination_approval_closes_the_case_and_reopening_is_a_new_case(case, worker, supervisor):
    termination = approved_termination(case, worker, supervisor)
    assert case.stage == Stage.TERMINATION and case.closed_at is not None
    assert case.stage_moves.last().reason == termination.get_reason_display()
    new = open_case_for(case.client, worker, supervisor)
    assert new.pk != case.pk and new.stage == Stage.ACCESS


def test_a_returned_termination_keeps_the_case_open(case, worker, supervisor):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    case.refresh_from_db()
    termination = request_termination(
        by=worker, case=case, data={"reason": "independent", "outcome_summary": "Bekerja"}
    )
    decide_review(
        by=supervisor, review=termination.review, approve=False, comments="Tunggu satu bulan lagi"
    )
    case.refresh_from_db()
    assert case.stage == Stage.MONITORING


def test_termination_request_through_the_pages(case, worker, supervisor, client_for):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    url = reverse("casework:case-termination", args=[case.public_id])
    response = client_for(worker).post(
        url,
        {
            "reason": "reunified",
            "outcome_summary": "Kembali ke keluarga",
            "destination_region": "1571011012",
        },
    )
    assert response.status_code == 302
    review = case.reviews.get(kind="termination")
    queue = client_for(supervisor).get(reverse("casework:review-queue")).content.decode()
    assert case.client.full_name in queue
    client_for(supervisor).post(
        reverse("casework:review-decide", args=[review.public_id]), {"decision": "approve"}
    )
    case.refresh_from_db()
    assert not case.is_open


def test_a_bad_destination_region_is_refused(case, worker, client_for):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    response = client_for(worker).post(
        reverse("casework:case-termination", args=[case.public_id]),
        {"reason": "reunified", "outcome_summary": "x", "destination_region": "9999"},
    )
    assert "does not exist" in response.content.decode()
