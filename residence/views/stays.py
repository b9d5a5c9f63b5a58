"""Moving in, moving rooms, moving out, belongings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from residence.forms.stays import BelongingForm, MoveInForm, MoveOutForm, RoomMoveForm
from residence.rules import case_is_residential
from residence.services.stays import add_belonging, move_in, move_out, move_room
from sentra import access


@require_http_methods(["GET", "POST"])
def move_in_view(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user) and case_is_residential(case))
    form = MoveInForm(request.POST or None, client=case.client, centre=case.centre)
    if request.method == "POST" and form.is_valid():
        try:
            stay = move_in(
                by=request.user,
                case=case,
                bed=form.cleaned_data["bed"],
                moved_in_on=form.cleaned_data["moved_in_on"],
                belongings=form.cleaned_data["belongings"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s now sleeps in %(bed)s.")
                % {"name": case.client.full_name, "bed": stay.bed},
            )
            return redirect("residence:case", public_id=case.public_id)
    return render(request, "residence/move_in.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def room_move(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, stay))
    form = RoomMoveForm(request.POST or None, stay=stay)
    if request.method == "POST" and form.is_valid():
        try:
            move_room(by=request.user, stay=stay, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Room move saved."))
            return redirect("residence:stay", public_id=stay.public_id)
    return render(
        request,
        "residence/stay_form.html",
        {"stay": stay, "form": form, "title": _("Move to another bed")},
    )


@require_http_methods(["GET", "POST"])
def move_out_view(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, stay))
    form = MoveOutForm(request.POST or None, stay=stay)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move_out(
                by=request.user,
                stay=stay,
                moved_out_on=data["moved_out_on"],
                reason=data["reason"],
                note=data["note"],
                belongings_returned_to=data["belongings_returned_to"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Move-out recorded; the bed is free."))
            return redirect("residence:stay", public_id=stay.public_id)
    return render(
        request,
        "residence/stay_form.html",
        {
            "stay": stay,
            "form": form,
            "title": _("Move out"),
            "held": stay.belongings.filter(returned_on__isnull=True),  # type: ignore[attr-defined]
        },
    )


@require_POST
def belonging_add(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_change_stay(request.user, stay) and stay.is_current)
    form = BelongingForm(request.POST)
    if form.is_valid():
        add_belonging(by=request.user, stay=stay, request=request, **form.cleaned_data)
        messages.success(request, _("Item added to the belongings."))
    else:
        messages.error(request, _("Give the item and a quantity between 1 and 999."))
    return redirect("residence:stay", public_id=stay.public_id)
