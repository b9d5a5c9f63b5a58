"""Aftercare: follow-up contacts scheduled after a case closes, and their outcomes."""

from django.db import transaction
from django.utils import timezone

from casework.models import Case, FollowUp
from sentra import audit
from sentra.models import User


@transaction.atomic
def schedule_follow_up(*, by: User, case: Case, data: dict, request=None) -> FollowUp:
    follow_up = FollowUp.objects.create(case=case, **data)
    audit.record(
        audit.Action.CREATE, by=by, obj=follow_up, request=request, fields=["due_on", "mode"]
    )
    return follow_up


@transaction.atomic
def record_follow_up_outcome(
    *, by: User, follow_up: FollowUp, outcome: str, request=None
) -> FollowUp:
    follow_up.outcome = outcome
    follow_up.done_on = timezone.localdate()
    follow_up.save()
    audit.record(audit.Action.UPDATE, by=by, obj=follow_up, request=request, fields=["outcome"])
    return follow_up
