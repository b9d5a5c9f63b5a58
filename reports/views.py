from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports import services
from reports.forms import CaseReportForm, MonthlyReportForm
from reports.models import ReportRun
from sentra import access, audit
from sentra.lists import paginate


@require_http_methods(["GET", "POST"])
def report_list(request):
    user = request.user
    can_monthly = access.can_request_monthly_report(user, user.centre)
    form = MonthlyReportForm(request.POST or None)
    if request.method == "POST":
        if not can_monthly:
            raise PermissionDenied
        if form.is_valid():
            run = services.request_report(
                by=user,
                kind=form.cleaned_data["kind"],
                params={"centre": user.centre_id, "month": form.cleaned_data["month"]},
                centre=user.centre,
                request=request,
            )
            messages.success(request, _("The report is queued; this page shows its progress."))
            return redirect(f"{request.path}#run-{run.public_id}")
    runs = ReportRun.objects.visible_to(user).select_related("requested_by", "centre")
    return render(
        request,
        "reports/report_list.html",
        {"page": paginate(request, runs), "form": form if can_monthly else None},
    )


@require_POST
def request_case_report(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    if not access.can_request_case_report(request.user, case):
        raise PermissionDenied
    form = CaseReportForm(request.POST)
    include_notes = form.is_valid() and form.cleaned_data["include_notes"]
    services.request_report(
        by=request.user,
        kind=ReportRun.Kind.CASE_PDF,
        params={"case": case.pk, "include_notes": include_notes},
        centre=case.centre,
        request=request,
    )
    messages.success(request, _("The case report is queued; this page shows its progress."))
    return redirect("reports:list")


@require_GET
def run_status(request, public_id):
    """The htmx-polled row: status, progress, and the download once ready."""
    run = access.get_report_for_user(request.user, public_id)
    return render(request, "reports/_run_row.html", {"run": run})


@require_POST
def run_regenerate(request, public_id):
    run = access.get_report_for_user(request.user, public_id)
    if run.kind == ReportRun.Kind.CASE_PDF:
        from casework.models import Case

        case = Case.objects.get(pk=run.params["case"])
        allowed = access.can_request_case_report(request.user, case)
    else:
        allowed = access.can_request_monthly_report(request.user, run.centre)
    if not allowed:
        raise PermissionDenied
    services.request_report(
        by=request.user, kind=run.kind, params=run.params, centre=run.centre, request=request
    )
    messages.success(request, _("A fresh copy is queued."))
    return redirect("reports:list")


@require_GET
def run_download(request, public_id):
    run = access.get_report_for_user(request.user, public_id)
    if run.status != ReportRun.Status.DONE:
        raise Http404
    # Access is checked again at download: a case report is only for who may still ask.
    if run.kind == ReportRun.Kind.CASE_PDF:
        from casework.models import Case

        case = Case.objects.filter(pk=run.params["case"]).first()
        if case is None or not access.can_request_case_report(request.user, case):
            raise Http404
    try:
        handle = run.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(
        audit.Action.DOWNLOAD, by=request.user, obj=run, request=request, centre=run.centre
    )
    content_types = {
        "pdf": "application/pdf",
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = FileResponse(
        handle, as_attachment=True, filename=run.filename, content_type=content_types[run.extension]
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def dashboard(request):
    """This month's key figures and twelve months of trends (admins and supervisors)."""
    if not access.can_request_monthly_report(request.user, request.user.centre):
        raise PermissionDenied
    from django.utils.safestring import mark_safe

    from reports.dashboard import centre_dashboard

    context = centre_dashboard(request.user.centre)
    context["chart"] = mark_safe(context["chart"])  # noqa: S308  (numbers and escaped labels)
    return render(request, "reports/dashboard.html", context)
