"""Buildings, rooms and beds, and the roll-call times: the admin's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from residence.forms.places import BedStatusForm, BuildingForm, RoomForm, RoutineForm
from residence.models import Building, PlaceStatus, Room, Routine
from residence.services.places import save_building, save_room, save_routine, set_bed_status
from sentra import access
from sentra.versioning import EditConflict


@require_http_methods(["GET", "POST"])
def places(request):
    access.require(access.can_manage_places(request.user))
    centre = request.user.centre
    if centre is None:  # a superuser has no centre of their own: the Django admin is theirs
        raise Http404
    form = BuildingForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        building = form.save(commit=False)
        building.centre = centre
        save_building(by=request.user, building=building, fields=form.changed_data, request=request)
        messages.success(request, _("Building saved. Now add its rooms."))
        return redirect("residence:building", public_id=building.public_id)
    buildings = Building.objects.visible_to(request.user).annotate(
        room_count=Count("rooms", distinct=True),
        bed_count=Count("rooms__beds", filter=Q(rooms__beds__status="in_use"), distinct=True),
    )
    return render(request, "residence/places.html", {"buildings": buildings, "form": form})


@require_http_methods(["GET", "POST"])
def building_edit(request, public_id):
    """A building: its details (an edit form) and a form to add a room to it."""
    access.require(access.can_manage_places(request.user))
    building = access.get_building_for_user(request.user, public_id)
    form = BuildingForm(
        request.POST if "building" in request.POST else None,
        instance=building,
        centre=building.centre,
    )
    room_form = RoomForm(
        request.POST if "room" in request.POST else None, building=building, prefix="room"
    )
    if request.method == "POST":
        try:
            if "building" in request.POST and form.is_valid():
                save_building(
                    by=request.user,
                    building=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
                messages.success(request, _("Building saved."))
                return redirect("residence:building", public_id=building.public_id)
            if "room" in request.POST and room_form.is_valid():
                room = room_form.save(commit=False)
                room.building = building
                save_room(
                    by=request.user,
                    room=room,
                    fields=room_form.changed_data,
                    add_beds=room_form.cleaned_data["add_beds"],
                    request=request,
                )
                messages.success(request, _("Room saved."))
                return redirect("residence:building", public_id=building.public_id)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    rooms = building.rooms.annotate(  # type: ignore[attr-defined]
        bed_count=Count("beds", filter=Q(beds__status="in_use"))
    ).order_by("name")
    return render(
        request,
        "residence/building.html",
        {"building": building, "form": form, "room_form": room_form, "rooms": rooms},
        status=409 if form.conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def room_edit(request, public_id):
    access.require(access.can_manage_places(request.user))
    room = access.get_room_for_user(request.user, public_id)
    form = RoomForm(request.POST or None, instance=room, building=room.building)
    if request.method == "POST" and form.is_valid():
        try:
            save_room(
                by=request.user,
                room=form.save(commit=False),
                fields=[f for f in form.changed_data if f != "add_beds"],
                add_beds=form.cleaned_data["add_beds"],
                request=request,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            room = Room.objects.select_related("building").get(pk=room.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            room = Room.objects.select_related("building").get(pk=room.pk)
        else:
            messages.success(request, _("Room saved."))
            return redirect("residence:room", public_id=room.public_id)
    return render(
        request,
        "residence/room.html",
        {
            "room": room,
            "form": form,
            "beds": room.beds.order_by("id"),  # type: ignore[attr-defined]
            "statuses": PlaceStatus.choices,
        },
        status=409 if form.conflict else 200,
    )


@require_POST
def bed_status(request, public_id):
    access.require(access.can_manage_places(request.user))
    bed = access.get_bed_for_user(request.user, public_id)
    form = BedStatusForm(request.POST)
    if form.is_valid():
        try:
            set_bed_status(
                by=request.user, bed=bed, status=form.cleaned_data["status"], request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Bed %(bed)s: %(status)s.")
                % {"bed": bed.label, "status": bed.get_status_display()},
            )
    return redirect("residence:room", public_id=bed.room.public_id)


@require_http_methods(["GET", "POST"])
def routine(request):
    access.require(access.can_manage_places(request.user))
    if request.user.centre is None:
        raise Http404
    current = Routine.of(request.user.centre)
    form = RoutineForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            save_routine(
                by=request.user,
                routine=form.save(commit=False),
                fields=form.changed_data,
                request=request,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Roll-call times and deadlines saved."))
            return redirect("residence:routine")
    return render(
        request, "residence/routine.html", {"form": form}, status=409 if form.conflict else 200
    )
