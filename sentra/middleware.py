from django.utils import timezone


class CentreTimezoneMiddleware:
    """Show times in the zone of the user's centre (WIB, WITA or WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        centre = getattr(user, "centre", None) if user and user.is_authenticated else None
        if centre is not None:
            timezone.activate(centre.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)
