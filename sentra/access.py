"""The one access policy. Every view that shows or changes a record asks here.

Rules (see DOMAIN.md):
- A user sees only their own centre's records; another centre's record is a 404, never
  the record and never a hint that it exists. Superusers see every centre.
- Social worker: full access to the cases they work (primary or team member) and to those
  cases' clients, and to clients they registered themselves.
- Supervisor: every case and client of the centre.
- Admin: staff, centre settings, reference lists and reports; client and case metadata
  read-only; never confidential notes.
- Everyone in the centre sees the registry "existence" view (name, registration number,
  sex, birth year, status, assigned worker) so duplicates can be found without opening
  someone else's file.

Single objects: `get_<thing>_for_user(user, public_id, for_write=False)` raises Http404
when the user may not see the record and PermissionDenied (403) when they may see it but
not change it. Lists start from `<Model>.objects.visible_to(user)`, whose filters are the
`*_filter(user)` functions below.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from sentra.models import Role, User

NOTHING = Q(pk__in=[])


def _get_or_404(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        # A malformed UUID is answered like a missing record.
        raise Http404 from None


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role in roles


def role_required(*roles: str):
    """View decorator: 403 unless the user has one of `roles` (superusers always pass)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def centre_filter(user, field: str = "centre") -> Q:
    """Records of the user's own centre (all centres for a superuser)."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    if user.centre_id is None:
        return NOTHING
    return Q(**{field: user.centre_id})


# --- Staff -----------------------------------------------------------------------------


def can_manage_staff(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN)


def staff_visible_to(user) -> QuerySet[User]:
    return User.objects.filter(centre_filter(user)).select_related("centre")


def get_staff_for_user(user, public_id, for_write: bool = False) -> User:
    member = _get_or_404(staff_visible_to(user), public_id=public_id)
    if for_write and not can_manage_staff(user):
        raise PermissionDenied
    return member

