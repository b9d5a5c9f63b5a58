"""Create forms carry a one-time key (a UUID written into the form when it is shown): the
row stores it under a unique constraint, so a second submit of the same form lands on the
row the first one created instead of making another."""

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

Row = TypeVar("Row", bound=models.Model)


def create_once(model: type[Row], key, create: Callable[[], Row]) -> tuple[Row, bool]:
    """(row, created): the row made by `create()`, or the one an earlier submit of the same
    key made. Safe when both submits race: the constraint lets only one insert win."""
    if key is None:
        return create(), True
    existing = model._default_manager.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = model._default_manager.filter(submission_key=key).first()
        if existing is None:
            raise
        return existing, False
