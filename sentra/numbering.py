"""Readable numbers unique per centre: ALY-2026-0042 (clients), ALY-K-2026-0107 (cases)."""

from django.db import transaction
from django.db.models import F

from sentra.models import Centre, NumberSequence


def next_number(*, centre: Centre, kind: str, year: int, prefix: str = "") -> str:
    """The next number of `kind` for `centre` and `year`, safe under concurrent requests:
    the counter row is locked until the caller's transaction ends."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(centre=centre, kind=kind, year=year)
        sequence = NumberSequence.objects.select_for_update().get(
            centre=centre, kind=kind, year=year
        )
        NumberSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
        sequence.refresh_from_db(fields=["last"])
    middle = f"{prefix}-" if prefix else ""
    return f"{centre.code}-{middle}{year}-{sequence.last:04d}"
