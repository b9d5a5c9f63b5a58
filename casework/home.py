"""What each role's home page shows: a social worker's caseload and due work, a supervisor's
team, an admin's centre figures. Every list here costs a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from casework.models import (
    Case,
    CaseNote,
    Conference,
    FollowUp,
    Partner,
    PlanVersion,
    Review,
    Task,
)
from casework.models.stages import OPEN_STAGES, Stage, short_label
from casework.services.cases import quiet_cases
from clients.models import Client
from sentra.models import User
from sentra.scopes import Role, in_centre

CASE_RELATIONS = ("client", "primary_worker")


def worker_home(user) -> dict:
    today = timezone.localdate()
    # The user's own cases: `worked_by` is the whole rule for a worker's cases (and
    # narrower than visibility for anyone else); one visibility subquery, not two.
    mine = Case.objects.filter(in_centre(user)).worked_by(user, open_only=True).open()
    caseload = list(mine.select_related(*CASE_RELATIONS).order_by("stage_entered_at"))
    # The quiet ones among these few dozen, by their ids: a filter the planner cannot see
    # through would test every open case of the centre for its last note.
    quiet = quiet_cases(Case.objects.filter(pk__in=[case.pk for case in caseload]))
    by_stage = [
        (Stage(stage).label, [c for c in caseload if c.stage == stage]) for stage in OPEN_STAGES
    ]
    tasks = (
        Task.objects.pending()
        .filter(assignee=user, due_date__lte=today)
        .select_related("case", "case__client")
    )
    return {
        "caseload_by_stage": [(label, cases) for label, cases in by_stage if cases],
        "caseload_count": len(caseload),
        "emergencies": [c for c in caseload if c.emergency_awaiting_response],
        "tasks_due": list(tasks.order_by("due_date")[:30]),
        "quiet_cases": list(quiet.select_related(*CASE_RELATIONS).order_by("opened_at")[:20]),
        "recent_notes": list(
            CaseNote.objects.filter(author=user)
            .select_related("case", "case__client")
            .order_by("-recorded_at")[:8]
        ),
        "today": today,
        "upcoming_conferences": _upcoming_conferences(user),
        "follow_ups_due": list(
            FollowUp.objects.filter(
                assignee=user, done_on__isnull=True, due_on__lte=today + timedelta(days=7)
            )
            .select_related("case", "case__client")
            .order_by("due_on")
        ),
        "returned_plans": list(
            PlanVersion.objects.filter(
                case__in=mine, status=PlanVersion.Status.RETURNED
            ).select_related("case", "case__client")
        ),
    }


def _upcoming_conferences(user) -> list:
    """Conferences to come that the user is invited to (supervisors: all of the centre)."""
    conferences = Conference.objects.visible_to(user).filter(scheduled_at__gte=timezone.now())
    if not (user.is_superuser or user.role == Role.SUPERVISOR):
        conferences = conferences.filter(attendees__staff=user)
    return list(conferences.order_by("scheduled_at")[:5])


def supervisor_home(user) -> dict:
    centre = user.centre
    cases = Case.objects.visible_to(user).open()
    counts = cases.values("primary_worker", "stage").annotate(n=Count("id")).order_by()
    workers = list(
        User.objects.filter(centre=centre, role__in=[Role.SOCIAL_WORKER, Role.SUPERVISOR])
        # Former staff still holding open cases: a semi-join on the centre's open cases,
        # not a join of every worker with every case they ever had.
        .filter(Q(is_active=True) | Q(pk__in=cases.values("primary_worker_id")))
        .order_by("full_name")
    )
    grid = {(row["primary_worker"], row["stage"]): row["n"] for row in counts}
    team = [
        {
            "worker": worker,
            # (stage label, count): a phone shows each cell labelled by its column.
            "cells": [
                (short_label(stage), grid.get((worker.pk, stage), 0)) for stage in OPEN_STAGES
            ],
            "total": sum(grid.get((worker.pk, stage), 0) for stage in OPEN_STAGES),
        }
        for worker in workers
    ]
    stuck_before = timezone.now() - timedelta(days=centre.stuck_case_days if centre else 30)
    return {
        # Seven columns on a phone: short heads, the official name as their title.
        "stages": [(Stage(s).label, short_label(s)) for s in OPEN_STAGES],
        "team": [row for row in team if row["total"] or row["worker"].is_active],
        "emergencies": list(
            cases.emergencies_awaiting_response()
            .select_related(*CASE_RELATIONS)
            .order_by("response_due_at")
        ),
        "stuck_cases": list(
            cases.filter(stage_entered_at__lt=stuck_before)
            .select_related(*CASE_RELATIONS)
            .order_by("stage_entered_at")[:30]
        ),
        "stuck_days": centre.stuck_case_days if centre else 30,
        "upcoming_conferences": _upcoming_conferences(user),
        "pending_reviews": Review.objects.filter(
            case__in=cases, status=Review.Status.PENDING
        ).count(),
        "overdue_tasks": list(
            Task.objects.visible_to(user)
            .overdue()
            .select_related("case", "assignee")
            .order_by("due_date")[:30]
        ),
    }


def admin_home(user) -> dict:
    cases = Case.objects.visible_to(user)
    by_stage = dict(cases.values_list("stage").annotate(n=Count("id")).order_by())
    clients = Client.objects.in_registry_of(user)
    return {
        "clients_active": clients.filter(status=Client.Status.ACTIVE).count(),
        "clients_archived": clients.filter(status=Client.Status.ARCHIVED).count(),
        "cases_by_stage": [(Stage(s).label, by_stage.get(s, 0)) for s in Stage.values],
        "cases_by_stage_max": max(by_stage.values(), default=0),
        "open_emergencies": cases.emergencies_awaiting_response().count(),
        "partners_to_confirm": Partner.objects.visible_to(user).awaiting_confirmation().count(),
    }


def home_for(user) -> tuple[str, dict]:
    if user.is_superuser or user.role == Role.ADMIN:
        return "admin", admin_home(user)
    if user.role == Role.SUPERVISOR:
        return "supervisor", supervisor_home(user)
    return "worker", worker_home(user)
