"""Centre activities: the list, logging one, its page, the one-screen attendance, photos,
and today's sessions for the home page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.forms.activities import ActivityForm, AttendanceForm, PhotoForm
from activities.home import activities_today
from activities.models import Activity, Attendance
from activities.models.activities import describe_refusal
from activities.rules import service_refusals
from activities.services.activities import (
    ACTIVITY_DATA_FIELDS,
    AttendanceOutcome,
    add_activity_photo,
    archive_activity_photo,
    attendance_candidates,
    create_activity,
    record_attendance,
    update_activity,
)
from activities.services.rows import RowConflicts
from casework.models import Case
from clients.models import Consent
from clients.services import clients_with_consent
from sentra import access, audit
from sentra.lists import paginate
from sentra.versioning import EditConflict


@require_GET
def activity_list(request):
    activities = (
        Activity.objects.visible_to(request.user)
        .select_related("kind", "facilitator_staff")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
        .order_by("-held_on", "-starts_at", "-id")
    )
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": paginate(request, activities),
            "can_record": access.can_record_activities(request.user),
            "can_manage_schedule": access.can_manage_schedule(request.user),
            "can_manage_kinds": access.can_manage_reference_lists(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def activity_create(request):
    access.require(access.can_record_activities(request.user))
    form = ActivityForm(
        request.POST or None,
        centre=request.user.centre,
        initial={"facilitator_staff": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        activity = create_activity(
            by=request.user,
            data={k: form.cleaned_data[k] for k in ACTIVITY_DATA_FIELDS},
            request=request,
        )
        messages.success(request, _("Activity saved. Now take the attendance."))
        return redirect("activities:attendance", public_id=activity.public_id)
    return render(request, "activities/activity_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def activity_edit(request, public_id):
    activity = access.get_activity_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = ActivityForm(request.POST or None, instance=activity, centre=activity.centre)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                update_activity(
                    by=request.user,
                    activity=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("activities:detail", public_id=activity.public_id)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": activity},
        status=409 if form.conflict else 200,
    )


@require_GET
def activity_detail(request, public_id):
    activity = access.get_activity_for_user(request.user, public_id)
    openable = Case.objects.visible_to(request.user).filter(pk=OuterRef("case_id"))
    marks = list(
        activity.attendances.select_related("case", "case__client", "service")  # type: ignore[attr-defined]
        .annotate(openable=Exists(openable))
        .order_by("case__client__full_name")
    )
    present = [m for m in marks if m.is_present]
    photo_consent = clients_with_consent(
        [m.case.client_id for m in present], Consent.Purpose.PHOTOGRAPHS, on=activity.held_on
    )
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "present": present,
            "not_present": [m for m in marks if not m.is_present],
            "booked": sum(1 for m in present if m.service_id),
            "skipped": [m for m in present if m.service_skipped_reason],
            "photos": activity.photos.filter(is_archived=False),  # type: ignore[attr-defined]
            "no_photo_consent": [m for m in present if m.case.client_id not in photo_consent],
            "photo_form": PhotoForm(),
            "can_record": access.can_record_activities(request.user),
        },
    )


def default_mark(activity) -> str:
    """Timetable sessions and course sessions start with everyone present; a one-off
    activity with no one marked, since most of the centre is not in it."""
    return Attendance.Status.PRESENT if (activity.slot_id or activity.course_id) else ""


@require_http_methods(["GET", "POST"])
def activity_attendance(request, public_id):
    activity = access.get_activity_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    candidates = list(attendance_candidates(activity))
    existing = {
        mark.case_id: mark
        for mark in activity.attendances.only("case_id", "status", "version")  # type: ignore[attr-defined]
    }
    form = AttendanceForm(
        request.POST or None,
        candidates=candidates,
        existing=existing,
        default=default_mark(activity),
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = record_attendance(
                by=request.user,
                activity=activity,
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
    return render(
        request,
        "activities/attendance.html",
        attendance_context(activity, form, candidates),
        status=409 if form.conflict else 200,
    )


def attendance_context(activity, form, candidates) -> dict:
    """What the attendance screen shows beside each name: for a kind that books a
    service, whether this person would get it or why not."""
    refusals = {}
    if activity.kind.service_type_id:
        refusals = service_refusals(candidates, activity.held_on)
    return {
        "activity": activity,
        "form": form,
        "rows": [
            (case, field, describe_refusal(refusals.get(case.pk, "")), hidden, conflict)
            for case, field, hidden, conflict in form.rows()
        ],
        "books_service": activity.kind.service_type_id is not None,
    }


def report_outcome(request, activity, outcome: AttendanceOutcome) -> None:
    messages.success(
        request,
        _("Attendance saved: %(present)s present of %(marked)s marked.")
        % {"present": outcome.present, "marked": outcome.marked},
    )
    if activity.kind.service_type_id:
        messages.info(
            request,
            _(
                "%(booked)s service record(s) added to the participants' cases; "
                "%(skipped)s person(s) skipped, with the reason shown below."
            )
            % {"booked": len(outcome.booked), "skipped": len(outcome.skipped)},
        )


@require_POST
def photo_add(request, public_id):
    activity = access.get_activity_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        add_activity_photo(
            by=request.user,
            activity=activity,
            upload=form.cleaned_data["photo"],
            content_type=form.content_type,
            caption=form.cleaned_data["caption"],
            request=request,
        )
        messages.success(request, _("Photo added."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("activities:detail", public_id=activity.public_id)


@require_GET
def photo_view(request, public_id, photo_id):
    activity = access.get_activity_for_user(request.user, public_id)
    photo = access.get_activity_photo_for_user(request.user, activity, photo_id)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(audit.Action.DOWNLOAD, by=request.user, obj=photo, request=request)
    response = FileResponse(handle, content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def photo_archive(request, public_id, photo_id):
    activity = access.get_activity_for_user(request.user, public_id)
    photo = access.get_activity_photo_for_user(request.user, activity, photo_id)
    access.require(access.can_record_activities(request.user))
    archive_activity_photo(by=request.user, photo=photo, request=request)
    messages.success(request, _("Photo archived."))
    return redirect("activities:detail", public_id=activity.public_id)


@require_GET
def today(request):
    """Today's sessions of the user's centre, as a fragment (the activities page loads it)."""
    return render(request, "activities/_today.html", activities_today(request.user))
