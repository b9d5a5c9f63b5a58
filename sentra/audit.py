"""The audit trail: who did what to which record, from where.

Call `record` inside the same `transaction.atomic` block as the change it describes, so
the change and its audit row commit or roll back together.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import models

from sentra.models import AuditEvent, User

Action = AuditEvent.Action


def client_ip(request) -> str | None:
    if request is None:
        return None
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our own reverse proxy the last hop it appended is the one we can trust.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _label(obj: models.Model) -> str:
    # Records choose a label that identifies them without personal data (a registration
    # number, a username); the default is the record type and its id.
    label = getattr(obj, "audit_label", None)
    return str(label if label is not None else f"{obj._meta.model_name} {obj.pk}")[:100]


def record(
    action: str,
    *,
    by: User | None,
    obj: models.Model | None = None,
    request=None,
    centre=None,
    fields: Iterable[str] = (),
    username: str = "",
) -> AuditEvent:
    """Write one audit row. `fields` are names of changed fields, never their values."""
    if centre is None and obj is not None:
        centre = getattr(obj, "centre", None)
    if centre is None and by is not None:
        centre = by.centre
    actor = by if by is not None and by.pk else None
    return AuditEvent.objects.create(
        actor=actor,
        username=(username or (by.username if by is not None else ""))[:150],
        centre=centre,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(getattr(obj, "public_id", None) or (obj.pk if obj is not None else "")),
        object_label=_label(obj) if obj is not None else "",
        fields=sorted(fields),
        ip_address=client_ip(request),
    )


def record_view(request, obj: models.Model) -> AuditEvent | None:
    """Every look at a client's or case's file is accountable. A look is a GET: a POST to
    the same page writes its own audit row for what it changed."""
    if request.method not in ("GET", "HEAD"):
        return None
    return record(Action.VIEW, by=request.user, obj=obj, request=request)


def changed_fields(form) -> list[str]:
    """The names of the fields a bound, valid form changed."""
    return sorted(form.changed_data)
