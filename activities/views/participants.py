"""One participant of a course: their evaluations and attendance, the final result, the
certificate, the starter package, business practice, withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.forms.courses import (
    CertificateForm,
    PracticeForm,
    ResultForm,
    StarterPackageForm,
    WithdrawForm,
)
from activities.models import Attendance, Certificate
from activities.services.completion import (
    give_starter_package,
    issue_certificate,
    record_business_practice,
)
from activities.services.courses import record_final_result, withdraw_enrolment
from casework.models import Case
from sentra import access, audit
from sentra.versioning import EditConflict


def _back(enrolment):
    return redirect("activities:participant", public_id=enrolment.public_id)


def _flash_errors(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, errors[0])


@require_GET
def participant(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    audit.record_view(request, enrolment)
    course = enrolment.course
    evaluations = {e.module_id: e for e in enrolment.evaluations.all()}  # type: ignore[attr-defined]
    last_certificate = Certificate.objects.filter(centre=course.centre).order_by("-id").first()
    return render(
        request,
        "activities/participant.html",
        {
            "enrolment": enrolment,
            "course": course,
            "case": enrolment.case,
            "can_open_case": Case.objects.visible_to(request.user)
            .filter(pk=enrolment.case_id)
            .exists(),
            "rows": [(m, evaluations.get(m.pk)) for m in course.modules.all()],  # type: ignore[attr-defined]
            "attendance": Attendance.objects.filter(case=enrolment.case, activity__course=course)
            .select_related("activity", "activity__module")
            .order_by("-activity__held_on"),
            "certificate": getattr(enrolment, "certificate", None),
            "package": getattr(enrolment, "starter_package", None),
            "practices": enrolment.practices.all(),  # type: ignore[attr-defined]
            "result_form": ResultForm(instance=enrolment),
            "certificate_form": CertificateForm(
                initial={
                    "issued_on": timezone.localdate(),
                    "signatory_name": getattr(last_certificate, "signatory_name", ""),
                    "signatory_position": getattr(last_certificate, "signatory_position", ""),
                    "signatory_number": getattr(last_certificate, "signatory_number", ""),
                }
            ),
            "package_form": StarterPackageForm(
                centre=course.centre, initial={"given_on": timezone.localdate()}
            ),
            "practice_form": PracticeForm(initial={"practised_on": timezone.localdate()}),
            "withdraw_form": WithdrawForm(),
            "can_record": access.can_record_activities(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def participant_result(request, public_id):
    """The final result: on the participant's page, and on a page of its own where a
    mistake or a conflict with somebody else's result is shown."""
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = ResultForm(request.POST or None, instance=enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            record_final_result(
                by=request.user,
                enrolment=form.save(commit=False),
                result=form.cleaned_data["final_result"],
                notes=form.cleaned_data["final_notes"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Final result saved."))
            return _back(enrolment)
    return render(
        request,
        "activities/participant_result.html",
        {"enrolment": enrolment, "course": enrolment.course, "form": form},
        status=409 if form.conflict else 200,
    )


@require_POST
def participant_withdraw(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return _back(enrolment)
    try:
        withdraw_enrolment(
            by=request.user,
            enrolment=enrolment,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The participant has withdrawn from the course."))
    return _back(enrolment)


@require_POST
def participant_certificate(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = CertificateForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return _back(enrolment)
    try:
        certificate = issue_certificate(
            by=request.user, enrolment=enrolment, data=form.cleaned_data, request=request
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Certificate %(number)s issued; print it as PDF.") % {"number": certificate.number},
        )
    return _back(enrolment)


@require_POST
def participant_package(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = StarterPackageForm(request.POST, centre=enrolment.course.centre)
    if not form.is_valid():
        _flash_errors(request, form)
        return _back(enrolment)
    data = {k: form.cleaned_data[k] for k in StarterPackageForm.Meta.fields}
    try:
        give_starter_package(
            by=request.user,
            enrolment=enrolment,
            data=data,
            service_type=form.cleaned_data["service_type"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Starter package recorded, and booked as a service on the case.")
        )
    return _back(enrolment)


@require_POST
def participant_practice(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = PracticeForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return _back(enrolment)
    record_business_practice(
        by=request.user,
        enrolment=enrolment,
        data={k: form.cleaned_data[k] for k in PracticeForm.Meta.fields},
        request=request,
    )
    messages.success(request, _("Business practice recorded."))
    return _back(enrolment)
