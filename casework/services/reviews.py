"""Supervisor reviews: one mechanism for every approval, and what each decision does."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Review
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from casework.services.plans import approve_plan_version, return_plan_version
from sentra import access, audit
from sentra.models import User
from sentra.scopes import Role


class ReviewRefused(ValidationError):
    pass


# --- What a decision does, by kind of review ---------------------------------------------------


def _close_case(review: Review, *, by: User, conference=None, request=None) -> None:
    """An approved termination closes the case (the stage rules still apply)."""
    move_case_to_stage(
        by=by,
        case=review.case,
        to_stage=Stage.TERMINATION,
        reason=review.termination.get_reason_display(),  # type: ignore[attr-defined]
        request=request,
    )


def _approve_plan(review: Review, *, by: User, conference=None, request=None) -> None:
    if review.plan is not None:
        approve_plan_version(review.plan, conference=conference)


def _return_plan(review: Review, *, by: User, conference=None, request=None) -> None:
    if review.plan is not None:
        return_plan_version(review.plan)


def _keep_on_record(review: Review, *, by: User, conference=None, request=None) -> None:
    """A returned termination request stays on record; the case stays where it is."""


ON_APPROVAL = {
    Review.Kind.PLAN: _approve_plan,  # frozen; the version approved before it is superseded
    Review.Kind.TERMINATION: _close_case,  # the case moves to termination (closed)
}
ON_RETURN = {
    Review.Kind.PLAN: _return_plan,  # back to its author, editable again
    Review.Kind.TERMINATION: _keep_on_record,
}


# --- Deciding ----------------------------------------------------------------------------------


def _check_reviewer(by: User, review: Review) -> bool:
    """Whether `by` may decide; returns True when this is a recorded self-approval."""
    access.require(access.can_decide_review(by, review))
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
    """Approve or return what is under review, then do what ON_APPROVAL / ON_RETURN say for
    its kind. A conference decides through its finalised minutes (`conference`)."""
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
    # A conference's decision carries the meeting's date, not the time the minutes were typed.
    decided_at = conference.scheduled_at if conference is not None else timezone.now()
    review.decided_by, review.decided_at, review.comments = by, decided_at, comments
    review.save()
    consequence = (ON_APPROVAL if approve else ON_RETURN)[Review.Kind(review.kind)]
    consequence(review, by=by, conference=conference, request=request)
    audit.record(audit.Action.UPDATE, by=by, obj=review, request=request, fields=["status"])
    return review
