from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import services
from casework.forms.delivery import (
    FollowUpForm,
    FollowUpOutcomeForm,
    GroupForm,
    GroupSessionForm,
    MonitoringReviewForm,
    PartnerForm,
    ReferralForm,
    ReferralMoveForm,
    ServiceRecordForm,
    ServiceTypeForm,
    TerminationForm,
)
from casework.forms.planning import ReviewDecisionForm
from casework.models import (
    Case,
    FollowUp,
    Partner,
    PlanGoal,
    PlanVersion,
    Referral,
    Review,
    ServiceType,
)
from sentra import access
from sentra.models import Role


@require_http_methods(["GET", "POST"])
def case_services(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=request.method == "POST")
    form = ServiceRecordForm(
        request.POST or None,
        request.FILES or None,
        case=case,
        initial={"provider_staff": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "receipt"}
        services.record_service(
            by=request.user,
            case=case,
            data=data,
            receipt=form.cleaned_data.get("receipt"),
            receipt_content_type=form.receipt_content_type,
            request=request,
        )
        messages.success(request, _("Service recorded."))
        return redirect("casework:case-services", public_id=case.public_id)
    records = case.services.select_related(
        "service_type", "provider_staff", "provider_partner", "plan_goal"
    )
    return render(
        request,
        "casework/case_services.html",
        {
            "case": case,
            "records": records,
            "form": form,
            "can_change": access.can_change_cases(request.user) and case.is_open,
        },
    )


# --- Groups ----------------------------------------------------------------------------------


@require_GET
def group_list(request):
    groups = access.groups_visible_to(request.user).select_related("facilitator")
    return render(
        request,
        "casework/group_list.html",
        {"groups": groups, "can_create": access.can_change_cases(request.user)},
    )


@require_http_methods(["GET", "POST"])
def group_create(request):
    if not access.can_change_cases(request.user):
        raise PermissionDenied
    cases = Case.objects.visible_to(request.user).open().select_related("client")
    form = GroupForm(
        request.POST or None,
        centre=request.user.centre,
        cases=cases,
        initial={"facilitator": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.centre = request.user.centre
        services.save_group(
            by=request.user,
            group=group,
            members=form.cleaned_data["members"],
            fields=form.changed_data,
            request=request,
        )
        if form.size_warning:
            messages.warning(request, form.size_warning)
        messages.success(request, _("Group saved."))
        return redirect("casework:group-detail", public_id=group.public_id)
    return render(request, "casework/group_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def group_detail(request, public_id):
    group = access.get_group_for_user(request.user, public_id, for_write=request.method == "POST")
    form = GroupSessionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in GroupSessionForm.Meta.fields}
        try:
            session = services.record_group_session(
                by=request.user,
                group=group,
                data=data,
                present=form.cleaned_data["present"],
                request=request,
            )
        except ValidationError as error:
            form.add_error("present", error)
        else:
            messages.success(
                request,
                _("Session recorded: %(n)s service record(s) added to the members' cases.")
                % {"n": session.attendees.count()},
            )
            return redirect("casework:group-detail", public_id=group.public_id)
    visible = set(Case.objects.visible_to(request.user).values_list("pk", flat=True))
    members = list(group.members.select_related("client"))
    return render(
        request,
        "casework/group_detail.html",
        {
            "group": group,
            "form": form,
            "members": [(m, m.pk in visible) for m in members],
            "sessions": group.sessions.prefetch_related("attendees"),
            "size_warning": len(members) > group.WARN_ABOVE,
            "can_record": access.can_supervise(request.user)
            or group.facilitator_id == request.user.pk,
        },
    )


# --- Partners and referrals ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def partner_list(request):
    partners = Partner.objects.filter(access.centre_filter(request.user))
    can_manage = access.can_manage_reference_lists(request.user)
    form = PartnerForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            partner = form.save(commit=False)
            partner.centre = request.user.centre
            services.save_partner(by=request.user, partner=partner, request=request)
            messages.success(request, _("Institution added to the directory."))
            return redirect("casework:partner-list")
    return render(
        request,
        "casework/partner_list.html",
        {"partners": partners, "form": form if can_manage else None},
    )


@access.role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def partner_edit(request, public_id):
    partner = access.get_partner_for_user(request.user, public_id)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        services.save_partner(by=request.user, partner=form.save(commit=False), request=request)
        messages.success(request, _("Institution saved."))
        return redirect("casework:partner-list")
    return render(request, "casework/partner_form.html", {"form": form, "partner": partner})


@require_http_methods(["GET", "POST"])
def case_referrals(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=request.method == "POST")
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("partner", "reason", "services_requested")}
        services.create_referral(
            by=request.user,
            case=case,
            data=data,
            documents=form.cleaned_data["documents"],
            request=request,
        )
        messages.success(request, _("Referral drafted."))
        return redirect("casework:case-referrals", public_id=case.public_id)
    referrals = case.referrals.select_related("partner", "consent_override_by")
    return render(
        request,
        "casework/case_referrals.html",
        {
            "case": case,
            "referrals": [(r, ReferralMoveForm(prefix=str(r.pk))) for r in referrals],
            "form": form,
            "can_change": access.can_change_cases(request.user),
        },
    )


@require_POST
def referral_move(request, public_id):
    referral = access.get_case_object_for_user(request.user, Referral, public_id, for_write=True)
    form = ReferralMoveForm(request.POST, prefix=str(referral.pk))
    if form.is_valid():
        try:
            services.move_referral(
                by=request.user,
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                notes=form.cleaned_data["notes"],
                override_reason=form.cleaned_data["override_reason"],
                request=request,
            )
        except PermissionDenied:
            messages.error(request, _("Only a supervisor may send a referral without consent."))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Referral updated."))
    return redirect("casework:case-referrals", public_id=referral.case.public_id)


# --- Monitoring, termination, aftercare ----------------------------------------------------------


def _current_goals(case):
    return list(PlanGoal.objects.filter(plan__case=case, plan__status=PlanVersion.Status.APPROVED))


@require_http_methods(["GET", "POST"])
def case_monitoring(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=request.method == "POST")
    form = MonitoringReviewForm(request.POST or None, case=case, goals=_current_goals(case))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in MonitoringReviewForm.Meta.fields}
        try:
            services.record_monitoring_review(
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


@require_http_methods(["GET", "POST"])
def case_termination(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=request.method == "POST")
    form = TerminationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_termination(
                by=request.user, case=case, data=form.cleaned_data, request=request
            )
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


@require_http_methods(["GET", "POST"])
def case_aftercare(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=request.method == "POST")
    form = FollowUpForm(
        request.POST or None, case=case, initial={"assignee": case.primary_worker_id}
    )
    if request.method == "POST" and form.is_valid():
        services.schedule_follow_up(
            by=request.user, case=case, data=form.cleaned_data, request=request
        )
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
    follow_up = access.get_case_object_for_user(request.user, FollowUp, public_id, for_write=True)
    form = FollowUpOutcomeForm(request.POST)
    if form.is_valid():
        services.record_follow_up_outcome(
            by=request.user,
            follow_up=follow_up,
            outcome=form.cleaned_data["outcome"],
            request=request,
        )
        messages.success(request, _("Follow-up outcome recorded."))
    else:
        messages.error(request, _("Write the outcome of the contact."))
    return redirect("casework:case-aftercare", public_id=follow_up.case.public_id)


@access.role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def service_type_list(request):
    """The service catalogue: the ministry's entries and this centre's own."""
    centre = request.user.centre
    form = ServiceTypeForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        service_type = form.save(commit=False)
        service_type.centre = centre
        services.save_service_type(by=request.user, service_type=service_type, request=request)
        messages.success(request, _("Service added to the catalogue."))
        return redirect("casework:service-type-list")
    types = ServiceType.objects.filter(Q(centre__isnull=True) | Q(centre=centre))
    return render(request, "casework/service_type_list.html", {"types": types, "form": form})
