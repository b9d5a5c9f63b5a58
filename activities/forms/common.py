"""Pieces the activities forms share: the time widget and the checks of a facilitator or
instructor (staff or an external person)."""

from django import forms
from django.utils.translation import gettext_lazy as _

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def require_someone(form, staff_field: str, name_field: str, message) -> None:
    """A staff member or an external person's name, not neither."""
    cleaned = form.cleaned_data
    if not cleaned.get(staff_field) and not (cleaned.get(name_field) or "").strip():
        form.add_error(staff_field, message)


def require_order(form, start_field: str, end_field: str, message) -> None:
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end <= start:
        form.add_error(end_field, message)


FACILITATOR_MISSING = _("Name who leads it: a staff member or an external person.")
