"""Pages of the data-protection duties. Each fetches through the access policy first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from privacy.forms import (
    AccessRequestForm,
    BreachEditForm,
    BreachForm,
    RefusalForm,
    RestrictionForm,
    RetentionForm,
)
from privacy.models import AnonymisationRun, BreachIncident, SubjectAccessRequest
from privacy.processing import processing_records
from privacy.services import registers, requests, retention
from sentra import access
from sentra.lists import paginate
from sentra.versioning import EditConflict

# The retention page lists the first clients the next pass anonymises, not all of them.
PREVIEW_SIZE = 200


def _client_page(request, client, *, restriction_form=None, request_form=None, status=200):
    return render(
        request,
        "privacy/client.html",
        {
            "client": client,
            "restrictions": client.processing_restrictions.select_related(
                "recorded_by", "lifted_by"
            ),
            "access_requests": client.access_requests.select_related("recorded_by", "decided_by"),
            "can_record": access.can_record_privacy_requests(request.user),
            "restriction_form": restriction_form or RestrictionForm(),
            "request_form": request_form or AccessRequestForm(),
        },
        status=status,
    )


@require_GET
def client_privacy(request, public_id):
    """A client's wishes under UU PDP: restrictions, objections, access requests."""
    client = access.get_client_for_user(request.user, public_id)
    return _client_page(request, client)


@require_POST
def restriction_add(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_record_privacy_requests(request.user))
    form = RestrictionForm(request.POST)
    if not form.is_valid():
        return _client_page(request, client, restriction_form=form, status=400)
    requests.record_restriction(
        by=request.user, client=client, request=request, **form.cleaned_data
    )
    messages.success(request, _("Recorded: the client is no longer shared or counted."))
    return redirect("privacy:client", public_id=client.public_id)


@require_POST
def restriction_lift(request, public_id, restriction_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_record_privacy_requests(request.user))
    restriction = access.get_restriction_of_client_for_user(request.user, client, restriction_id)
    requests.lift_restriction(by=request.user, restriction=restriction, request=request)
    messages.success(request, _("The restriction is lifted."))
    return redirect("privacy:client", public_id=client.public_id)


@require_POST
def access_request_add(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_record_privacy_requests(request.user))
    form = AccessRequestForm(request.POST)
    if not form.is_valid():
        return _client_page(request, client, request_form=form, status=400)
    requests.record_access_request(
        by=request.user, client=client, request=request, **form.cleaned_data
    )
    messages.success(request, _("The request is recorded; a supervisor decides on it."))
    return redirect("privacy:client", public_id=client.public_id)


@require_GET
def access_request_list(request):
    """The supervisors' queue of access requests."""
    access.require(access.can_keep_privacy_registers(request.user))
    items = SubjectAccessRequest.objects.visible_to(request.user).select_related(
        "client", "recorded_by", "decided_by", "pdf_run", "json_run"
    )
    return render(
        request,
        "privacy/request_list.html",
        {"page": paginate(request, items), "refusal_form": RefusalForm()},
    )


@require_POST
def access_request_approve(request, public_id):
    access_request = access.get_access_request_for_user(request.user, public_id)
    access.require(access.can_approve_access_request(request.user, access_request))
    try:
        requests.approve_access_request(
            by=request.user, access_request=access_request, request=request
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Approved: the export is being prepared (Reports)."))
    return redirect("privacy:requests")


@require_POST
def access_request_refuse(request, public_id):
    access_request = access.get_access_request_for_user(request.user, public_id)
    access.require(access.can_approve_access_request(request.user, access_request))
    form = RefusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for refusing."))
        return redirect("privacy:requests")
    try:
        requests.refuse_access_request(
            by=request.user,
            access_request=access_request,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("privacy:requests")


@require_http_methods(["GET", "POST"])
def retention_settings(request):
    """The centre's retention period, and a preview of who the next pass anonymises."""
    access.require(access.can_keep_privacy_registers(request.user))
    centre = request.user.centre
    if centre is None:
        return redirect("admin:index")
    policy = registers.retention_policy_of(centre)
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                registers.update_retention(
                    by=request.user,
                    policy=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Retention period saved."))
            return redirect("privacy:retention")
    return render(
        request,
        "privacy/retention.html",
        {
            "form": form,
            "due": retention.due_preview(centre, limit=PREVIEW_SIZE),
            "cutoff": retention.cutoff_for(centre),
            "runs": AnonymisationRun.objects.visible_to(request.user).select_related("run_by")[:10],
        },
        status=409 if form.conflict else 200,
    )


@require_POST
def retention_run(request):
    access.require(access.can_keep_privacy_registers(request.user))
    centre = request.user.centre
    if centre is None:
        return redirect("admin:index")
    run = retention.anonymise_due(centre=centre, by=request.user, request=request)
    messages.success(
        request,
        _("%(clients)s clients and %(cases)s cases anonymised.")
        % {"clients": run.clients, "cases": run.cases},
    )
    return redirect("privacy:retention")


@require_GET
def processing_register(request):
    access.require(access.can_keep_privacy_registers(request.user))
    return render(request, "privacy/processing.html", {"records": processing_records()})


@require_GET
def breach_list(request):
    access.require(access.can_keep_privacy_registers(request.user))
    breaches = BreachIncident.objects.visible_to(request.user).select_related("recorded_by")
    return render(
        request,
        "privacy/breach_list.html",
        {"page": paginate(request, breaches), "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
def breach_create(request):
    access.require(access.can_keep_privacy_registers(request.user))
    if request.user.centre is None:
        return redirect("admin:index")
    form = BreachForm(request.POST or None, initial={"discovered_at": timezone.localtime()})
    if request.method == "POST" and form.is_valid():
        registers.record_breach(
            by=request.user, centre=request.user.centre, data=form.cleaned_data, request=request
        )
        messages.success(request, _("Breach recorded. Notify within 3 x 24 hours of finding it."))
        return redirect("privacy:breach-list")
    return render(request, "privacy/breach_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def breach_edit(request, public_id):
    breach = access.get_breach_for_user(request.user, public_id)
    access.require(access.can_keep_privacy_registers(request.user))
    form = BreachEditForm(request.POST or None, instance=breach)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                registers.update_breach(
                    by=request.user,
                    breach=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Breach entry saved."))
            return redirect("privacy:breach-list")
    return render(
        request,
        "privacy/breach_form.html",
        {"form": form, "breach": breach},
        status=409 if form.conflict else 200,
    )
