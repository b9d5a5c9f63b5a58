"""Reports: who may ask for and download which."""

from activities.models import (
    Certificate,
)
from casework.models import (
    Case,
)
from privacy.models import SubjectAccessRequest
from reports.models import ReportRun
from sentra.access.activities import can_request_certificate
from sentra.access.base import get_or_404
from sentra.access.privacy import can_approve_access_request
from sentra.scopes import Role


def can_request_case_report(user, case: Case) -> bool:
    """The case team and supervisors; not admins (the case file is not theirs to read)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if case.centre_id != user.centre_id:
        return False
    return user.role == Role.SUPERVISOR or (
        user.role == Role.SOCIAL_WORKER and user.pk in case.team_ids()
    )


def can_request_monthly_report(user, centre) -> bool:
    """Admins and supervisors of the centre; a superuser for any centre or all (None)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        centre is not None
        and centre.pk == user.centre_id
        and user.role in (Role.ADMIN, Role.SUPERVISOR)
    )


def can_have_report(user, run: ReportRun) -> bool:
    """Whether `user` may (still) ask for or download `run`: a case report only while they
    may ask for that case's report, a monthly report while they may ask for the centre's."""
    if run.kind == ReportRun.Kind.CASE_PDF:
        case = Case.objects.filter(pk=run.params.get("case")).select_related("centre").first()
        return case is not None and can_request_case_report(user, case)
    if run.kind in ReportRun.SUBJECT_KINDS:
        request = SubjectAccessRequest.objects.filter(pk=run.params.get("request")).first()
        return request is not None and can_approve_access_request(user, request)
    if run.kind == ReportRun.Kind.CERTIFICATE_PDF:
        certificate = Certificate.objects.filter(pk=run.params.get("certificate")).first()
        return certificate is not None and can_request_certificate(user, certificate)
    return can_request_monthly_report(user, run.centre)


def get_report_for_user(user, public_id) -> ReportRun:
    return get_or_404(ReportRun.objects.visible_to(user), public_id=public_id)
