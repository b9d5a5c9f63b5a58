"""What residence records share: who works in residence, and the two visibility rules.

Residential logistics — who sleeps in which bed, who is out on leave, who ran away, who
came to visit — are the business of everyone on duty in the centre, so those records are
visible to the whole centre's staff. Health entries and incidents are confidential like
case notes: the case team, supervisors and health staff, never admins or colleagues.
"""

from datetime import UTC, date, datetime

from django.db import models
from django.db.models import Q

from casework.models import Case
from sentra.scopes import Role, has_role, in_centre

# The staff who work with the residents day and night (duty, roll call, visits, leave).
RESIDENTIAL_ROLES = (Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.HEALTH_STAFF)

# The earliest date a residence record may carry: older dates are typing mistakes.
EARLIEST = date(2000, 1, 1)
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


def works_in_residence(user) -> bool:
    return has_role(user, *RESIDENTIAL_ROLES)


class CentreQuerySet(models.QuerySet):
    """Records every member of the centre's staff may see. `centre_lookup` leads from the
    record to its centre."""

    centre_lookup = "centre"

    def visible_to(self, user):
        return self.filter(in_centre(user, self.centre_lookup))


class StayRecordQuerySet(CentreQuerySet):
    """Logistics records of a resident's stay (leave, visits, absconding): the centre's."""

    centre_lookup = "stay__centre"


class HealthQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Health entries of the centre's residents: supervisors and health staff see all
        of them, a social worker those of the cases they work; nobody else (admins,
        colleagues) sees any."""
        rows = self.filter(in_centre(user, "stay__centre"))
        if has_role(user, Role.SUPERVISOR, Role.HEALTH_STAFF):
            return rows
        if has_role(user, Role.SOCIAL_WORKER):
            return rows.filter(stay__case__in=Case.objects.worked_by(user))
        return rows.none()


def between(field: str, low, high) -> Q:
    """A CheckConstraint condition: `field` is empty or within [low, high]."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})
