"""Case conferences: list, schedule, run (minutes and decisions), correct."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.forms.conferences import (
    AmendmentForm,
    ConferenceForm,
    DecisionForm,
    ExternalAttendeeForm,
    MinutesForm,
)
from casework.forms.participation import PersonAttendeeForm
from casework.models import (
    Case,
    Conference,
)
from casework.services.conferences import (
    add_external_attendee,
    amend_minutes,
    finalise_conference,
    save_minutes,
    schedule_conference,
)
from sentra import access, audit
from sentra.inputs import show_conflicts
from sentra.versioning import EditConflict


@require_GET
def conference_list(request):
    conferences = Conference.objects.visible_to(request.user).order_by("-scheduled_at")
    now = timezone.now()
    return render(
        request,
        "casework/conference_list.html",
        {
            "upcoming": list(conferences.filter(scheduled_at__gte=now).order_by("scheduled_at")),
            "past": list(conferences.filter(scheduled_at__lt=now)[:30]),
            "can_schedule": access.can_supervise(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def conference_schedule(request):
    access.require(access.can_supervise(request.user))
    cases = Case.objects.visible_to(request.user).open().select_related("client").order_by("number")
    form = ConferenceForm(
        request.POST or None,
        cases=cases,
        centre=request.user.centre,
        user=request.user,
        initial={"cases": request.GET.getlist("case")},
    )
    external = ExternalAttendeeForm(request.POST or None, prefix="external")
    if request.method == "POST" and form.is_valid():
        externals = []
        if request.POST.get("external-name", "").strip():
            if not external.is_valid():
                return render(
                    request, "casework/conference_form.html", {"form": form, "external": external}
                )
            externals = [external.cleaned_data]
        data = {k: form.cleaned_data[k] for k in ("kind", "scheduled_at", "place", "agenda")}
        conference = schedule_conference(
            by=request.user,
            data=data,
            cases=form.cleaned_data["cases"],
            staff=form.cleaned_data["staff"],
            externals=externals,
            request=request,
        )
        messages.success(request, _("Conference scheduled."))
        return redirect("casework:conference-detail", public_id=conference.public_id)
    return render(request, "casework/conference_form.html", {"form": form, "external": external})


def _visible_items(conference, user):
    """Agenda items of cases this user may see: nobody reads another team's case here."""
    visible = Case.objects.visible_to(user).filter(pk=OuterRef("case_id"))
    return (
        conference.agenda_items.annotate(visible=Exists(visible))
        .filter(visible=True)
        .select_related("case", "case__client", "case__primary_worker", "plan")
    )


def _visible_attendees(conference, items) -> list:
    """Staff and professionals; the client and family only of the cases this user sees."""
    clients = {item.case.client_id for item in items}
    return [
        attendee
        for attendee in conference.attendees.select_related("staff", "client", "family_member")
        if not attendee.is_person_of_the_case
        or (attendee.client_id or attendee.family_member.client_id) in clients
    ]


@require_http_methods(["GET", "POST"])
def conference_detail(request, public_id):
    conference = access.get_conference_for_user(request.user, public_id)
    can_run = access.can_supervise(request.user) and not conference.is_final
    items = list(_visible_items(conference, request.user).prefetch_related("case__client__family"))
    minutes = MinutesForm(request.POST or None, instance=conference)
    decision_forms = [
        DecisionForm(request.POST or None, instance=item, prefix=f"item{item.pk}") for item in items
    ]
    if request.method == "POST":
        access.require(can_run)
        saved = False
        if minutes.is_valid() and all(f.is_valid() for f in decision_forms):
            try:
                save_minutes(
                    by=request.user,
                    conference=minutes.save(commit=False),
                    minutes=minutes.cleaned_data["minutes"],
                    decisions={
                        f.instance.pk: {
                            **{k: f.cleaned_data[k] for k in DecisionForm.Meta.fields},
                            "version": f.read_version,
                        }
                        for f in decision_forms
                        if f.has_changed()
                    },
                    request=request,
                )
            except EditConflict as conflict:
                show_conflicts([minutes, *decision_forms], conflict)
            else:
                saved = True
        if saved:
            if "finalise" in request.POST:
                try:
                    finalise_conference(by=request.user, conference=conference, request=request)
                except ValidationError as error:
                    messages.error(request, error.messages[0])
                    return redirect("casework:conference-detail", public_id=conference.public_id)
                messages.success(
                    request, _("Minutes finalised; decisions applied and follow-up tasks created.")
                )
            else:
                messages.success(request, _("Minutes saved."))
            return redirect("casework:conference-detail", public_id=conference.public_id)
    else:
        audit.record_view(request, conference)
    return render(
        request,
        "casework/conference_detail.html",
        {
            "conference": conference,
            "items": list(zip(items, decision_forms, strict=True)),
            "attendees": _visible_attendees(conference, items),
            "person_form": PersonAttendeeForm(items=items),
            "amendments": conference.amendments.select_related("added_by"),
            "minutes_form": minutes,
            "external_form": ExternalAttendeeForm(prefix="external"),
            "amendment_form": AmendmentForm(),
            "can_run": can_run,
            "can_amend": access.can_supervise(request.user) and conference.is_final,
        },
        status=409 if (minutes.conflict or any(f.conflict for f in decision_forms)) else 200,
    )


@require_POST
def conference_add_external(request, public_id):
    conference = access.get_conference_for_user(request.user, public_id)
    access.require(access.can_supervise(request.user))
    form = ExternalAttendeeForm(request.POST, prefix="external")
    if form.is_valid():
        try:
            add_external_attendee(
                by=request.user, conference=conference, data=form.cleaned_data, request=request
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Participant added."))
    else:
        messages.error(request, _("Write the participant's name."))
    return redirect("casework:conference-detail", public_id=conference.public_id)


@require_POST
def conference_amend(request, public_id):
    conference = access.get_conference_for_user(request.user, public_id)
    access.require(access.can_supervise(request.user))
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            amend_minutes(
                by=request.user,
                conference=conference,
                text=form.cleaned_data["text"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Correction added to the minutes."))
    return redirect("casework:conference-detail", public_id=conference.public_id)
