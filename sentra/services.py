"""Changes to centres and staff. Each writes the audit trail in its own transaction."""

from django.db import transaction

from sentra import audit
from sentra.models import Centre, User
from sentra.versioning import save_versioned


def create_staff(*, by: User, centre: Centre, data: dict, password: str, request=None) -> User:
    with transaction.atomic():
        member = User(centre=centre, **data)
        member.set_password(password)
        member._change_reason = "created"  # type: ignore[attr-defined]  # django-simple-history
        member.save()
        audit.record(audit.Action.CREATE, by=by, obj=member, request=request, fields=data)
    return member


def update_staff(*, by: User, member: User, fields: list[str], request=None) -> User:
    """Save a staff member already changed by a bound form; `fields` names what changed."""
    with transaction.atomic():
        save_versioned(member)
        audit.record(audit.Action.UPDATE, by=by, obj=member, request=request, fields=fields)
    return member


def reset_staff_password(*, by: User, member: User, password: str, request=None) -> None:
    with transaction.atomic():
        member.set_password(password)
        member.save(update_fields=["password"])
        audit.record(audit.Action.PASSWORD_RESET, by=by, obj=member, request=request)


def update_centre(*, by: User, centre: Centre, fields: list[str], request=None) -> Centre:
    with transaction.atomic():
        save_versioned(centre)
        audit.record(audit.Action.UPDATE, by=by, obj=centre, request=request, fields=fields)
    return centre
