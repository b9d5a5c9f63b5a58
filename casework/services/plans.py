"""Service plans in versions: drafting, submitting for review, and what approval does."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, PlanGoal, PlanVersion, Review
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


def latest_plan(case: Case) -> PlanVersion | None:
    return case.plans.order_by("-number").first()


@transaction.atomic
def start_plan_version(*, by: User, case: Case, request=None) -> PlanVersion:
    """A new draft version, starting from the latest version's goals when there is one."""
    if case.plans.filter(
        status__in=PlanVersion.EDITABLE + (PlanVersion.Status.SUBMITTED,)
    ).exists():
        raise ValidationError(_("This case already has a plan version in progress."))
    previous = latest_plan(case)
    number = (case.plans.aggregate(n=Max("number"))["n"] or 0) + 1
    plan = PlanVersion.objects.create(
        case=case,
        number=number,
        created_by=by,
        based_on=previous,
        approaches=list(previous.approaches if previous else case.approaches),
        summary=previous.summary if previous else "",
    )
    if previous:
        for goal in previous.goals.all():
            goal.pk = None
            goal.plan = plan
            goal.save()
    audit.record(audit.Action.CREATE, by=by, obj=plan, request=request)
    return plan


@transaction.atomic
def save_plan(
    *, by: User, plan: PlanVersion, goals=(), fields: list[str], request=None
) -> PlanVersion:
    """Save a draft plan and its goals (`goals`: PlanGoal rows changed or added by the
    form). Goals are edited, never deleted: dropping one takes a new version."""
    if not plan.is_editable:
        raise ValidationError(_("This version is frozen; start a revision instead."))
    # The plan's version guards the whole page: any save of it bumps the plan.
    save_versioned(plan)
    for number, goal in enumerate(goals, start=1):
        goal.plan = plan
        goal.order = goal.order or number
        save_versioned(goal)
    audit.record(audit.Action.UPDATE, by=by, obj=plan, request=request, fields=fields)
    return plan


@transaction.atomic
def submit_plan(*, by: User, plan: PlanVersion, request=None) -> Review:
    plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise ValidationError(_("Only a draft or returned plan can be submitted."))
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before submitting the plan."))
    plan.status = PlanVersion.Status.SUBMITTED
    plan.submitted_by = by
    plan.submitted_at = timezone.now()
    plan.save()
    review = Review.objects.create(
        kind=Review.Kind.PLAN, case=plan.case, plan=plan, requested_by=by
    )
    audit.record(audit.Action.UPDATE, by=by, obj=plan, request=request, fields=["status"])
    return review


def approve_plan_version(plan: PlanVersion, *, conference=None) -> None:
    """Freeze `plan` as the approved version; the version approved before it is superseded."""
    plan.case.plans.filter(status=PlanVersion.Status.APPROVED).update(
        status=PlanVersion.Status.SUPERSEDED
    )
    plan.status = PlanVersion.Status.APPROVED
    plan.approved_at = conference.scheduled_at if conference is not None else timezone.now()
    plan.approved_via_conference = conference
    plan.save()


def return_plan_version(plan: PlanVersion) -> None:
    plan.status = PlanVersion.Status.RETURNED
    plan.save()


def plan_changes(old: PlanVersion | None, new: PlanVersion) -> list[dict]:
    """What changed between two versions, goal by goal (matched by position)."""
    if old is None:
        return []
    changes = []
    if old.approaches != new.approaches:
        changes.append(
            {
                "where": _verbose_name(PlanVersion, "approaches"),
                "old": old.get_approaches_display(),
                "new": new.get_approaches_display(),
            }
        )
    if old.summary != new.summary:
        changes.append(
            {
                "where": _verbose_name(PlanVersion, "summary"),
                "old": old.summary,
                "new": new.summary,
            }
        )
    old_goals, new_goals = list(old.goals.all()), list(new.goals.all())
    for index in range(max(len(old_goals), len(new_goals))):
        before = old_goals[index] if index < len(old_goals) else None
        after = new_goals[index] if index < len(new_goals) else None
        label = _("Goal %(n)s") % {"n": index + 1}
        if before is None or after is None:
            changes.append(
                {
                    "where": label,
                    "old": before.goal if before else "",
                    "new": after.goal if after else "",
                }
            )
            continue
        for field in PlanGoal.COMPARED:
            if getattr(before, field) != getattr(after, field):
                name = _verbose_name(PlanGoal, field.removesuffix("_id"))
                changes.append(
                    {
                        "where": f"{label}: {name}",
                        "old": getattr(before, field),
                        "new": getattr(after, field),
                    }
                )
    return changes


def _verbose_name(model, field: str) -> str:
    return str(getattr(model._meta.get_field(field), "verbose_name", field))


def has_approved_plan(case: Case) -> bool:
    """The approved version was agreed at a finalised case conference: approved there, or
    approved by a supervisor in review and endorsed by the conference, whichever came
    first (see casework.services.conferences.agree_plan_at_conference)."""
    plan = case.plans.filter(status=PlanVersion.Status.APPROVED).first()
    if plan is None:
        return False
    return plan.conference_items.filter(conference__status="final").exists()
