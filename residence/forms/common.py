"""Form pieces the residence forms share: plausible dates and times, bed choices."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residence.models.base import EARLIEST

# A time typed on a phone may run a few minutes ahead of the server's clock.
CLOCK_SLACK = timedelta(minutes=10)


def past_date(value, message=None):
    """A date that has happened: not in the future, not before 2000."""
    if value is None:
        return value
    if value < EARLIEST:
        raise forms.ValidationError(_("Check the year: the date is too long ago."))
    if value > timezone.localdate():
        raise forms.ValidationError(message or _("The date cannot be in the future."))
    return value


def past_moment(value, message=None):
    if value is None:
        return value
    if value.date() < EARLIEST:
        raise forms.ValidationError(_("Check the year: the date is too long ago."))
    if value > timezone.now() + CLOCK_SLACK:
        raise forms.ValidationError(message or _("The time cannot be in the future."))
    return value


def bed_label(bed) -> str:
    return f"{bed.room.building.name} · {bed.room.name} · {bed.label}"


class BedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return bed_label(obj)
