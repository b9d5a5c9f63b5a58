"""Termination requests of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework.forms.plans import ReviewDecisionForm
from casework.forms.termination import TerminationForm
from casework.models import (
    Review,
)
from casework.services.termination import request_termination
from sentra import access, audit


@require_http_methods(["GET", "POST"])
def case_termination(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    if request.method == "POST":
        access.require(access.can_change_cases(request.user))
    form = TerminationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            request_termination(by=request.user, case=case, data=form.cleaned_data, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Termination requested; the supervisor will review it."))
            return redirect("casework:case-termination", public_id=case.public_id)
    terminations = case.terminations.select_related(
        "review", "review__decided_by", "destination_partner", "requested_by"
    )
    pending = next(
        (t.review for t in terminations if t.review.status == Review.Status.PENDING), None
    )
    return render(
        request,
        "casework/case_termination.html",
        {
            "case": case,
            "terminations": terminations,
            "form": form,
            "can_request": access.can_change_cases(request.user)
            and case.stage == "monitoring"
            and pending is None,
            "pending_review": pending if access.can_supervise(request.user) else None,
            "decision_form": ReviewDecisionForm(),
        },
    )
