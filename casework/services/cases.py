"""Opening and running cases: stages, assignment, notes, tasks. Each change is audited in
its own transaction."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import stages
from casework.models import Case, CaseAssignment, CaseNote, StageMove
from casework.models.stages import Stage
from clients.models import Client
from clients.services import normalise_name
from sentra import audit, numbering
from sentra.models import User
from sentra.versioning import save_versioned

QUIET_CASE_DAYS = 14


class StageMoveRefused(ValidationError):
    """The move is not allowed now; `messages` say why, in words a worker understands."""


@transaction.atomic
def open_case(*, by: User, client: Client, data: dict, team=(), request=None) -> Case:
    """Admit `client` to the centre's services: a new case in the access stage."""
    if client.is_archived:
        raise ValidationError(_("Restore the client's record before opening a case."))
    if Case.objects.filter(client=client, centre=client.centre).open().exists():
        raise ValidationError(_("This client already has an open case."))
    now = timezone.now()
    case = Case(
        centre=client.centre,
        client=client,
        opened_by=by,
        opened_at=now,
        stage_entered_at=now,
        number=numbering.next_number(centre=client.centre, kind="case", year=now.year, prefix="K"),
        **data,
    )
    if case.is_emergency:
        case.response_due_at = now + timedelta(hours=client.centre.emergency_response_hours)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # Two requests raced to open a case for the same person.
        raise ValidationError(_("This client already has an open case.")) from None
    case.team.set(team)
    StageMove.objects.create(
        case=case,
        from_stage="",
        to_stage=Stage.ACCESS,
        moved_at=now,
        moved_by=by,
        reason=_("Case opened"),
    )
    audit.record(audit.Action.CREATE, by=by, obj=case, request=request, fields=data)
    return case


@transaction.atomic
def update_case(*, by: User, case: Case, fields: list[str], request=None) -> Case:
    save_versioned(case)
    audit.record(audit.Action.UPDATE, by=by, obj=case, request=request, fields=fields)
    return case


@transaction.atomic
def move_case_to_stage(
    *, by: User, case: Case, to_stage: str, reason: str = "", request=None
) -> Case:
    """Move one stage on (or monitoring back to planning), if every guard agrees."""
    case = Case.objects.select_for_update().select_related("client", "centre").get(pk=case.pk)
    problems = stages.problems_with_move(case, to_stage, by)
    if problems:
        raise StageMoveRefused(problems)
    now = timezone.now()
    # The case row is locked: no other move can slip in between leaving and entering.
    StageMove.objects.filter(case=case, left_at__isnull=True).update(left_at=now)
    StageMove.objects.create(
        case=case,
        from_stage=case.stage,
        to_stage=to_stage,
        moved_at=now,
        moved_by=by,
        reason=reason,
    )
    case.stage = to_stage
    case.stage_entered_at = now
    if to_stage == Stage.TERMINATION:
        case.closed_at = now
    case._change_reason = reason  # type: ignore[attr-defined]  # django-simple-history
    case.save()
    audit.record(audit.Action.UPDATE, by=by, obj=case, request=request, fields=["stage"])
    return case


@transaction.atomic
def reassign_cases(*, by: User, cases, to_worker: User, reason: str, request=None) -> int:
    """Give `cases` a new primary worker (e.g. when a worker leaves). Returns how many moved."""
    moved = 0
    for case in cases.select_for_update():
        if case.primary_worker_id == to_worker.pk:
            continue
        CaseAssignment.objects.create(
            case=case,
            from_worker_id=case.primary_worker_id,
            to_worker=to_worker,
            assigned_by=by,
            reason=reason,
        )
        case.primary_worker = to_worker
        case.team.remove(to_worker)
        case._change_reason = reason  # type: ignore[attr-defined]  # django-simple-history
        case.save()
        audit.record(
            audit.Action.UPDATE, by=by, obj=case, request=request, fields=["primary_worker"]
        )
        moved += 1
    return moved


@transaction.atomic
def record_first_response(*, by: User, case: Case, at=None, request=None) -> Case:
    """The emergency got its first response: it no longer stands out as awaiting one."""
    problems = stages.problems_with_first_response(case, by)
    if problems:
        raise StageMoveRefused(problems)
    case.first_response_at = at or timezone.now()
    case.first_response_by = by
    case.save(update_fields=["first_response_at", "first_response_by"])
    audit.record(
        audit.Action.UPDATE, by=by, obj=case, request=request, fields=["first_response_at"]
    )
    return case


def quiet_cases(cases, days: int = QUIET_CASE_DAYS):
    """Open cases with no note for `days` days (counting from opening when none at all)."""
    cutoff = timezone.now() - timedelta(days=days)
    return (
        cases.open()
        # The latest note per case through the (case, occurred_at) index: a join with
        # GROUP BY would hash every note of the table before keeping a worker's few cases.
        .annotate(
            last_note_at=Subquery(
                CaseNote.objects.filter(case=OuterRef("pk"))
                .order_by("-occurred_at")
                .values("occurred_at")[:1]
            )
        )
        .filter(Q(last_note_at__lt=cutoff) | Q(last_note_at__isnull=True, opened_at__lt=cutoff))
    )


def find_open_cases(*, user: User, term: str, limit: int) -> list[Case]:
    """Open cases `user` may open whose case number (a term with a digit) or client's name
    holds `term`: what a case picker offers (casework/forms/picker.py). A term shorter than
    two characters finds nothing."""
    term = term.strip()[:100]
    if len(term) < 2:
        return []
    cases = Case.objects.visible_to(user).open().select_related("client")
    if any(ch.isdigit() for ch in term):
        cases = cases.filter(number__icontains=term)
    else:
        cases = cases.filter(client__search_name__contains=normalise_name(term))
    return list(cases.order_by("client__full_name", "number")[:limit])
