"""The centre's own kinds of activity (the shipped ones come from activities/reference.py)."""

from django.db import transaction

from activities.models import ActivityKind
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@transaction.atomic
def save_activity_kind(*, by: User, kind: ActivityKind, fields: list[str], request=None):
    creating = kind.pk is None
    save_versioned(kind)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=kind,
        request=request,
        fields=fields,
    )
    return kind
