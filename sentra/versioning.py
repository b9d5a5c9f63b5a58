"""Optimistic concurrency: no edit is ever silently lost.

Every editable record carries a `version`. An edit form carries the version it was read at
(`sentra.inputs.VersionedForm`), and the service saves with `save_versioned(record)`: one
conditional UPDATE bumps the version only if nobody saved since. If somebody did, nothing
changes and `EditConflict` says who changed what and when (from the record's history), so
the form can show it beside what this user typed. One mechanism for every model.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    yours: str = ""  # what this user's form holds for the same field, filled by the form


@dataclass
class EditConflict(Exception):
    """Somebody saved `current` after this user read it at `read_version`."""

    current: models.Model
    read_version: int
    changed_by: list[str] = field(default_factory=list)
    changed_at: datetime | None = None
    changes: list[FieldChange] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.current._meta.label} {self.current.pk} changed since v{self.read_version}"


def read_version_of(record: models.Model) -> int | None:
    """The version a form read the record at (None when no form said)."""
    return getattr(record, "_read_version", None)


def save_versioned(record: Versioned, **save_kwargs) -> None:
    """Save `record` unless somebody saved it since the version its form was read at.

    Records without a read version (created now, or changed by the system rather than a
    form) are saved as they are. Call inside the service's transaction: the conditional
    UPDATE holds the row until the transaction ends, so a concurrent save waits and then
    finds the version moved on."""
    read = read_version_of(record)
    if record.pk is None or read is None:
        record.save(**save_kwargs)
        return
    with transaction.atomic():
        manager = type(record)._default_manager
        if not manager.filter(pk=record.pk, version=read).update(version=F("version") + 1):
            raise conflict_for(record, read)
        record.version = read + 1
        if save_kwargs.get("update_fields") is not None:
            save_kwargs["update_fields"] = [*save_kwargs["update_fields"], "version"]
        record.save(**save_kwargs)


def conflict_for(record: models.Model, read_version: int) -> EditConflict:
    """The conflict, told from the record's history: who saved after `read_version`, when,
    and which fields they changed (their values before and after)."""
    current = type(record)._default_manager.get(pk=record.pk)
    conflict = EditConflict(current=current, read_version=read_version)
    history = getattr(current, "history", None)
    if history is None:
        return conflict
    later = list(history.filter(version__gt=read_version).order_by("history_id"))
    seen = history.filter(version=read_version).order_by("-history_id").first()
    if not later:
        return conflict
    conflict.changed_by = sorted(
        {str(row.history_user) for row in later if row.history_user is not None}
    )
    conflict.changed_at = later[-1].history_date
    if seen is not None:
        delta = later[-1].diff_against(seen, excluded_fields=["version", "search_name"])
        for change in delta.changes:
            model_field = current._meta.get_field(change.field)
            label = str(getattr(model_field, "verbose_name", change.field))
            if isinstance(change.old, dict) and isinstance(change.new, dict):
                # A structured field (assessment answers): one row per key that changed.
                for key in sorted(set(change.old) | set(change.new)):
                    before, after = change.old.get(key), change.new.get(key)
                    if before != after:
                        conflict.changes.append(
                            FieldChange(
                                name=f"{change.field}.{key}",
                                label=f"{label}: {key}",
                                before=_display(None, before),
                                after=_display(None, after),
                            )
                        )
                continue
            conflict.changes.append(
                FieldChange(
                    name=change.field,
                    label=label,
                    before=_display(model_field, change.old),
                    after=_display(model_field, change.new),
                )
            )
    return conflict


def _display(model_field, value) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        shown = ", ".join(str(item) for item in value)
    elif isinstance(value, str | int):
        choices = dict(getattr(model_field, "flatchoices", None) or [])
        shown = str(choices.get(value, value))
    else:
        shown = str(value)
    return shown if len(shown) <= 300 else shown[:299] + "…"
