"""Aftercare follow-ups of a closed case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.forms.aftercare import FollowUpForm, FollowUpOutcomeForm
from casework.services.aftercare import record_follow_up_outcome, schedule_follow_up
from sentra import access, audit


@require_http_methods(["GET", "POST"])
def case_aftercare(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    if request.method == "POST":
        access.require(access.can_change_cases(request.user))
    form = FollowUpForm(
        request.POST or None, case=case, initial={"assignee": case.primary_worker_id}
    )
    if request.method == "POST" and form.is_valid():
        schedule_follow_up(by=request.user, case=case, data=form.cleaned_data, request=request)
        messages.success(request, _("Follow-up scheduled."))
        return redirect("casework:case-aftercare", public_id=case.public_id)
    return render(
        request,
        "casework/case_aftercare.html",
        {
            "case": case,
            "form": form,
            "outcome_form": FollowUpOutcomeForm(),
            "follow_ups": case.follow_ups.select_related("assignee"),
            "can_change": access.can_change_cases(request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
def follow_up_done(request, public_id):
    follow_up = access.get_follow_up_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = FollowUpOutcomeForm(request.POST)
    if form.is_valid():
        try:
            record_follow_up_outcome(
                by=request.user,
                follow_up=follow_up,
                outcome=form.cleaned_data["outcome"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Follow-up outcome recorded."))
    else:
        messages.error(request, _("Write the outcome of the contact."))
    return redirect("casework:case-aftercare", public_id=follow_up.case.public_id)
