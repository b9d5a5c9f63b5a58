"""Data protection (UU PDP): who records a client's wishes, who approves an access request,
who keeps the breach register and the retention rule."""

from clients.models import Client, ProcessingRestriction
from privacy.models import BreachIncident, SubjectAccessRequest
from sentra.access.base import get_or_404
from sentra.scopes import Role, has_role


def can_record_privacy_requests(user) -> bool:
    """Those who change a client's file record the client's requests (access, restriction,
    objection): social workers and supervisors."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def can_approve_access_request(user, request: SubjectAccessRequest) -> bool:
    """A supervisor of the client's centre: the export holds the whole file, confidential
    notes included, so the one who may read them all decides."""
    if not has_role(user, Role.SUPERVISOR):
        return False
    return user.is_superuser or request.centre_id == user.centre_id


def can_keep_privacy_registers(user) -> bool:
    """The breach register, the retention rule and the records of processing: the centre's
    admins and supervisors."""
    return has_role(user, Role.ADMIN, Role.SUPERVISOR) and (
        user.is_superuser or user.centre_id is not None
    )


def get_access_request_for_user(user, public_id) -> SubjectAccessRequest:
    return get_or_404(
        SubjectAccessRequest.objects.visible_to(user).select_related(
            "client", "centre", "recorded_by", "decided_by", "pdf_run", "json_run"
        ),
        public_id=public_id,
    )


def get_restriction_of_client_for_user(user, client: Client, public_id) -> ProcessingRestriction:
    """A restriction in force of `client` (already fetched through get_client_for_user)."""
    return get_or_404(
        client.processing_restrictions.in_force(),  # type: ignore[attr-defined]
        public_id=public_id,
    )


def get_breach_for_user(user, public_id) -> BreachIncident:
    return get_or_404(BreachIncident.objects.visible_to(user), public_id=public_id)
