"""An absolute lifetime for a sign-in, on top of the idle timeout of the session cookie."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

SIGNED_IN_AT = "signed_in_at"


class AbsoluteLifetimeMiddleware:
    """Ends a session SESSION_ABSOLUTE_SECONDS after its sign-in however active it is:
    the idle timeout alone lets a stolen cookie live for as long as someone keeps using it.
    The first request of a session after the sign-in stamps its start."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SIGNED_IN_AT, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
