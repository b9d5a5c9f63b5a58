"""The weekly timetable, opening a day's session from it, and the kinds of activity."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities.forms.activities import AttendanceForm, SessionForm
from activities.forms.schedule import ActivityKindForm, ScheduleSlotForm
from activities.models import Activity, ActivityKind, Attendance, ScheduleSlot
from activities.models.schedule import WEEKDAYS
from activities.services.activities import expected_cases
from activities.services.kinds import save_activity_kind
from activities.services.rows import RowConflicts
from activities.services.schedule import record_session, save_slot
from activities.views.activities import attendance_context, report_outcome
from sentra import access
from sentra.versioning import EditConflict


@require_GET
def timetable(request):
    slots = list(
        ScheduleSlot.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("kind", "facilitator_staff", "course")
    )
    return render(
        request,
        "activities/timetable.html",
        {
            "days": [(label, [s for s in slots if s.days & (1 << day)]) for day, label in WEEKDAYS],
            "inactive": ScheduleSlot.objects.visible_to(request.user)
            .filter(is_active=False)
            .select_related("kind"),
            "can_manage": access.can_manage_schedule(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def slot_create(request):
    access.require(access.can_manage_schedule(request.user))
    centre = request.user.centre
    form = ScheduleSlotForm(
        request.POST or None,
        instance=ScheduleSlot(centre=centre),
        centre=centre,
        initial={"valid_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        save_slot(
            by=request.user,
            slot=form.save(commit=False),
            fields=form.changed_data,
            request=request,
        )
        messages.success(request, _("Added to the timetable."))
        return redirect("activities:timetable")
    return render(request, "activities/slot_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def slot_edit(request, public_id):
    slot = access.get_schedule_slot_for_user(request.user, public_id)
    access.require(access.can_manage_schedule(request.user))
    form = ScheduleSlotForm(request.POST or None, instance=slot, centre=slot.centre)
    if request.method == "POST" and form.is_valid():
        try:
            save_slot(
                by=request.user,
                slot=form.save(commit=False),
                fields=form.changed_data,
                request=request,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Timetable saved."))
            return redirect("activities:timetable")
    return render(
        request,
        "activities/slot_form.html",
        {"form": form, "slot": slot},
        status=409 if form.conflict else 200,
    )


def _session_day(slot: ScheduleSlot, day: str) -> date:
    """The day of a session in a URL: a real date on which the slot falls, not in the
    future (attendance is taken when it happens)."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if parsed > timezone.localdate() or not slot.falls_on(parsed):
        raise Http404
    return parsed


@require_http_methods(["GET", "POST"])
def session(request, public_id, day):
    """A timetable session of one day: its attendance in one screen. Once opened, the
    session is an activity and its own attendance page takes over; a list sent here after
    somebody else opened it (both took it at once) is saved onto theirs, mark by mark, and
    shows a conflict where both marked a person differently."""
    slot = access.get_schedule_slot_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    held_on = _session_day(slot, day)
    opened = Activity.objects.filter(slot=slot, held_on=held_on).first()
    if opened is not None and request.method == "GET":
        return redirect("activities:attendance", public_id=opened.public_id)
    details = SessionForm(
        request.POST or None,
        centre=slot.centre,
        initial={
            "facilitator_staff": slot.facilitator_staff_id
            or (None if slot.facilitator_name else request.user.pk),
            "facilitator_name": slot.facilitator_name,
        },
        prefix="session",
    )
    candidates = list(expected_cases(slot.centre, held_on, slot.course_id))
    form = AttendanceForm(
        request.POST or None, candidates=candidates, existing={}, default=Attendance.Status.PRESENT
    )
    if request.method == "POST" and details.is_valid() and form.is_valid():
        try:
            activity, outcome = record_session(
                by=request.user,
                slot=slot,
                day=held_on,
                data={k: details.cleaned_data[k] for k in SessionForm.Meta.fields},
                marks=form.marks(),
                read=form.reads(),
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RowConflicts as conflict:
            form.show_conflicts(conflict)
        else:
            report_outcome(request, activity, outcome)
            return redirect("activities:detail", public_id=activity.public_id)
    preview = opened or Activity(
        slot=slot, kind=slot.kind, held_on=held_on, starts_at=slot.starts_at
    )
    return render(
        request,
        "activities/attendance.html",
        {**attendance_context(preview, form, candidates), "slot": slot, "details": details},
        status=409 if form.conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def kind_list(request):
    """The kinds of activity: shipped and the centre's own; admins add and change them."""
    access.require(access.can_manage_reference_lists(request.user))
    centre = request.user.centre
    form = ActivityKindForm(
        request.POST or None, instance=ActivityKind(centre=centre), centre=centre
    )
    if request.method == "POST" and form.is_valid():
        save_activity_kind(
            by=request.user, kind=form.save(commit=False), fields=form.changed_data, request=request
        )
        messages.success(request, _("Kind of activity added."))
        return redirect("activities:kind-list")
    kinds = ActivityKind.objects.for_centre(centre).select_related("service_type")
    return render(request, "activities/kind_list.html", {"kinds": kinds, "form": form})


@require_http_methods(["GET", "POST"])
def kind_edit(request, public_id):
    kind = access.get_activity_kind_for_user(request.user, public_id)
    access.require(access.can_manage_reference_lists(request.user))
    form = ActivityKindForm(request.POST or None, instance=kind, centre=kind.centre)
    if request.method == "POST" and form.is_valid():
        try:
            save_activity_kind(
                by=request.user,
                kind=form.save(commit=False),
                fields=form.changed_data,
                request=request,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Kind of activity saved."))
            return redirect("activities:kind-list")
    return render(
        request,
        "activities/kind_form.html",
        {"form": form, "kind": kind},
        status=409 if form.conflict else 200,
    )
