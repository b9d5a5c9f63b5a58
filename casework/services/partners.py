"""The partner directory."""

from django.db import transaction
from django.utils import timezone

from casework.models import Partner
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


@transaction.atomic
def propose_partner(*, by: User, centre, data: dict, request=None) -> Partner:
    """A worker adds an institution during an urgent referral; it waits for an admin."""
    partner = Partner.objects.create(centre=centre, proposed_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=partner, request=request, fields=["name", "kind"])
    return partner


@transaction.atomic
def confirm_partner(*, by: User, partner: Partner, request=None) -> Partner:
    """An admin confirms a proposed institution (confirming twice changes nothing)."""
    updated = Partner.objects.filter(pk=partner.pk, confirmed_at__isnull=True).update(
        confirmed_by=by, confirmed_at=timezone.now()
    )
    partner.refresh_from_db()
    if updated:
        audit.record(
            audit.Action.UPDATE, by=by, obj=partner, request=request, fields=["confirmed_at"]
        )
    return partner
