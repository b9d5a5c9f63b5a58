"""Case notes of the worker's contacts, and follow-up tasks."""

from django.db import transaction
from django.utils import timezone

from casework.models import Case, CaseNote, Task
from casework.services.cases import record_first_response
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@transaction.atomic
def add_note(
    *, by: User, case: Case, data: dict, first_response: bool = False, request=None
) -> CaseNote:
    note = CaseNote.objects.create(case=case, author=by, **data)
    if first_response and case.emergency_awaiting_response:
        record_first_response(by=by, case=case, at=note.occurred_at, request=request)
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=note,
        request=request,
        fields=["kind", "narrative", "occurred_at"],
    )
    return note


@transaction.atomic
def update_note(*, by: User, note: CaseNote, fields: list[str], request=None) -> CaseNote:
    """The earlier text stays in the note's history."""
    save_versioned(note)
    audit.record(audit.Action.UPDATE, by=by, obj=note, request=request, fields=fields)
    return note


@transaction.atomic
def add_task(*, by: User, case: Case, data: dict, request=None) -> Task:
    task = Task.objects.create(case=case, created_by=by, **data)
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=task,
        request=request,
        fields=["title", "due_date", "assignee"],
    )
    return task


@transaction.atomic
def complete_task(*, by: User, task: Task, request=None) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = by
        task.save()
        audit.record(audit.Action.UPDATE, by=by, obj=task, request=request, fields=["done_at"])
    return task
