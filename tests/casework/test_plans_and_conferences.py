from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import stages
from casework.models import Case, Conference, PlanGoal, PlanVersion, Review, Task
from casework.models.stages import Stage
from casework.services.conferences import (
    amend_minutes,
    finalise_conference,
    save_minutes,
    schedule_conference,
)
from casework.services.plans import plan_changes, save_plan, start_plan_version, submit_plan
from casework.services.reviews import ReviewRefused, decide_review
from sentra.models import AuditEvent
from sentra.scopes import Role
from tests.factories import UserFactory
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def goal_for(plan, worker, **extra):
    return PlanGoal.objects.create(
        plan=plan,
        order=1,
        problem="Tidak punya KTP",
        goal="KTP terbit",
        component="decent_living",
        activities="Pendampingan ke Dukcapil",
        responsible_staff=worker,
        target_date=timezone.localdate() + timedelta(days=30),
        indicator="KTP di tangan",
        **extra,
    )


@pytest.fixture
def plan(case, worker):
    plan = start_plan_version(by=worker, case=case)
    goal_for(plan, worker)
    return plan


def test_plan_lifecycle_draft_submit_return_revise_approve(plan, worker, supervisor):
    review = submit_plan(by=worker, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "submitted" and review.status == "pending"
    with pytest.raises(ValidationError):
        submit_plan(by=worker, plan=plan)  # not twice
    decide_review(by=supervisor, review=review, approve=False, comments="Tambah tujuan")
    plan.refresh_from_db()
    assert plan.status == "returned"
    review2 = submit_plan(by=worker, plan=plan)
    decide_review(by=supervisor, review=review2, approve=True)
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_at is not None
    with pytest.raises(ValidationError, match="frozen"):
        save_plan(by=worker, plan=plan, fields=["summary"])


def test_returning_needs_comments(plan, worker, supervisor):
    review = submit_plan(by=worker, plan=plan)
    with pytest.raises(ReviewRefused):
        decide_review(by=supervisor, review=review, approve=False, comments=" ")


def test_an_empty_plan_cannot_be_submitted(case, worker):
    plan = start_plan_version(by=worker, case=case)
    with pytest.raises(ValidationError, match="at least one goal"):
        submit_plan(by=worker, plan=plan)


def test_a_revision_is_a_new_version_and_shows_what_changed(plan, worker, supervisor):
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=plan), approve=True)
    revision = start_plan_version(by=worker, case=plan.case)
    assert revision.number == 2 and revision.based_on == plan
    goal = revision.goals.get()
    goal.indicator = "KTP dan KK di tangan"
    goal.save()
    changes = plan_changes(plan, revision)
    assert [(c["old"], c["new"]) for c in changes] == [("KTP di tangan", "KTP dan KK di tangan")]
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=revision), approve=True)
    plan.refresh_from_db()
    assert plan.status == "superseded" and plan.goals.get().indicator == "KTP di tangan"


def test_a_supervisor_cannot_approve_their_own_submission(case, supervisor, centre):
    plan = start_plan_version(by=supervisor, case=case)
    goal_for(plan, supervisor)
    review = submit_plan(by=supervisor, plan=plan)
    UserFactory(username="supervisor2", centre=centre, role=Role.SUPERVISOR)
    with pytest.raises(ReviewRefused, match="another supervisor"):
        decide_review(by=supervisor, review=review, approve=True)


def test_a_lone_supervisor_may_approve_their_own_and_it_is_recorded(case, supervisor):
    plan = start_plan_version(by=supervisor, case=case)
    goal_for(plan, supervisor)
    review = decide_review(
        by=supervisor, review=submit_plan(by=supervisor, plan=plan), approve=True
    )
    assert review.self_approved


def test_a_social_worker_cannot_decide(plan, worker):
    review = submit_plan(by=worker, plan=plan)
    with pytest.raises(PermissionDenied):
        decide_review(by=worker, review=review, approve=True)


