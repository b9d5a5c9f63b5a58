"""Leave: asked by the case team, decided by a supervisor, out and back at the gate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from residence.models import LeaveRequest, LeaveStatus, Stay
from sentra import audit
from sentra.models import User


def _locked(leave: LeaveRequest) -> LeaveRequest:
    return LeaveRequest.objects.select_for_update().select_related("stay").get(pk=leave.pk)


@transaction.atomic
def request_leave(*, by: User, stay: Stay, data: dict, request=None) -> LeaveRequest:
    if not stay.is_current:
        raise ValidationError(_("This resident has moved out."))
    leave = LeaveRequest.objects.create(stay=stay, requested_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=leave, request=request, fields=list(data))
    return leave


@transaction.atomic
def decide_leave(
    *, by: User, leave: LeaveRequest, approve: bool, note: str = "", request=None
) -> LeaveRequest:
    """Approve or refuse a request still awaiting a decision (a second tap changes
    nothing)."""
    leave = _locked(leave)
    if leave.status != LeaveStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
    leave.decided_by, leave.decided_at, leave.decision_note = by, timezone.now(), note
    leave.save()
    audit.record(audit.Action.UPDATE, by=by, obj=leave, request=request, fields=["status"])
    return leave


@transaction.atomic
def cancel_leave(*, by: User, leave: LeaveRequest, request=None) -> LeaveRequest:
    leave = _locked(leave)
    if leave.departed_at is not None or leave.status not in (
        LeaveStatus.REQUESTED,
        LeaveStatus.APPROVED,
    ):
        raise ValidationError(_("Only leave the resident has not started can be cancelled."))
    leave.status, leave.decided_at = LeaveStatus.CANCELLED, leave.decided_at or timezone.now()
    leave.save()
    audit.record(audit.Action.UPDATE, by=by, obj=leave, request=request, fields=["status"])
    return leave


@transaction.atomic
def record_departure(*, by: User, leave: LeaveRequest, at=None, request=None) -> LeaveRequest:
    leave = _locked(leave)
    if leave.status != LeaveStatus.APPROVED:
        raise ValidationError(_("Only approved leave can start."))
    if leave.departed_at is not None:
        raise ValidationError(_("The departure is already recorded."))
    leave.departed_at = at or timezone.now()
    leave.save()
    audit.record(audit.Action.UPDATE, by=by, obj=leave, request=request, fields=["departed_at"])
    return leave


@transaction.atomic
def record_return(
    *, by: User, leave: LeaveRequest, at=None, note: str = "", request=None
) -> LeaveRequest:
    """The resident is back; coming back after `due_back_at` shows as a late return."""
    leave = _locked(leave)
    if not leave.is_out:
        raise ValidationError(_("This resident is not out on this leave."))
    at = at or timezone.now()
    if at < leave.departed_at:
        raise ValidationError(_("The return cannot be before the departure."))
    leave.returned_at, leave.return_note = at, note
    leave.save()
    audit.record(audit.Action.UPDATE, by=by, obj=leave, request=request, fields=["returned_at"])
    return leave
