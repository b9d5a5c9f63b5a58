"""Plausible values for what people type: dates, amounts, quantities, texts.

The database holds the wide, fixed bounds (a check constraint cannot know today's date);
model validators hold the narrow ones, and ModelForms run them, so a form shows a clear
error and the database refuses what slips past a form. A year-0001 date once made a case
page fail for everyone (the time-zone conversion overflows): no such value is stored now.
"""

from datetime import UTC, date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, DateTimeField, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 1, 1)
# How far ahead a planned date may reasonably lie.
YEARS_AHEAD = 10
# Rupiah: a hundred billion is above any single service or benefit.
MAX_AMOUNT = 100_000_000_000
MAX_QUANTITY = 1_000_000
# Characters of one free-text field (a long note is ~20,000).
MAX_TEXT = 50_000


def date_check(field: str, name: str, *, moment: bool = False) -> CheckConstraint:
    """A database check that `field` lies within EARLIEST..LATEST; `moment` for a
    date-time field (the bounds are then midnight UTC)."""
    low, high = (
        (datetime.combine(EARLIEST, time(), UTC), datetime.combine(LATEST, time(), UTC))
        if moment
        else (EARLIEST, LATEST)
    )
    inside = Q(**{f"{field}__gte": low}) & Q(**{f"{field}__lt": high})
    return CheckConstraint(condition=inside | Q(**{f"{field}__isnull": True}), name=name)


def repair_dates(model, *fields: str) -> None:
    """For a migration that adds `date_check`s: a value stored before outside
    EARLIEST..LATEST becomes empty when the field may be, else the nearest bound (the
    audit trail and the history keep what was there)."""
    for name in fields:
        field = model._meta.get_field(name)
        low, high = EARLIEST, LATEST - timedelta(days=1)
        if isinstance(field, DateTimeField):
            low, high = (datetime.combine(day, time(), UTC) for day in (low, high))
        rows = model._base_manager
        rows.filter(**{f"{name}__lt": low}).update(**{name: None if field.null else low})
        rows.filter(**{f"{name}__gt": high}).update(**{name: None if field.null else high})


def amount_check(field: str, name: str, *, high: int = MAX_AMOUNT) -> CheckConstraint:
    inside = Q(**{f"{field}__gte": 0}) & Q(**{f"{field}__lte": high})
    return CheckConstraint(condition=inside | Q(**{f"{field}__isnull": True}), name=name)


def plausible_date(value) -> None:
    """A model validator: 1900-01-01 up to YEARS_AHEAD years from today."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    latest = timezone.localdate() + timedelta(days=365 * YEARS_AHEAD)
    if day < EARLIEST or day > latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            params={"earliest": EARLIEST.isoformat(), "latest": latest.isoformat()},
            code="implausible_date",
        )


def plausible_amount(value) -> None:
    if value is not None and not 0 <= value <= MAX_AMOUNT:
        raise ValidationError(_("Enter an amount from 0 to 100,000,000,000."), code="amount")


def plausible_quantity(value) -> None:
    if value is not None and not 0 <= value <= MAX_QUANTITY:
        raise ValidationError(_("Enter a quantity from 0 to 1,000,000."), code="quantity")


def bound_every_form_date() -> None:
    """Every date and date-time field of every form (model forms, plain forms, forms added
    later) runs `plausible_date`: one rule instead of one validator per field, and a wrong
    date comes back as a form error with the typed text kept. Called once at start-up
    (SentraConfig.__init__), before any form class is built."""
    for field_class in (forms.DateField, forms.DateTimeField):
        if plausible_date not in field_class.default_validators:
            field_class.default_validators = [*field_class.default_validators, plausible_date]
