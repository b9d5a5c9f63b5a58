"""The gate: today's visitors, logging a visit with the resident's restrictions in view,
restricting visits and lifting a restriction."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from residence.forms.visits import VisitForm, VisitRestrictionForm
from residence.models import Stay, Visit, VisitRestriction
from residence.services.visits import (
    VisitBarred,
    lift_restriction,
    record_visit,
    record_visit_end,
    restrict_visits,
)
from sentra import access


@require_GET
def visit_list(request):
    """Today's visits, and every resident with a button to log a visit (residents with a
    restriction in force are marked)."""
    user = request.user
    today = timezone.localdate()
    restricted = set(
        VisitRestriction.objects.visible_to(user).in_force(today).values_list("stay_id", flat=True)
    )
    residents = Stay.objects.visible_to(user).current().with_place().order_by("client__full_name")
    visits = (
        Visit.objects.visible_to(user)
        .filter(arrived_at__date=today)
        .select_related("stay__client", "supervised_by")
    )
    return render(
        request,
        "residence/visits.html",
        {
            "visits": visits,
            "residents": [(stay, stay.pk in restricted) for stay in residents],
            "works_here": access.can_work_in_residence(user),
        },
    )


@require_http_methods(["GET", "POST"])
def visit_add(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user) and stay.is_current)
    form = VisitForm(
        request.POST or None,
        centre=stay.centre,
        initial={"arrived_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_visit(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        except VisitBarred as barred:
            form.add_error("visitor_name", barred)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Visit logged."))
            return redirect("residence:visits")
    return render(
        request,
        "residence/visit_form.html",
        {
            "stay": stay,
            "form": form,
            "restrictions": stay.visit_restrictions.in_force(),  # type: ignore[attr-defined]
        },
    )


@require_POST
def visit_end(request, public_id):
    visit = access.get_visit_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user))
    record_visit_end(by=request.user, visit=visit, request=request)
    messages.success(request, _("The visitor has left."))
    return redirect("residence:visits")


@require_http_methods(["GET", "POST"])
def restriction_add(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, stay) and stay.is_current)
    form = VisitRestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        restrict_visits(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        messages.success(request, _("Visit restriction saved: the gate will see it."))
        return redirect("residence:stay", public_id=stay.public_id)
    return render(
        request,
        "residence/stay_form.html",
        {"stay": stay, "form": form, "title": _("Restrict visits")},
    )


@require_POST
def restriction_lift(request, public_id):
    restriction = access.get_restriction_for_user(request.user, public_id)
    access.require(access.can_supervise(request.user))
    lift_restriction(by=request.user, restriction=restriction, request=request)
    messages.success(request, _("Restriction lifted."))
    return redirect("residence:stay", public_id=restriction.stay.public_id)
