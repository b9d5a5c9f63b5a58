"""The end of a course for a participant: a certificate (its PDF is a report run, see
reports/services.py), the starter package booked as an ATENSI service with its amount, and
business practice."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import BusinessPractice, Certificate, Enrolment, StarterPackage
from activities.models.activities import describe_refusal
from activities.rules import service_refusals
from casework.services.service_records import record_service
from sentra import audit, numbering
from sentra.models import User


@transaction.atomic
def issue_certificate(*, by: User, enrolment: Enrolment, data: dict, request=None) -> Certificate:
    """A numbered certificate for a competent participant (once: a second issue returns the
    first certificate)."""
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if not enrolment.is_competent:
        raise ValidationError(_("A certificate is issued only to a participant found competent."))
    centre = enrolment.course.centre
    issued_on = data["issued_on"]
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        centre=centre,
        number=numbering.next_number(
            centre=centre, kind="certificate", year=issued_on.year, prefix="SRT"
        ),
        issued_by=by,
        **data,
    )
    audit.record(audit.Action.CREATE, by=by, obj=certificate, request=request, fields=["number"])
    return certificate


@transaction.atomic
def give_starter_package(
    *, by: User, enrolment: Enrolment, data: dict, service_type, request=None
) -> StarterPackage:
    """Record the package and book it on the participant's case as the ATENSI service
    `service_type` (vocational or social assistance) with its amount, through the same
    service record every other service uses: the service figures count it once."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("case", "case__client")
        .get(pk=enrolment.pk)
    )
    if StarterPackage.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("This participant already received a starter package."))
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise ValidationError(_("Record the participant's final result first."))
    refusal = service_refusals([enrolment.case], data["given_on"]).get(enrolment.case_id)
    if refusal:
        raise ValidationError(
            _("The package is a service and this case may not receive one: %(reason)s.")
            % {"reason": describe_refusal(refusal)}
        )
    service = record_service(
        by=by,
        case=enrolment.case,
        data={
            "service_type": service_type,
            "delivered_on": data["given_on"],
            "provider_staff": by,
            "amount": data["amount"],
            "description": data["items"][:500],
        },
        request=request,
    )
    package = StarterPackage.objects.create(
        enrolment=enrolment, service=service, recorded_by=by, **data
    )
    audit.record(audit.Action.CREATE, by=by, obj=package, request=request, fields=["amount"])
    return package


@transaction.atomic
def record_business_practice(
    *, by: User, enrolment: Enrolment, data: dict, request=None
) -> BusinessPractice:
    practice = BusinessPractice.objects.create(enrolment=enrolment, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=practice, request=request, fields=sorted(data))
    return practice
