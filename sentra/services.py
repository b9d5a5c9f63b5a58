"""Changes to centres and staff. Each writes the audit trail in its own transaction."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra import access, audit
from sentra.models import CONFIDENTIAL_ROLES, Centre, RoleGrant, User
from sentra.scopes import Role
from sentra.versioning import save_versioned


def create_staff(*, by: User, centre: Centre, data: dict, password: str, request=None) -> User:
    """A role that reads confidential notes is not given here: the account starts as a
    social worker and the role waits for a second person (request_role)."""
    asked = data["role"]
    if asked in CONFIDENTIAL_ROLES:
        data = {**data, "role": Role.SOCIAL_WORKER}
    with transaction.atomic():
        member = User(centre=centre, **data)
        member.set_password(password)
        member._change_reason = "created"  # type: ignore[attr-defined]  # django-simple-history
        member.save()
        audit.record(audit.Action.CREATE, by=by, obj=member, request=request, fields=data)
        if asked in CONFIDENTIAL_ROLES:
            request_role(by=by, member=member, role=asked, request=request)
    return member


def update_staff(*, by: User, member: User, fields: list[str], request=None) -> User:
    """Save a staff member already changed by a bound form; `fields` names what changed.
    A new role that reads confidential notes is held back for a second person."""
    with transaction.atomic():
        asked = member.role
        if "role" in fields and asked in CONFIDENTIAL_ROLES:
            member.role = User.objects.get(pk=member.pk).role
            fields = [name for name in fields if name != "role"]
        save_versioned(member)
        if fields:
            audit.record(audit.Action.UPDATE, by=by, obj=member, request=request, fields=fields)
        if asked != member.role:
            request_role(by=by, member=member, role=asked, request=request)
    return member


def request_role(*, by: User, member: User, role: str, request=None) -> RoleGrant:
    """Ask for `member` to get `role`; the existing supervisors see it on their home page.
    A request already waiting for the member is kept (one at a time)."""
    with transaction.atomic():
        waiting = RoleGrant.objects.pending().filter(member=member).first()
        if waiting is not None:
            return waiting
        grant = RoleGrant.objects.create(member=member, role=role, requested_by=by)
        audit.record(audit.Action.CREATE, by=by, obj=grant, request=request, fields=["role"])
    return grant


def decide_role_grant(*, by: User, grant: RoleGrant, confirm: bool, request=None) -> RoleGrant:
    """The second person confirms (the role takes effect) or refuses."""
    if not access.can_confirm_role_grant(by, grant):
        raise PermissionDenied
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().select_related("member").get(pk=grant.pk)
        if grant.status != RoleGrant.Status.PENDING:
            raise ValidationError(_("This role change has been decided already."))
        grant.status = RoleGrant.Status.CONFIRMED if confirm else RoleGrant.Status.REFUSED
        grant.decided_by = by
        grant.decided_at = timezone.now()
        grant.save()
        if confirm:
            member = grant.member
            member.role = grant.role
            member.version += 1  # an edit form open on the member is now stale
            member._change_reason = "role confirmed"  # type: ignore[attr-defined]
            member.save(update_fields=["role", "version"])
        audit.record(audit.Action.UPDATE, by=by, obj=grant, request=request, fields=["status"])
    return grant


def role_grant_notices(user) -> dict:
    """What the home page tells supervisors (and superusers) about role grants: the ones
    waiting for them, and those of the last fortnight."""
    if not (user.is_superuser or user.role == Role.SUPERVISOR):
        return {}
    grants = RoleGrant.objects.visible_to(user).select_related(
        "member", "requested_by", "decided_by"
    )
    waiting = [g for g in grants.pending() if access.can_confirm_role_grant(user, g)]
    recent = grants.exclude(status=RoleGrant.Status.PENDING).filter(
        decided_at__gte=timezone.now() - timedelta(days=14)
    )[:10]
    return {"waiting": waiting, "recent": list(recent)}


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
