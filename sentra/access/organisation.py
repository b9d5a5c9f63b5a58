"""Centre, staff, audit trail and reference lists."""

from sentra.access.base import get_or_404
from sentra.models import User
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
