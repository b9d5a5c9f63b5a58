"""A case's referrals and their progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.forms.referrals import ReferralForm, ReferralMoveForm
from casework.services.referrals import create_referral, move_referral
from sentra import access, audit


@require_http_methods(["GET", "POST"])
def case_referrals(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    if request.method == "POST":
        access.require(access.can_change_cases(request.user))
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("partner", "reason", "services_requested")}
        create_referral(
            by=request.user,
            case=case,
            data=data,
            documents=form.cleaned_data["documents"],
            proposed_partner=form.proposed_partner(),
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
    referral = access.get_referral_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = ReferralMoveForm(request.POST, prefix=str(referral.pk))
    if form.is_valid():
        try:
            move_referral(
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
