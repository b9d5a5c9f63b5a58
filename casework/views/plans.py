"""A case's service plan versions: list, start, read, edit and submit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.forms.plans import PlanForm, PlanGoalForm, ReviewDecisionForm
from casework.models import (
    PlanGoal,
    PlanVersion,
    Review,
)
from casework.services.plans import plan_changes, save_plan, start_plan_version, submit_plan
from sentra import access, audit
from sentra.inputs import show_conflicts
from sentra.versioning import EditConflict

GoalFormSet = inlineformset_factory(
    PlanVersion, PlanGoal, form=PlanGoalForm, extra=1, can_delete=False
)


@require_GET
def case_plans(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    plans = list(case.plans.select_related("created_by", "submitted_by"))
    return render(
        request,
        "casework/plan_list.html",
        {
            "case": case,
            "plans": plans,
            "can_start": access.can_change_cases(request.user)
            and case.is_open
            and not any(
                p.status in (*PlanVersion.EDITABLE, PlanVersion.Status.SUBMITTED) for p in plans
            ),
        },
    )


@require_POST
def plan_start(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    try:
        plan = start_plan_version(by=request.user, case=case, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("casework:plan-list", public_id=case.public_id)
    return redirect("casework:plan-edit", public_id=plan.public_id)


@require_GET
def plan_detail(request, public_id):
    plan = access.get_plan_for_user(request.user, public_id)
    previous = plan.based_on
    audit.record_view(request, plan)
    return render(
        request,
        "casework/plan_detail.html",
        {
            "plan": plan,
            "case": plan.case,
            "goals": plan.goals.select_related("responsible_staff", "assessment__instrument"),
            "reviews": plan.reviews.select_related("requested_by", "decided_by"),
            # The conferences that agreed this version (approved or endorsed it).
            "agreements": plan.conference_items.filter(  # type: ignore[attr-defined]
                conference__status="final"
            ).select_related("conference"),
            "changes": plan_changes(previous, plan) if previous else [],
            "previous": previous,
            "can_edit": plan.is_editable and access.can_change_cases(request.user),
            "pending_review": plan.reviews.filter(status=Review.Status.PENDING).first()
            if access.can_supervise(request.user)
            else None,
            "decision_form": ReviewDecisionForm(),
            "client_views": plan.client_views.select_related("recorded_by"),  # type: ignore[attr-defined]
            "can_record_view": access.can_change_cases(request.user) and plan.case.is_open,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request, public_id):
    plan = access.get_plan_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    if not plan.is_editable:
        messages.info(request, _("This version is frozen; start a revision to change it."))
        return redirect("casework:plan-detail", public_id=plan.public_id)
    form = PlanForm(request.POST or None, instance=plan)
    goals = GoalFormSet(
        request.POST or None, instance=plan, form_kwargs={"case": plan.case}, prefix="goals"
    )
    conflict = None
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            save_plan(
                by=request.user,
                plan=form.save(commit=False),
                goals=goals.save(commit=False),
                fields=form.changed_data + (["goals"] if goals.has_changed() else []),
                request=request,
            )
        except EditConflict as stale:
            conflict = stale
            show_conflicts([form, *goals], stale)
    if request.method == "POST" and conflict is None and form.is_valid() and goals.is_valid():
        if "submit" in request.POST:
            try:
                submit_plan(by=request.user, plan=plan, request=request)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect("casework:plan-edit", public_id=plan.public_id)
            messages.success(request, _("Plan submitted for review."))
            return redirect("casework:plan-detail", public_id=plan.public_id)
        messages.success(request, _("Plan saved."))
        return redirect("casework:plan-edit", public_id=plan.public_id)
    return render(
        request,
        "casework/plan_edit.html",
        {"plan": plan, "case": plan.case, "form": form, "goals": goals},
        status=409 if conflict else 200,
    )
