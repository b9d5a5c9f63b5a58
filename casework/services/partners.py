"""The partner directory."""

from django.db import transaction

from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@transaction.atomic
def save_partner(*, by: User, partner, request=None):
    creating = partner.pk is None
    save_versioned(partner)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=partner,
        request=request,
        fields=["name", "kind"],
    )
    return partner
