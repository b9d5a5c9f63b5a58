"""Today's sessions for the home page (sentra/home.py gathers it with the other apps')."""

from django.utils import timezone

from activities.services.schedule import sessions_on
from sentra import access


def activities_today(user) -> dict:
    """The sessions of the user's centre today, each ready for its attendance."""
    day = timezone.localdate()
    return {
        "sessions": sessions_on(user.centre, day) if user.centre_id else [],
        "day": day,
        "can_record": access.can_record_activities(user),
    }
