"""Clients and what hangs off their file."""

from clients.models import AssistanceReceived, Client, ClientDocument, Consent, FamilyMember
from sentra.access.base import get_or_404
from sentra.scopes import Role, has_role


def can_change_clients(user) -> bool:
    """Admins read client metadata; only social workers and supervisors change it."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def get_client_for_user(user, public_id) -> Client:
    return get_or_404(
        Client.objects.visible_to(user, per_row=True).select_related(
            "centre", "category", "registered_by"
        ),
        public_id=public_id,
    )


def get_family_member_for_user(user, client: Client, public_id) -> FamilyMember:
    """A family member of `client` (already fetched through get_client_for_user)."""
    return get_or_404(client.family.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_document_for_user(user, client: Client, public_id) -> ClientDocument:
    return get_or_404(client.documents.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_consent_for_user(user, client: Client, public_id) -> Consent:
    """A consent of `client` that is still in force (withdrawn ones are history)."""
    return get_or_404(
        client.consents.filter(withdrawn_on__isnull=True),  # type: ignore[attr-defined]
        public_id=public_id,
    )


def get_assistance_for_user(user, client: Client, public_id) -> AssistanceReceived:
    """An assistance record of `client` (already fetched through get_client_for_user)."""
    return get_or_404(client.assistance.filter(is_archived=False), public_id=public_id)  # type: ignore[attr-defined]
