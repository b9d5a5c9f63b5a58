"""The partner directory."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.forms.partners import PartnerForm
from casework.models import (
    Partner,
)
from casework.services.partners import confirm_partner, save_partner
from sentra import access
from sentra.versioning import EditConflict


@require_http_methods(["GET", "POST"])
def partner_list(request):
    partners = Partner.objects.visible_to(request.user)
    can_manage = access.can_manage_reference_lists(request.user)
    form = PartnerForm(request.POST or None)
    if request.method == "POST":
        access.require(can_manage)
        if form.is_valid():
            partner = form.save(commit=False)
            partner.centre = request.user.centre
            save_partner(by=request.user, partner=partner, request=request)
            messages.success(request, _("Institution added to the directory."))
            return redirect("casework:partner-list")
    return render(
        request,
        "casework/partner_list.html",
        {
            "partners": partners.select_related("proposed_by"),
            "proposals": partners.awaiting_confirmation() if can_manage else (),
            "form": form if can_manage else None,
        },
    )


@require_POST
def partner_confirm(request, public_id):
    access.require(access.can_manage_reference_lists(request.user))
    partner = access.get_partner_for_user(request.user, public_id)
    confirm_partner(by=request.user, partner=partner, request=request)
    messages.success(request, _("Institution confirmed."))
    return redirect("casework:partner-list")


@require_http_methods(["GET", "POST"])
def partner_edit(request, public_id):
    access.require(access.can_manage_reference_lists(request.user))
    partner = access.get_partner_for_user(request.user, public_id)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            save_partner(by=request.user, partner=form.save(commit=False), request=request)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Institution saved."))
            return redirect("casework:partner-list")
    return render(
        request,
        "casework/partner_form.html",
        {"form": form, "partner": partner},
        status=409 if form.conflict else 200,
    )
