"""Monitoring reviews of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework.forms.monitoring import MonitoringReviewForm
from casework.models import (
    PlanGoal,
    PlanVersion,
)
from casework.services.monitoring import record_monitoring_review
from sentra import access, audit


def _current_goals(case):
    return list(PlanGoal.objects.filter(plan__case=case, plan__status=PlanVersion.Status.APPROVED))


@require_http_methods(["GET", "POST"])
def case_monitoring(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    if request.method == "POST":
        access.require(access.can_change_cases(request.user))
    form = MonitoringReviewForm(request.POST or None, case=case, goals=_current_goals(case))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in MonitoringReviewForm.Meta.fields}
        try:
            record_monitoring_review(
                by=request.user, case=case, data=data, progress=form.progress(), request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Monitoring review recorded."))
            return redirect("casework:case-monitoring", public_id=case.public_id)
    reviews = case.monitoring_reviews.select_related("reviewed_by").prefetch_related(
        "progress__goal"
    )
    return render(
        request,
        "casework/case_monitoring.html",
        {
            "case": case,
            "reviews": reviews,
            "form": form,
            "can_change": access.can_change_cases(request.user) and case.stage == "monitoring",
        },
    )
