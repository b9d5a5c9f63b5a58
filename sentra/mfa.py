"""Multi-factor sign-in: who needs it, and the middleware that holds a signed-in user at the
second step until they pass it. The devices are django-otp's (TOTP and recovery codes)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device

from sentra.scopes import Role

# Pages a user between the password and the second step may still reach.
OPEN_PATHS = ("/accounts/", "/i18n/", "/static/", "/healthz")


def must_use_mfa(user) -> bool:
    """Supervisors and admins (and superusers) in production, unless a demo account."""
    if not settings.MFA_REQUIRED or getattr(user, "mfa_exempt", False):
        return False
    return user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN)


def safe_next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class MultiFactorMiddleware:
    """After the password: a user with a device proves it once per session; one who must use
    MFA and has none is sent to set it up. With MFA_REQUIRED off (demo, development) a
    social worker's own device is not asked for either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PATHS)
            and not getattr(user, "mfa_exempt", False)
        ):
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('mfa-verify')}?next={request.get_full_path()}")
            if must_use_mfa(user):
                return redirect("mfa-setup")
        return self.get_response(request)