def conference_for(case, supervisor, worker, **extra):
    return schedule_conference(
        by=supervisor,
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "Ruang rapat", **extra},
        cases=[case],
        staff=[supervisor, worker],
        externals=[{"name": "Dra. Lina", "profession": "Psikolog", "institution": "RSJ"}],
    )


def test_a_finalised_conference_approves_the_plan_and_creates_tasks(plan, case, worker, supervisor):
    submit_plan(by=worker, plan=plan)
    conference = conference_for(case, supervisor, worker)
    item = conference.agenda_items.get()
    save_minutes(
        by=supervisor,
        conference=conference,
        minutes="Dibahas.",
        decisions={
            item.pk: {
                "decision": "approve_plan",
                "decision_notes": "",
                "follow_up": "Hubungi sekolah\nJadwalkan psikolog",
            }
        },
    )
    finalise_conference(by=supervisor, conference=conference)
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_via_conference == conference
    assert sorted(Task.objects.filter(case=case).values_list("title", flat=True)) == [
        "Hubungi sekolah",
        "Jadwalkan psikolog",
    ]
    assert Task.objects.filter(case=case, assignee=worker).count() == 2
    with pytest.raises(ValidationError, match="final"):
        save_minutes(by=supervisor, conference=conference, minutes="x", decisions={})
    amend_minutes(by=supervisor, conference=conference, text="Koreksi nama peserta")
    conference.refresh_from_db()
    assert conference.minutes == "Dibahas." and conference.amendments.count() == 1


def test_revise_decision_returns_the_plan_with_the_notes(plan, case, worker, supervisor):
    submit_plan(by=worker, plan=plan)
    conference = conference_for(case, supervisor, worker)
    item = conference.agenda_items.get()
    save_minutes(
        by=supervisor,
        conference=conference,
        minutes="Dibahas.",
        decisions={
            item.pk: {
                "decision": "revise_plan",
                "decision_notes": "Libatkan keluarga",
                "follow_up": "",
            }
        },
    )
    finalise_conference(by=supervisor, conference=conference)
    plan.refresh_from_db()
    assert plan.status == "returned"
    assert plan.reviews.get().comments == "Libatkan keluarga"


def test_intervention_needs_an_approved_plan_from_a_conference(plan, case, worker, supervisor):
    Case.objects.filter(pk=case.pk).update(stage=Stage.PLANNING)
    case.refresh_from_db()
    assert stages.problems_with_move(case, Stage.INTERVENTION, worker)
    # Approved by review, but no conference yet: still refused.
    decide_review(by=supervisor, review=submit_plan(by=worker, plan=plan), approve=True)
    assert stages.problems_with_move(case, Stage.INTERVENTION, worker)
    # A finalised conference that decided nothing about the plan does not agree it.
    conference = conference_for(case, supervisor, worker)
    save_minutes(by=supervisor, conference=conference, minutes="Dibahas.", decisions={})
    finalise_conference(by=supervisor, conference=conference)
    assert stages.problems_with_move(case, Stage.INTERVENTION, worker)


def test_conference_shows_each_attendee_only_the_cases_they_may_see(
    case, worker, colleague, supervisor, centre, client_for
):
    from tests.factories import ClientFactory, open_case_for

    other = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague, full_name="Klien Rekan"),
        colleague,
        supervisor,
    )
    conference = schedule_conference(
        by=supervisor,
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "R"},
        cases=[case, other],
        staff=[worker, colleague],
    )
    body = (
        client_for(worker)
        .get(reverse("casework:conference-detail", args=[conference.public_id]))
        .content.decode()
    )
    assert case.client.full_name in body and "Klien Rekan" not in body
    body = (
        client_for(supervisor)
        .get(reverse("casework:conference-detail", args=[conference.public_id]))
        .content.decode()
    )
    assert case.client.full_name in body and "Klien Rekan" in body


