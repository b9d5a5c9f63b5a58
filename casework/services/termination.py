"""Termination requests. Approval (through a supervisor review) closes the case: see
casework/services/reviews.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Case, Review, Termination
from casework.models.stages import Stage
from sentra import audit
from sentra.models import User


@transaction.atomic
def request_termination(*, by: User, case: Case, data: dict, request=None) -> Termination:
    if case.stage != Stage.MONITORING:
        raise ValidationError(_("Termination is requested from the monitoring stage."))
    if case.reviews.filter(kind=Review.Kind.TERMINATION, status=Review.Status.PENDING).exists():
        raise ValidationError(_("A termination request is already awaiting review."))
    review = Review.objects.create(kind=Review.Kind.TERMINATION, case=case, requested_by=by)
    termination = Termination.objects.create(case=case, review=review, requested_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=termination, request=request, fields=["reason"])
    return termination


def has_approved_termination(case: Case) -> bool:
    return case.reviews.filter(kind=Review.Kind.TERMINATION, status=Review.Status.APPROVED).exists()
