"""Incidents: the list, reporting one, its page with notices and follow-up, closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from residence.forms.incidents import CloseIncidentForm, FollowUpForm, IncidentForm, NoticeForm
from residence.models import Incident, Routine, Stay
from residence.services.incidents import (
    add_incident_follow_up,
    close_incident,
    complete_incident_follow_up,
    record_notice,
    report_incident,
)
from sentra import access, audit
from sentra.lists import paginate


@require_GET
def incident_list(request):
    access.require(access.can_work_in_residence(request.user))
    incidents = Incident.objects.visible_to(request.user).select_related("reported_by")
    routine = Routine.of(request.user.centre)
    open_ones = list(incidents.open().order_by("-occurred_at"))
    return render(
        request,
        "residence/incident_list.html",
        {
            "open": [(i, i.overdue_notices(routine)) for i in open_ones],
            "page": paginate(request, incidents.filter(status="closed").order_by("-occurred_at")),
        },
    )


@require_http_methods(["GET", "POST"])
def incident_new(request):
    access.require(access.can_work_in_residence(request.user))
    centre = request.user.centre
    if centre is None:  # a superuser has no centre of their own: the Django admin is theirs
        raise Http404
    residents = (
        Stay.objects.visible_to(request.user)
        .current()
        .select_related("client")
        .order_by("client__full_name")
    )
    form = IncidentForm(
        request.POST or None,
        centre=centre,
        residents=residents,
        initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("residents", "staff_involved")
        }
        incident = report_incident(
            by=request.user,
            centre=centre,
            data=data,
            residents=form.cleaned_data["residents"],
            staff=form.cleaned_data["staff_involved"],
            request=request,
        )
        messages.warning(request, _("Incident recorded. Tell the supervisor now if you have not."))
        if request.user in form.cleaned_data["staff_involved"]:
            return redirect("residence:incidents")
        return redirect("residence:incident", public_id=incident.public_id)
    return render(request, "residence/incident_form.html", {"form": form})


def _detail(request, incident, follow_up_form=None):
    routine = Routine.of(incident.centre)
    return render(
        request,
        "residence/incident_detail.html",
        {
            "incident": incident,
            "residents": incident.residents.select_related("client"),
            "staff": incident.staff_involved.all(),
            "follow_ups": incident.follow_ups.select_related("responsible"),  # type: ignore[attr-defined]
            "late": incident.overdue_notices(routine),
            "supervisor_due": incident.supervisor_due_at(routine),
            "head_due": incident.head_due_at(routine),
            "is_open": incident.status == Incident.Status.OPEN,
            "works_here": access.can_work_in_residence(request.user),
            "can_close": access.can_close_incident(request.user, incident),
            "follow_up_form": follow_up_form or FollowUpForm(centre=incident.centre),
            "close_form": CloseIncidentForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def incident_detail(request, public_id):
    incident = access.get_incident_for_user(request.user, public_id)
    if request.method == "GET":
        audit.record_view(request, incident)
        return _detail(request, incident)
    access.require(access.can_work_in_residence(request.user))
    form = FollowUpForm(request.POST, centre=incident.centre)
    if form.is_valid():
        try:
            add_incident_follow_up(
                by=request.user, incident=incident, data=form.cleaned_data, request=request
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Follow-up action added."))
        return redirect("residence:incident", public_id=incident.public_id)
    return _detail(request, incident, follow_up_form=form)


@require_POST
def incident_notice(request, public_id):
    incident = access.get_incident_for_user(request.user, public_id)
    form = NoticeForm(request.POST)
    # The supervisor confirms being told; a supervisor records telling the head.
    access.require(form.is_valid() and access.can_close_incident(request.user, incident))
    record_notice(by=request.user, incident=incident, to=form.cleaned_data["to"], request=request)
    messages.success(request, _("Notice recorded."))
    return redirect("residence:incident", public_id=incident.public_id)


@require_POST
def follow_up_done(request, public_id, follow_up_id):
    incident = access.get_incident_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user))
    follow_up = access.get_incident_follow_up_for_user(request.user, incident, follow_up_id)
    complete_incident_follow_up(by=request.user, follow_up=follow_up, request=request)
    messages.success(request, _("Follow-up action done."))
    return redirect("residence:incident", public_id=incident.public_id)


@require_POST
def incident_close(request, public_id):
    incident = access.get_incident_for_user(request.user, public_id)
    access.require(access.can_close_incident(request.user, incident))
    form = CloseIncidentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a closing note."))
    else:
        try:
            close_incident(
                by=request.user, incident=incident, note=form.cleaned_data["note"], request=request
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Incident closed."))
    return redirect("residence:incident", public_id=incident.public_id)