CONFERENCE_EXPECTED = {
    "worker": 200,
    "supervisor": 200,
    "admin": 200,
    "colleague": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", list(CONFERENCE_EXPECTED))
def test_plan_and_conference_urls_for_the_cast(cast, case, plan, client_for, role):
    conference = schedule_conference(
        by=cast["supervisor"],
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "R"},
        cases=[case],
        staff=[cast["worker"]],
    )
    http = client_for(cast[role])
    expected = CONFERENCE_EXPECTED[role]
    assert http.get(reverse("casework:plan-list", args=[case.public_id])).status_code == expected
    assert http.get(reverse("casework:plan-detail", args=[plan.public_id])).status_code == expected
    assert (
        http.get(reverse("casework:conference-detail", args=[conference.public_id])).status_code
        == expected
    )
    edit = http.get(reverse("casework:plan-edit", args=[plan.public_id])).status_code
    assert edit == {"worker": 200, "supervisor": 200, "admin": 403}.get(role, 404)
    queue = http.get(reverse("casework:review-queue")).status_code
    assert queue == (200 if role == "supervisor" else 403)
    minutes = http.post(
        reverse("casework:conference-detail", args=[conference.public_id]),
        {
            "minutes": "x",
            "version": conference.version,
            **{f"item{i.pk}-version": i.version for i in conference.agenda_items.all()},
        },
    ).status_code
    assert minutes == {"supervisor": 302}.get(role, 404 if expected == 404 else 403)


def test_review_queue_lists_waiting_items_with_waiting_time(
    plan, worker, supervisor, client_for, django_assert_max_num_queries
):
    review = submit_plan(by=worker, plan=plan)
    Review.objects.filter(pk=review.pk).update(requested_at=timezone.now() - timedelta(days=3))
    http = client_for(supervisor)
    with django_assert_max_num_queries(12):
        body = read_page(http, reverse("casework:review-queue"), plan.case.client.full_name)
    assert "3" in body


def test_review_queue_is_paged_oldest_first(
    plan, worker, supervisor, client_for, django_assert_max_num_queries
):
    oldest = submit_plan(by=worker, plan=plan)
    Review.objects.filter(pk=oldest.pk).update(requested_at=timezone.now() - timedelta(days=9))
    # Many waiting at once, as in a large centre (rows written directly: a list test).
    Review.objects.bulk_create(
        Review(kind=Review.Kind.TERMINATION, case=plan.case, requested_by=worker)
        for _n in range(30)
    )
    http = client_for(supervisor)
    with django_assert_max_num_queries(12):
        body = http.get(reverse("casework:review-queue")).content.decode()
    assert body.count('class="list-group-item"') == 25
    first = body.split('class="list-group-item"')[1]
    assert reverse("casework:plan-detail", args=[plan.public_id]) in first  # the oldest
    assert "?page=2" in body and ">31<" in body
    last = http.get(reverse("casework:review-queue"), {"page": 2}).content.decode()
    assert last.count('class="list-group-item"') == 6


def test_supervisor_approves_from_the_plan_page_and_it_is_audited(
    plan, worker, supervisor, client_for
):
    review = submit_plan(by=worker, plan=plan)
    response = client_for(supervisor).post(
        reverse("casework:review-decide", args=[review.public_id]),
        {"decision": "approve", "comments": ""},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanVersion.Status.APPROVED
    assert AuditEvent.objects.filter(object_type="casework.review", action="update").exists()


def test_worker_sees_returned_plans_on_the_dashboard(plan, worker, supervisor, client_for):
    decide_review(
        by=supervisor,
        review=submit_plan(by=worker, plan=plan),
        approve=False,
        comments="Perbaiki",
    )
    body = client_for(worker).get(reverse("home")).content.decode()
    assert "Plans returned with comments" in body


def test_upcoming_conference_appears_for_invited_staff(
    case, worker, colleague, supervisor, client_for
):
    conference_for(case, supervisor, worker, scheduled_at=timezone.now() + timedelta(days=2))
    assert "Upcoming conferences" in client_for(worker).get(reverse("home")).content.decode()
    assert "Upcoming conferences" not in client_for(colleague).get(reverse("home")).content.decode()
    assert Conference.objects.count() == 1
