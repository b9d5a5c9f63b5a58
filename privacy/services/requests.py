"""A client's requests under UU PDP: access to their data, restriction, objection."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, ProcessingRestriction
from privacy.models import SubjectAccessRequest
from reports.models import ReportRun
from reports.services import request_report
from sentra import access, audit
from sentra.models import User


@transaction.atomic
def record_access_request(
    *, by: User, client: Client, asked_by: str, asked_on, request=None
) -> SubjectAccessRequest:
    access_request = SubjectAccessRequest.objects.create(
        centre=client.centre, client=client, asked_by=asked_by, asked_on=asked_on, recorded_by=by
    )
    audit.record(
        audit.Action.CREATE, by=by, obj=access_request, request=request, fields=["asked_by"]
    )
    return access_request


@transaction.atomic
def approve_access_request(
    *, by: User, access_request: SubjectAccessRequest, request=None
) -> SubjectAccessRequest:
    """A supervisor approves: the PDF and the JSON export are queued as report runs."""
    access.require(access.can_approve_access_request(by, access_request))
    access_request = SubjectAccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != SubjectAccessRequest.Status.PENDING:
        raise ValidationError(_("This request has been decided already."))
    params = {"request": access_request.pk}
    access_request.pdf_run = request_report(
        by=by, kind=ReportRun.Kind.SUBJECT_PDF, params=params, centre=access_request.centre
    )
    access_request.json_run = request_report(
        by=by, kind=ReportRun.Kind.SUBJECT_JSON, params=params, centre=access_request.centre
    )
    access_request.status = SubjectAccessRequest.Status.APPROVED
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request.save()
    audit.record(audit.Action.UPDATE, by=by, obj=access_request, request=request, fields=["status"])
    return access_request


@transaction.atomic
def refuse_access_request(
    *, by: User, access_request: SubjectAccessRequest, reason: str, request=None
) -> SubjectAccessRequest:
    access.require(access.can_approve_access_request(by, access_request))
    access_request = SubjectAccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != SubjectAccessRequest.Status.PENDING:
        raise ValidationError(_("This request has been decided already."))
    access_request.status = SubjectAccessRequest.Status.REFUSED
    access_request.refusal_reason = reason
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request.save()
    audit.record(
        audit.Action.UPDATE,
        by=by,
        obj=access_request,
        request=request,
        fields=["status", "refusal_reason"],
    )
    return access_request


@transaction.atomic
def record_restriction(
    *, by: User, client: Client, kind: str, requested_on, reason: str, request=None
) -> ProcessingRestriction:
    """From now on the client is not shared in referrals nor counted in exports."""
    restriction = ProcessingRestriction.objects.create(
        client=client, kind=kind, requested_on=requested_on, reason=reason, recorded_by=by
    )
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=restriction,
        request=request,
        centre=client.centre,
        fields=["kind", "reason"],
    )
    return restriction


@transaction.atomic
def lift_restriction(*, by: User, restriction: ProcessingRestriction, request=None) -> None:
    updated = ProcessingRestriction.objects.filter(
        pk=restriction.pk, lifted_on__isnull=True
    ).update(lifted_on=timezone.localdate(), lifted_by=by)
    if updated:
        audit.record(
            audit.Action.UPDATE,
            by=by,
            obj=restriction,
            request=request,
            centre=restriction.client.centre,
            fields=["lifted_on"],
        )
