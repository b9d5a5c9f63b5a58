"""Monitoring reviews: progress on each goal, and a decision that may send the case back
to planning."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Case, GoalProgress, MonitoringReview
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from sentra import audit
from sentra.models import User


@transaction.atomic
def record_monitoring_review(
    *, by: User, case: Case, data: dict, progress: dict, request=None
) -> MonitoringReview:
    """`progress` maps plan goals to (status, notes). 'Revise the plan' moves the case
    back to planning."""
    if case.stage != Stage.MONITORING:
        raise ValidationError(_("Monitoring reviews are recorded in the monitoring stage."))
    review = MonitoringReview.objects.create(case=case, reviewed_by=by, **data)
    for goal, (status, notes) in progress.items():
        GoalProgress.objects.create(review=review, goal=goal, status=status, notes=notes)
    audit.record(audit.Action.CREATE, by=by, obj=review, request=request, fields=["decision"])
    if review.decision == MonitoringReview.Decision.REVISE_PLAN:
        move_case_to_stage(
            by=by,
            case=case,
            to_stage=Stage.PLANNING,
            reason=_("Monitoring review: revise the plan"),
            request=request,
        )
    return review
