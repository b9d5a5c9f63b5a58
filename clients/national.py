"""Services for the national data on a client: register and health cover, and the log of
social assistance received."""

from django.db import transaction

from clients.models import AssistanceReceived, Client
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@transaction.atomic
def save_national_data(*, by: User, client: Client, fields: list[str], request=None) -> Client:
    """Save a client whose national data a bound form changed."""
    client._change_reason = "national data"  # type: ignore[attr-defined]  # simple-history
    save_versioned(client)
    audit.record(audit.Action.UPDATE, by=by, obj=client, request=request, fields=fields)
    return client


@transaction.atomic
def save_assistance(
    *, by: User, assistance: AssistanceReceived, fields: list[str], request=None
) -> AssistanceReceived:
    creating = assistance.pk is None
    if creating:
        assistance.recorded_by = by
    save_versioned(assistance)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=assistance,
        request=request,
        fields=fields,
    )
    return assistance


@transaction.atomic
def archive_assistance(
    *, by: User, assistance: AssistanceReceived, request=None
) -> AssistanceReceived:
    assistance.is_archived = True
    assistance.save()
    audit.record(audit.Action.ARCHIVE, by=by, obj=assistance, request=request)
    return assistance
