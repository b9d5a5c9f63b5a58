"""The two primitives of the policy: fetching what a user may see, enforcing an answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404


def require(allowed: bool) -> None:
    """Enforce an answer of a `can_...` function: 403 unless it is yes."""
    if not allowed:
        raise PermissionDenied


def get_or_404(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        # A malformed UUID is answered like a missing record.
        raise Http404 from None
