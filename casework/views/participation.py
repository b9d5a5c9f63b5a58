"""The person's own part: their view of a plan version, and the client or their family
taking part in a case conference."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.forms.participation import PersonAttendeeForm, PlanViewForm
from casework.services.participation import add_person_attendee, record_plan_view
from casework.views.conferences import _visible_items
from clients.models import FamilyMember
from sentra import access


@require_http_methods(["GET", "POST"])
def plan_view_add(request, public_id):
    plan = access.get_plan_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    child = plan.case.client.is_child
    form = PlanViewForm(
        request.POST or None,
        child=child,
        initial={"recorded_on": timezone.localdate(), "speaker": "child" if child else "client"},
    )
    if request.method == "POST" and form.is_valid():
        record_plan_view(by=request.user, plan=plan, data=form.cleaned_data, request=request)
        messages.success(request, _("Their view of the plan is recorded."))
        return redirect("casework:plan-detail", public_id=plan.public_id)
    return render(
        request,
        "casework/plan_view_form.html",
        {"plan": plan, "case": plan.case, "form": form, "child": child},
    )


@require_POST
def conference_add_person(request, public_id):
    conference = access.get_conference_for_user(request.user, public_id)
    access.require(access.can_supervise(request.user))
    items = list(_visible_items(conference, request.user).prefetch_related("case__client__family"))
    form = PersonAttendeeForm(request.POST, items=items)
    if not form.is_valid():
        messages.error(request, _("Choose the client or a family member from the list."))
        return redirect("casework:conference-detail", public_id=conference.public_id)
    kind, pk = form.chosen()
    clients = {item.case.client.pk: item.case.client for item in items}
    try:
        if kind == "client":
            add_person_attendee(
                by=request.user, conference=conference, client=clients[pk], request=request
            )
        else:
            member = FamilyMember.objects.get(pk=pk, client__in=list(clients.values()))
            add_person_attendee(
                by=request.user, conference=conference, family_member=member, request=request
            )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Participant added."))
    return redirect("casework:conference-detail", public_id=conference.public_id)
