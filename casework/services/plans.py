"""Service plans and the supervisor reviews that approve or return them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, PlanGoal, PlanVersion, Review
from sentra import audit
from sentra.models import Role, User


class ReviewRefused(ValidationError):
    pass


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
        approach=previous.approach if previous else case.approach,
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
def save_plan(*, by: User, plan: PlanVersion, fields: list[str], request=None) -> PlanVersion:
    if not plan.is_editable:
        raise ValidationError(_("This version is frozen; start a revision instead."))
    plan.save()
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


def _check_reviewer(by: User, review: Review) -> bool:
    """Whether `by` may decide; returns True when this is a recorded self-approval."""
    in_centre = by.centre_id == review.case.centre_id
    if not (by.is_superuser or (by.role == Role.SUPERVISOR and in_centre)):
        raise PermissionDenied
    if review.requested_by_id != by.pk:
        return False
    others = User.objects.filter(
        centre=review.case.centre, role=Role.SUPERVISOR, is_active=True
    ).exclude(pk=by.pk)
    if others.exists():
        raise ReviewRefused(
            _("You submitted this yourself: another supervisor of the centre must review it.")
        )
    return True


@transaction.atomic
def decide_review(
    *, by: User, review: Review, approve: bool, comments: str = "", conference=None, request=None
) -> Review:
    """Approve or return what is under review. Approving a plan freezes it and supersedes
    the version approved before it."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("case", "plan")
        .get(pk=review.pk)
    )
    if review.status != Review.Status.PENDING:
        raise ReviewRefused(_("This has already been decided."))
    if conference is None:
        review.self_approved = _check_reviewer(by, review)
    if not approve and not comments.strip():
        raise ReviewRefused(_("Write what needs to change before returning it."))
    review.status = Review.Status.APPROVED if approve else Review.Status.RETURNED
    review.decided_by, review.decided_at, review.comments = by, timezone.now(), comments
    review.save()
    if review.kind == Review.Kind.PLAN and review.plan is not None:
        _apply_plan_decision(review.plan, approve, conference)
    for handler in REVIEW_DECISION_HANDLERS.get(review.kind, []):
        handler(review, by=by, approve=approve, request=request)
    audit.record(audit.Action.UPDATE, by=by, obj=review, request=request, fields=["status"])
    return review


# Later features react to decisions on their own kinds of review (e.g. termination).
REVIEW_DECISION_HANDLERS: dict[str, list] = {}


def _apply_plan_decision(plan: PlanVersion, approve: bool, conference) -> None:
    if approve:
        plan.case.plans.filter(status=PlanVersion.Status.APPROVED).update(
            status=PlanVersion.Status.SUPERSEDED
        )
        plan.status = PlanVersion.Status.APPROVED
        plan.approved_at = timezone.now()
        plan.approved_via_conference = conference
    else:
        plan.status = PlanVersion.Status.RETURNED
    plan.save()


def approve_plan_at_conference(*, by: User, case: Case, conference, request=None):
    """The decision 'approve plan' of a finalised conference approves the plan version
    under review (a draft is submitted on the spot)."""
    plan = (
        case.plans.filter(status__in=[*PlanVersion.EDITABLE, PlanVersion.Status.SUBMITTED])
        .order_by("-number")
        .first()
    )
    if plan is None:
        return None
    if plan.status != PlanVersion.Status.SUBMITTED:
        submit_plan(by=by, plan=plan, request=request)
    review = plan.reviews.get(status=Review.Status.PENDING)
    return decide_review(
        by=by,
        review=review,
        approve=True,
        conference=conference,
        comments=_("Approved at the case conference."),
        request=request,
    )


def return_plan_at_conference(*, by: User, case: Case, conference, comments: str, request=None):
    plan = case.plans.filter(status=PlanVersion.Status.SUBMITTED).first()
    if plan is None:
        return None
    review = plan.reviews.get(status=Review.Status.PENDING)
    return decide_review(
        by=by,
        review=review,
        approve=False,
        conference=conference,
        comments=comments or _("Revise as agreed at the case conference."),
        request=request,
    )


def plan_changes(old: PlanVersion | None, new: PlanVersion) -> list[dict]:
    """What changed between two versions, goal by goal (matched by position)."""
    if old is None:
        return []
    changes = []
    for field in ("approach", "summary"):
        if getattr(old, field) != getattr(new, field):
            changes.append(
                {
                    "where": _verbose_name(PlanVersion, field),
                    "old": getattr(old, field),
                    "new": getattr(new, field),
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
    """An approved version agreed at a finalised conference, or approved by a supervisor
    after the case was discussed at one."""
    plan = case.plans.filter(status=PlanVersion.Status.APPROVED).first()
    if plan is None:
        return False
    if plan.approved_via_conference_id:
        return True
    return case.conferences.filter(status="final", finalised_at__lte=plan.approved_at).exists()
