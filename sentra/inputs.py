"""Form pieces every app shares: date widgets, the staff a centre can choose from, and the
plausibility bounds of dates."""

from datetime import date

from django import forms
from django.utils import timezone

from sentra.models import User

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def staff_of(centre, *roles: str):
    """Active staff of `centre` with one of `roles`, by name: the choices of a staff field."""
    return User.objects.in_centre(centre).active().filter(role__in=roles).order_by("full_name")


def not_in_future(value: date | None, message) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
