"""One plan-approval path: a plan is approved once, in review or at a conference, and the
other endorses the same version (issue 17, 'the conference trap')."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import stages
from casework.models import Case, PlanVersion, Review
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from casework.services.conferences import finalise_conference, save_minutes, schedule_conference
from casework.services.plans import start_plan_version, submit_plan
from casework.services.reviews import decide_review
from tests.casework.test_plans_and_conferences import goal_for
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def planning_case(case, worker):
    Case.objects.filter(pk=case.pk).update(stage=Stage.PLANNING)
    case.refresh_from_db()
    plan = start_plan_version(by=worker, case=case)
    goal_for(plan, worker)
    return case


def conference_deciding(case, supervisor, worker, decision, *, when=None):
    conference = schedule_conference(
        by=supervisor,
        data={
            "kind": "case",
            "scheduled_at": when or timezone.now() - timedelta(hours=2),
            "place": "Ruang rapat",
        },
        cases=[case],
        staff=[supervisor, worker],
    )
    item = conference.agenda_items.get()
    save_minutes(
        by=supervisor,
        conference=conference,
        minutes="Rencana dibahas bersama psikolog dan keluarga.",
        decisions={item.pk: {"decision": decision, "decision_notes": "", "follow_up": ""}},
    )
    return conference


def test_review_first_then_conference_approval_opens_intervention(
    planning_case, worker, supervisor
):
    """The trap: approved in review, then 'Setujui rencana' at the conference. The old code
    ignored the decision and refused the move (409); now the conference endorses it."""
    plan = planning_case.plans.get()
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=plan), approve=True)
    assert stages.problems_with_move(planning_case, Stage.INTERVENTION, worker)

    conference = conference_deciding(planning_case, supervisor, worker, "approve_plan")
    finalise_conference(by=supervisor, conference=conference)

    plan.refresh_from_db()
    assert plan.status == PlanVersion.Status.APPROVED and plan.number == 1
    assert planning_case.plans.count() == 1  # no second version needed
    assert conference.agenda_items.get().plan == plan  # endorsed, not approved twice
    assert plan.reviews.filter(status=Review.Status.APPROVED).count() == 1
    assert stages.problems_with_move(planning_case, Stage.INTERVENTION, worker) == []
    move_case_to_stage(by=worker, case=planning_case, to_stage=Stage.INTERVENTION)
    planning_case.refresh_from_db()
    assert planning_case.stage == Stage.INTERVENTION


def test_the_trap_through_the_pages(planning_case, worker, supervisor, client_for):
    """The same walk through the review queue, the minutes form and the stage button."""
    plan = planning_case.plans.get()
    review = submit_plan(by=worker, plan=plan)
    boss = client_for(supervisor)
    assert (
        boss.post(
            reverse("casework:review-decide", args=[review.public_id]),
            {"decision": "approve", "comments": ""},
        ).status_code
        == 302
    )
    conference = schedule_conference(
        by=supervisor,
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "Aula"},
        cases=[planning_case],
        staff=[supervisor, worker],
    )
    url = reverse("casework:conference-detail", args=[conference.public_id])
    item = conference.agenda_items.get()
    data = form_data(read_page(boss, url, planning_case.number), "minutes")
    data.update({"minutes": "Disepakati.", f"item{item.pk}-decision": "approve_plan"})
    data["finalise"] = "1"
    assert boss.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.plan == plan
    moved = client_for(worker).post(
        reverse("casework:case-move", args=[planning_case.public_id]),
        {"to_stage": Stage.INTERVENTION, "reason": "Rencana disepakati di konferensi"},
    )
    assert moved.status_code == 302
    planning_case.refresh_from_db()
    assert planning_case.stage == Stage.INTERVENTION


def test_conference_first_approves_and_a_later_review_is_not_needed(
    planning_case, worker, supervisor
):
    conference = conference_deciding(planning_case, supervisor, worker, "approve_plan")
    finalise_conference(by=supervisor, conference=conference)
    plan = planning_case.plans.get()
    assert plan.status == PlanVersion.Status.APPROVED
    assert plan.approved_via_conference == conference
    assert conference.agenda_items.get().plan == plan
    assert not Review.objects.filter(status=Review.Status.PENDING).exists()
    assert stages.problems_with_move(planning_case, Stage.INTERVENTION, worker) == []


def test_an_endorsement_counts_only_for_the_version_it_agreed(planning_case, worker, supervisor):
    plan = planning_case.plans.get()
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=plan), approve=True)
    finalise_conference(
        by=supervisor,
        conference=conference_deciding(planning_case, supervisor, worker, "approve_plan"),
    )
    revision = start_plan_version(by=worker, case=planning_case)
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=revision), approve=True)
    # Version 2 was approved in review only: it still needs a conference.
    assert stages.problems_with_move(planning_case, Stage.INTERVENTION, worker)


def test_a_conference_cannot_be_finalised_before_it_starts(planning_case, worker, supervisor):
    conference = conference_deciding(
        planning_case,
        supervisor,
        worker,
        "approve_plan",
        when=timezone.now() + timedelta(days=5),
    )
    with pytest.raises(ValidationError, match="not taken place"):
        finalise_conference(by=supervisor, conference=conference)
    conference.refresh_from_db()
    assert not conference.is_final
    assert planning_case.plans.get().status == PlanVersion.Status.DRAFT


def test_decisions_carry_the_meetings_date(planning_case, worker, supervisor):
    met = timezone.now() - timedelta(days=3)
    conference = conference_deciding(planning_case, supervisor, worker, "approve_plan", when=met)
    finalise_conference(by=supervisor, conference=conference)
    plan = planning_case.plans.get()
    assert plan.approved_at == met
    assert plan.reviews.get().decided_at == met
    conference.refresh_from_db()
    assert conference.finalised_at > met  # the typing-up time is kept apart
