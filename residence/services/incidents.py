"""Incidents: reported at once, told up the line within the centre's deadlines, followed
up, closed by a supervisor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from residence.models import Incident, IncidentFollowUp
from sentra import audit
from sentra.models import Centre, User
from sentra.scopes import Role


@transaction.atomic
def report_incident(
    *, by: User, centre: Centre, data: dict, residents, staff, request=None
) -> Incident:
    """Record an incident. A supervisor who reports it has, by doing so, been told."""
    incident = Incident.objects.create(centre=centre, reported_by=by, **data)
    incident.residents.set(residents)
    incident.staff_involved.set(staff)
    if by.role == Role.SUPERVISOR and not by.is_superuser:
        incident.supervisor_notified, incident.supervisor_notified_at = by, incident.reported_at
        incident.save()
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=incident,
        request=request,
        fields=[*data, "residents", "staff_involved"],
    )
    return incident


@transaction.atomic
def record_notice(*, by: User, incident: Incident, to: str, at=None, request=None) -> Incident:
    """The supervisor (`to="supervisor"`, who is `by` when a supervisor confirms it) or the
    head of centre (`to="head"`) has been told."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    at = at or timezone.now()
    if to == "supervisor" and incident.supervisor_notified_at is None:
        incident.supervisor_notified_at = at
        incident.supervisor_notified = by if by.role == Role.SUPERVISOR else None
    elif to == "head" and incident.head_notified_at is None:
        incident.head_notified_at = at
    else:
        return incident
    incident.save()
    field = f"{to}_notified_at"
    audit.record(audit.Action.UPDATE, by=by, obj=incident, request=request, fields=[field])
    return incident


@transaction.atomic
def add_incident_follow_up(
    *, by: User, incident: Incident, data: dict, request=None
) -> IncidentFollowUp:
    if incident.status != Incident.Status.OPEN:
        raise ValidationError(_("The incident is closed."))
    follow_up = IncidentFollowUp.objects.create(incident=incident, created_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=follow_up, request=request, fields=list(data))
    return follow_up


@transaction.atomic
def complete_incident_follow_up(
    *, by: User, follow_up: IncidentFollowUp, request=None
) -> IncidentFollowUp:
    if follow_up.done_on is None:
        follow_up.done_on = timezone.localdate()
        follow_up.save()
        audit.record(audit.Action.UPDATE, by=by, obj=follow_up, request=request, fields=["done_on"])
    return follow_up


@transaction.atomic
def close_incident(*, by: User, incident: Incident, note: str, request=None) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status == Incident.Status.CLOSED:
        raise ValidationError(_("The incident is already closed."))
    if incident.follow_ups.filter(done_on__isnull=True).exists():
        raise ValidationError(_("Finish or reassign the open follow-up actions first."))
    if incident.needs_head_notice and incident.head_notified_at is None:
        raise ValidationError(_("Record that the head of centre was told first."))
    incident.status, incident.closed_at, incident.closed_by = (
        Incident.Status.CLOSED,
        timezone.now(),
        by,
    )
    incident.closure_note = note
    incident.save()
    audit.record(audit.Action.UPDATE, by=by, obj=incident, request=request, fields=["status"])
    return incident
