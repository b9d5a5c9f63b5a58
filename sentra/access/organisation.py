"""Centre, staff, audit trail and reference lists."""

from sentra.access.base import get_or_404
from sentra.models import RoleGrant, User
from sentra.scopes import Role, has_role


def can_manage_staff(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_centre(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_reference_lists(user) -> bool:
    """Categories, the service catalogue, partner institutions, instruments."""
    return has_role(user, Role.ADMIN)


def get_staff_for_user(user, public_id) -> User:
    return get_or_404(User.objects.visible_to(user).select_related("centre"), public_id=public_id)


def can_confirm_role_grant(user, grant: RoleGrant) -> bool:
    """A second person: a supervisor of the member's centre or a superuser, never the one
    who asked and never the member."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk in (grant.requested_by_id, grant.member_id):
        return False
    if user.is_superuser:
        return True
    return user.role == Role.SUPERVISOR and user.centre_id == grant.member.centre_id


def get_role_grant_for_user(user, public_id) -> RoleGrant:
    return get_or_404(
        RoleGrant.objects.visible_to(user).select_related("member", "requested_by"),
        public_id=public_id,
    )
