"""Leave: the list for the gate and the supervisor, asking, deciding, out and back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from residence.forms.leave import LeaveDecisionForm, LeaveMomentForm, LeaveRequestForm
from residence.models import LeaveRequest, LeaveStatus
from residence.services.leave import (
    cancel_leave,
    decide_leave,
    record_departure,
    record_return,
    request_leave,
)
from sentra import access

LIST_LIMIT = 50


@require_GET
def leave_list(request):
    leave = LeaveRequest.objects.visible_to(request.user).select_related(
        "stay__client", "stay__bed__room__building", "requested_by"
    )
    now = timezone.now()
    return render(
        request,
        "residence/leave_list.html",
        {
            "awaiting": list(
                leave.awaiting_decision()
                .filter(stay__moved_out_on__isnull=True)
                .order_by("leaves_at")[:LIST_LIMIT]
            ),
            "out": list(leave.out().order_by("due_back_at")[:LIST_LIMIT]),
            "upcoming": list(
                leave.filter(status=LeaveStatus.APPROVED, departed_at__isnull=True)
                .filter(stay__moved_out_on__isnull=True)
                .order_by("leaves_at")[:LIST_LIMIT]
            ),
            "back": list(leave.filter(returned_at__isnull=False).order_by("-returned_at")[:20]),
            "now": now,
            "can_decide": access.can_supervise(request.user),
            "works_here": access.can_work_in_residence(request.user),
            "decision_form": LeaveDecisionForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def leave_request(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, stay))
    form = LeaveRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_leave(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Leave requested: it now awaits the supervisor."))
            return redirect("residence:stay", public_id=stay.public_id)
    return render(
        request,
        "residence/stay_form.html",
        {"stay": stay, "form": form, "title": _("Ask for leave")},
    )


def _back(request, leave):
    """Back to where the button was pressed: the leave list or the resident's page."""
    if request.POST.get("next") == "stay":
        return redirect("residence:stay", public_id=leave.stay.public_id)
    return redirect("residence:leave-list")


@require_POST
def leave_decide(request, public_id):
    leave = access.get_leave_for_user(request.user, public_id)
    access.require(access.can_decide_leave(request.user, leave))
    form = LeaveDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decide_leave(
                by=request.user,
                leave=leave,
                approve=approve,
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            name = leave.stay.client.full_name
            if approve:
                messages.success(request, _("Leave of %(name)s approved.") % {"name": name})
            else:
                messages.info(request, _("Leave of %(name)s refused.") % {"name": name})
    return _back(request, leave)


@require_POST
def leave_depart(request, public_id):
    leave = access.get_leave_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user))
    form = LeaveMomentForm(request.POST)
    if form.is_valid():
        try:
            record_departure(
                by=request.user, leave=leave, at=form.cleaned_data["at"], request=request
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("%(name)s has left.") % {"name": leave.stay.client.full_name}
            )
    else:
        messages.error(request, _("Check the time."))
    return _back(request, leave)


@require_POST
def leave_return(request, public_id):
    leave = access.get_leave_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user))
    form = LeaveMomentForm(request.POST)
    if form.is_valid():
        try:
            leave = record_return(
                by=request.user,
                leave=leave,
                at=form.cleaned_data["at"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            name = leave.stay.client.full_name
            if leave.returned_late:
                messages.warning(
                    request,
                    _("%(name)s is back, %(hours)s hour(s) late.")
                    % {"name": name, "hours": leave.hours_late},
                )
            else:
                messages.success(request, _("%(name)s is back.") % {"name": name})
    else:
        messages.error(request, _("Check the time."))
    return _back(request, leave)


@require_POST
def leave_cancel(request, public_id):
    leave = access.get_leave_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, leave.stay))
    try:
        cancel_leave(by=request.user, leave=leave, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.info(request, _("Leave cancelled."))
    return _back(request, leave)
