"""Services recorded on a case, and the service catalogue."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.forms.service_records import ServiceRecordForm, ServiceTypeForm
from casework.models import (
    ServiceType,
)
from casework.services.service_records import record_service, save_service_type
from sentra import access, audit


@require_http_methods(["GET", "POST"])
def case_services(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    if request.method == "POST":
        access.require(access.can_change_cases(request.user))
    form = ServiceRecordForm(
        request.POST or None,
        request.FILES or None,
        case=case,
        initial={"provider_staff": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "receipt"}
        record_service(
            by=request.user,
            case=case,
            data=data,
            receipt=form.cleaned_data.get("receipt"),
            receipt_content_type=form.receipt_content_type,
            request=request,
        )
        messages.success(request, _("Service recorded."))
        return redirect("casework:case-services", public_id=case.public_id)
    records = case.services.select_related(
        "service_type", "provider_staff", "provider_partner", "plan_goal"
    )
    return render(
        request,
        "casework/case_services.html",
        {
            "case": case,
            "records": records,
            "form": form,
            "can_change": access.can_change_cases(request.user) and case.is_open,
        },
    )


@require_GET
def service_receipt(request, public_id, service_id):
    """A service's receipt, to whoever may see the case (the file was re-encoded or its
    PDF checked at upload; nosniff keeps the browser from guessing)."""
    case = access.get_case_for_user(request.user, public_id)
    record = get_object_or_404(case.services.exclude(receipt=""), public_id=service_id)
    try:
        handle = record.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(audit.Action.DOWNLOAD, by=request.user, obj=record, request=request)
    extension = record.receipt.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{case.number.replace('/', '-')}-receipt.{extension}",
        content_type=record.receipt_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def service_type_list(request):
    """The service catalogue: the ministry's entries and this centre's own."""
    access.require(access.can_manage_reference_lists(request.user))
    centre = request.user.centre
    form = ServiceTypeForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        service_type = form.save(commit=False)
        service_type.centre = centre
        save_service_type(by=request.user, service_type=service_type, request=request)
        messages.success(request, _("Service added to the catalogue."))
        return redirect("casework:service-type-list")
    types = ServiceType.objects.for_centre(centre)
    return render(request, "casework/service_type_list.html", {"types": types, "form": form})
