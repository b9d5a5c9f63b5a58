from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports import services
from reports.dashboard import centre_dashboard
from reports.forms import CaseReportForm, MonthlyReportForm
from reports.models import ReportRun
from sentra import access, audit
from sentra.lists import paginate
from sentra.replica import reading_for_reports


@require_http_methods(["GET", "POST"])
def report_list(request):
    user = request.user
    can_monthly = access.can_request_monthly_report(user, user.centre)
    form = MonthlyReportForm(request.POST or None)
    if request.method == "POST":
        access.require(can_monthly)
        if form.is_valid():
            run = services.request_report(
                by=user,
                kind=form.cleaned_data["kind"],
                params={
                    "centre": user.centre_id,
                    "month": form.cleaned_data["month"],
                    "period": form.cleaned_data["period"],
                },
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
    access.require(access.can_request_case_report(request.user, case))
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


@require_POST
def request_certificate(request, public_id):
    """A course certificate as PDF, prepared like every other report."""
    certificate = access.get_certificate_for_user(request.user, public_id)
    access.require(access.can_request_certificate(request.user, certificate))
    services.request_report(
        by=request.user,
        kind=ReportRun.Kind.CERTIFICATE_PDF,
        params={"certificate": certificate.pk},
        centre=certificate.centre,
        request=request,
    )
    messages.success(request, _("The certificate is queued; this page shows its progress."))
    return redirect("reports:list")


@require_GET
def run_status(request, public_id):
    """The htmx-polled row: status, progress, and the download once ready."""
    run = access.get_report_for_user(request.user, public_id)
    return render(request, "reports/_run_row.html", {"run": run})


@require_POST
def run_regenerate(request, public_id):
    run = access.get_report_for_user(request.user, public_id)
    access.require(access.can_have_report(request.user, run))
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
    # Access is checked again at download: a report is only for who may still ask for it
    # (and a case report that is no longer theirs is not even revealed).
    if not access.can_have_report(request.user, run):
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
        "json": "application/json",
        "zip": "application/zip",
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
    access.require(access.can_request_monthly_report(request.user, request.user.centre))
    with reading_for_reports():  # figures of months: replication lag does not matter
        context = centre_dashboard(request.user.centre)
    return render(request, "reports/dashboard.html", context)
