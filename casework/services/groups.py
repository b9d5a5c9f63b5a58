"""Group work: groups, and sessions whose attendance books a service for each member."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Group, GroupSession, ServiceRecord
from sentra import audit
from sentra.models import User


@transaction.atomic
def save_group(*, by: User, group: Group, members, fields: list[str], request=None) -> Group:
    creating = group.pk is None
    group.save()
    group.members.set(members)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=group,
        request=request,
        fields=fields,
    )
    return group


@transaction.atomic
def record_group_session(
    *, by: User, group: Group, data: dict, present, request=None
) -> GroupSession:
    """One action for the facilitator: the session, its attendance, and a service record
    on the case of every member who attended."""
    members = set(group.members.values_list("pk", flat=True))
    strangers = [case for case in present if case.pk not in members]
    if strangers:
        raise ValidationError(_("Only members of the group can be marked present."))
    session = GroupSession.objects.create(
        group=group, recorded_by=by, attendance_recorded_at=timezone.now(), **data
    )
    session.attendees.set(present)
    for case in present:
        ServiceRecord.objects.get_or_create(
            group_session=session,
            case=case,
            defaults={
                "service_type": group.service_type,
                "delivered_on": session.held_on,
                "provider_staff": group.facilitator,
                "recorded_by": by,
                "description": session.topic,
            },
        )
    audit.record(audit.Action.CREATE, by=by, obj=session, request=request, fields=["attendees"])
    return session
