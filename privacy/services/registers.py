"""The breach register and the centre's retention period."""

from django.db import transaction

from privacy.models import BreachIncident, RetentionPolicy
from sentra import audit
from sentra.models import Centre, User
from sentra.versioning import save_versioned


@transaction.atomic
def record_breach(*, by: User, centre: Centre, data: dict, request=None) -> BreachIncident:
    breach = BreachIncident.objects.create(centre=centre, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=breach, request=request, fields=sorted(data))
    return breach


@transaction.atomic
def update_breach(*, by: User, breach: BreachIncident, fields: list[str], request=None):
    """Save a breach entry already changed by a bound form (notifications, actions)."""
    save_versioned(breach)
    audit.record(audit.Action.UPDATE, by=by, obj=breach, request=request, fields=fields)
    return breach


def retention_policy_of(centre: Centre) -> RetentionPolicy:
    policy, _created = RetentionPolicy.objects.get_or_create(centre=centre)
    return policy


@transaction.atomic
def update_retention(*, by: User, policy: RetentionPolicy, fields: list[str], request=None):
    save_versioned(policy)
    audit.record(
        audit.Action.UPDATE, by=by, obj=policy, request=request, centre=policy.centre, fields=fields
    )
    return policy
