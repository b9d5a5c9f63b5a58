"""The visitor log and visit restrictions, checked at the gate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from residence.models import Stay, Visit, VisitRestriction
from sentra import audit
from sentra.models import User


class VisitBarred(ValidationError):
    """The visitor may not see the resident: `restriction` says why."""

    def __init__(self, restriction: VisitRestriction):
        super().__init__(
            _("Visit not allowed: %(reason)s") % {"reason": restriction.reason},
            code="barred",
        )
        self.restriction = restriction


def barring_restriction(stay: Stay, visitor_name: str) -> VisitRestriction | None:
    for restriction in stay.visit_restrictions.in_force():  # type: ignore[attr-defined]
        if restriction.bars(visitor_name):
            return restriction
    return None


@transaction.atomic
def record_visit(*, by: User, stay: Stay, data: dict, request=None) -> Visit:
    """Log a visit, unless a restriction in force bars this visitor."""
    if not stay.is_current:
        raise ValidationError(_("This resident has moved out."))
    restriction = barring_restriction(stay, data["visitor_name"])
    if restriction is not None:
        raise VisitBarred(restriction)
    visit = Visit.objects.create(stay=stay, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=visit, request=request, fields=list(data))
    return visit


@transaction.atomic
def record_visit_end(*, by: User, visit: Visit, request=None) -> Visit:
    if visit.left_at is None:
        visit.left_at = max(timezone.now(), visit.arrived_at)
        visit.save()
        audit.record(audit.Action.UPDATE, by=by, obj=visit, request=request, fields=["left_at"])
    return visit


@transaction.atomic
def restrict_visits(*, by: User, stay: Stay, data: dict, request=None) -> VisitRestriction:
    restriction = VisitRestriction.objects.create(stay=stay, created_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=restriction, request=request, fields=list(data))
    return restriction


@transaction.atomic
def lift_restriction(*, by: User, restriction: VisitRestriction, request=None) -> VisitRestriction:
    if restriction.lifted_on is None:
        restriction.lifted_on, restriction.lifted_by = timezone.localdate(), by
        restriction.save()
        audit.record(
            audit.Action.UPDATE, by=by, obj=restriction, request=request, fields=["lifted_on"]
        )
    return restriction
