"""Reports: who may ask for and download which."""

from activities.models import (
    Certificate,
)
from casework.models import (
    Case,
)
from privacy.models import SubjectAccessRequest
from reports.models import Letter, ReportRun
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
    if run.kind == ReportRun.Kind.LETTER_PDF:
        letter = Letter.objects.filter(pk=run.params.get("letter")).select_related("case").first()
        return letter is not None and can_issue_letter(user, letter.case)
    if run.kind == ReportRun.Kind.CERTIFICATE_PDF:
        certificate = Certificate.objects.filter(pk=run.params.get("certificate")).first()
        return certificate is not None and can_request_certificate(user, certificate)
    return can_request_monthly_report(user, run.centre)


def get_report_for_user(user, public_id) -> ReportRun:
    return get_or_404(ReportRun.objects.visible_to(user), public_id=public_id)


# --- Official letters --------------------------------------------------------------------------


def can_issue_letter(user, case: Case) -> bool:
    """Issue and print a case's letters: those who may ask for its case report (the case
    team and the centre's supervisors)."""
    return can_request_case_report(user, case)


def can_cancel_letter(user, letter: Letter) -> bool:
    """Cancel: the centre's supervisors, or whoever issued it while they still work the case."""
    if not can_issue_letter(user, letter.case):
        return False
    return user.is_superuser or user.role == Role.SUPERVISOR or letter.issued_by_id == user.pk


def can_verify_letters(user) -> bool:
    """Any active member of staff may check a paper copy against the register."""
    return user.is_authenticated and user.is_active


def get_letter_for_user(user, public_id) -> Letter:
    return get_or_404(Letter.objects.visible_to(user).select_related("case"), public_id=public_id)


def find_letter_by_code(user, code: str) -> Letter | None:
    """The letter of the user's own centre with this verification code, if any."""
    code = "".join(code.split()).upper()
    return Letter.objects.of_centre(user).filter(verification_code=code).first() if code else None
