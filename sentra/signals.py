"""Authentication events into the audit trail.

Django announces logins only through signals, so this is the one place
where the project listens to signals.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sentra import audit
from sentra.models import User


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    audit.record(audit.Action.LOGIN, by=user, obj=user, request=request)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, by=user, obj=user, request=request)


def _known_user(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("centre").first()


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    user = _known_user(username)
    audit.record(
        audit.Action.LOGIN_FAILED,
        by=None,
        obj=user,
        centre=user.centre if user else None,
        username=username,
        request=request,
    )
