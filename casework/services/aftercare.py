"""Aftercare: follow-up contacts scheduled after a case closes, and their outcomes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    """Record what came of the contact, once: a second outcome never overwrites the first."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise ValidationError(_("The outcome of this contact is already recorded."))
    follow_up.outcome = outcome
    follow_up.done_on = timezone.localdate()
    follow_up.save()
    audit.record(audit.Action.UPDATE, by=by, obj=follow_up, request=request, fields=["outcome"])
    return follow_up
