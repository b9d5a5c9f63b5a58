"""Pages that edit one record per row: the attendance list, a module's evaluations.

Two duty workers may take the same list at once. Saving a whole list must not undo a mark
the other one set meanwhile, and must not silently lose one either. So each row of the page
carries what it showed when it was read and the version of its record then (0: no record
yet), and `decide` merges each row on its own, from what the page showed (`RowRead.shown`),
what the record holds now, and what this person sent:

- the record still holds what the page showed (nobody changed it since, or only to the
  same values): what this person sent is written;
- this person sent what the page showed (they left the row as it was): the record stays
  as somebody else left it;
- both changed the row, differently: a conflict. Then nothing on the page is saved
  (`RowConflicts`): each conflicting row is shown beside what this person chose, and the
  rows kept as the other person left them show their values.

Rows sent without what they showed (a service called by code, not a page) are written.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from django.db import models

from sentra.versioning import EditConflict, FieldChange, conflict_for


class Verdict(Enum):
    WRITE = "write"
    KEEP = "keep"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class RowRead:
    version: int  # of the row's record when the page was read; 0 when there was none
    shown: dict[str, Any]  # the record's fields as the page showed them


def decide(record: models.Model | None, read: RowRead | None, sent: dict[str, Any]) -> Verdict:
    """What to do with one row: `record` is the row's record now (None: none yet), `sent`
    the values of its fields this person sent."""
    if record is None:
        return Verdict.WRITE
    now = {name: getattr(record, name) for name in sent}
    if sent == now:
        return Verdict.KEEP
    if read is None or now == read.shown:
        return Verdict.WRITE
    if sent == read.shown:
        return Verdict.KEEP
    return Verdict.CONFLICT


def moved_on(record: models.Model, read: RowRead | None) -> bool:
    """Somebody saved the row's record since the page was read."""
    return read is not None and record.version != read.version  # type: ignore[attr-defined]


@dataclass
class RowConflicts(EditConflict):
    """Rows both this person and somebody else changed, differently, since the page was
    read: `rows` maps the key of each (a case or enrolment id) to its conflict; `kept` holds
    the records of the rows only the other person changed, as they left them. The exception
    itself tells the first conflict."""

    rows: dict[int, EditConflict] = field(default_factory=dict)
    kept: dict[int, models.Model] = field(default_factory=dict)

    @classmethod
    def of(
        cls, rows: Mapping[int, EditConflict], kept: Mapping[int, models.Model]
    ) -> "RowConflicts":
        first = next(iter(rows.values()))
        return cls(
            current=first.current,
            read_version=first.read_version,
            changed_by=sorted({who for row in rows.values() for who in row.changed_by}),
            changed_at=max((r.changed_at for r in rows.values() if r.changed_at), default=None),
            changes=first.changes,
            rows=dict(rows),
            kept=dict(kept),
        )


def row_conflict(record: models.Model, read: RowRead) -> EditConflict:
    """The conflict on one row: who saved it since the page was read and when (from the
    record's history), and each field the page shows that they changed, from what the page
    showed to what it holds now."""
    conflict = conflict_for(record, read.version)
    conflict.changes = []
    for name, before in read.shown.items():
        after = getattr(record, name)
        if after != before:
            model_field = record._meta.get_field(name)
            conflict.changes.append(
                FieldChange(
                    name=name,
                    label=str(getattr(model_field, "verbose_name", name)),
                    before=_shown(model_field, before),
                    after=_shown(model_field, after),
                )
            )
    return conflict


def _shown(model_field, value) -> str:
    if value in (None, ""):
        return "—"
    return str(dict(getattr(model_field, "flatchoices", None) or []).get(value, value))
