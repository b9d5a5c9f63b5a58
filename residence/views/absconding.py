"""Absconding reports: the list, a new report, a report's page with the people told and
the search, and its end."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from residence.forms.absconding import (
    AbscondingActionForm,
    AbscondingEndForm,
    AbscondingReportForm,
)
from residence.models import AbscondingAction, AbscondingReport
from residence.services.absconding import (
    add_absconding_action,
    report_absconding,
    resolve_absconding,
)
from sentra import access, audit
from sentra.lists import paginate


@require_GET
def absconding_list(request):
    reports = AbscondingReport.objects.visible_to(request.user).select_related(
        "stay__client", "reported_by"
    )
    return render(
        request,
        "residence/absconding_list.html",
        {
            "open": list(reports.open().order_by("last_seen_at")),
            "page": paginate(request, reports.exclude(status="open").order_by("-resolved_at")),
        },
    )


@require_http_methods(["GET", "POST"])
def absconding_new(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user) and stay.is_current)
    form = AbscondingReportForm(
        request.POST or None,
        initial={"last_seen_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = report_absconding(
                by=request.user, stay=stay, data=form.cleaned_data, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(
                request,
                _(
                    "Absconding report opened: tell the family, the police and the referring "
                    "institution, and record it here."
                ),
            )
            return redirect("residence:absconding", public_id=report.public_id)
    return render(
        request,
        "residence/stay_form.html",
        {"stay": stay, "form": form, "title": _("Report absconding")},
    )


@require_http_methods(["GET", "POST"])
def absconding_detail(request, public_id):
    report = access.get_absconding_for_user(request.user, public_id)
    works_here = access.can_work_in_residence(request.user)
    if request.method == "POST":
        access.require(works_here and report.is_open)
    form = AbscondingActionForm(
        request.POST or None,
        initial={"done_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        add_absconding_action(
            by=request.user, report=report, data=form.cleaned_data, request=request
        )
        messages.success(request, _("Recorded."))
        return redirect("residence:absconding", public_id=report.public_id)
    if request.method == "GET":
        audit.record_view(request, report)
    actions = list(report.actions.select_related("recorded_by"))  # type: ignore[attr-defined]
    told = {action.kind for action in actions}
    return render(
        request,
        "residence/absconding_detail.html",
        {
            "report": report,
            "actions": actions,
            "not_told": [
                party for kind, party in AbscondingAction.MUST_TELL.items() if kind not in told
            ],
            "form": form if works_here and report.is_open else None,
            "end_form": AbscondingEndForm() if works_here and report.is_open else None,
            "can_close": access.can_supervise(request.user),
        },
    )


@require_POST
def absconding_end(request, public_id):
    report = access.get_absconding_for_user(request.user, public_id)
    access.require(access.can_work_in_residence(request.user))
    form = AbscondingEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome and say how it ended."))
        return redirect("residence:absconding", public_id=report.public_id)
    returned = form.cleaned_data["outcome"] == "returned"
    # Giving up the search moves the resident out: a supervisor's decision.
    access.require(returned or access.can_supervise(request.user))
    try:
        resolve_absconding(
            by=request.user,
            report=report,
            returned=returned,
            at=form.cleaned_data["at"],
            note=form.cleaned_data["note"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The resident is back: the report is closed.") if returned else _("Report closed."),
        )
    return redirect("residence:absconding", public_id=report.public_id)
