"""Vocational courses: the course and its modules, enrolling participants from the
centre's cases, evaluating each participant per module, and the final result."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from activities.models import (
    Certificate,
    Competency,
    Course,
    Enrolment,
    Module,
    ModuleEvaluation,
)
from activities.rules import attendee_cases
from activities.services.rows import (
    RowConflicts,
    RowRead,
    Verdict,
    decide,
    moved_on,
    row_conflict,
)
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned


@transaction.atomic
def save_course(*, by: User, course: Course, fields: list[str], request=None) -> Course:
    creating = course.pk is None
    if creating:
        if by.centre is None:
            raise ValidationError(_("Courses belong to a centre; log in as its staff."))
        course.centre = by.centre
        course.created_by = by
    save_versioned(course)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=course,
        request=request,
        fields=fields,
    )
    return course


@transaction.atomic
def add_module(*, by: User, course: Course, data: dict, request=None) -> Module:
    """A module at the end of the curriculum."""
    Course.objects.select_for_update().get(pk=course.pk)
    last = course.modules.aggregate(last=Max("order"))["last"] or 0  # type: ignore[attr-defined]
    module = Module.objects.create(course=course, order=last + 1, **data)
    audit.record(audit.Action.UPDATE, by=by, obj=course, request=request, fields=["modules"])
    return module


def enrolment_candidates(course: Course):
    """Cases that may join: those who may attend the centre's activities today and are not
    in the course yet."""
    already = course.enrolments.values("case_id")  # type: ignore[attr-defined]
    return attendee_cases(course.centre, timezone.localdate()).exclude(pk__in=already)


@transaction.atomic
def enrol_cases(*, by: User, course: Course, cases, request=None) -> list[Enrolment]:
    """Enrol `cases` (chosen among enrolment_candidates); the course's capacity holds."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    allowed = set(enrolment_candidates(course).values_list("pk", flat=True))
    cases = [case for case in cases if case.pk in allowed]
    taking_part = course.enrolments.active().count()  # type: ignore[attr-defined]
    if taking_part + len(cases) > course.capacity:
        raise ValidationError(
            _("The course has room for %(n)s more participant(s).")
            % {"n": max(course.capacity - taking_part, 0)}
        )
    enrolments = bulk_create_with_history(
        [Enrolment(course=course, case=case, enrolled_by=by) for case in cases],
        Enrolment,
        default_user=by,
    )
    audit.record(audit.Action.UPDATE, by=by, obj=course, request=request, fields=["enrolments"])
    return enrolments


@transaction.atomic
def withdraw_enrolment(*, by: User, enrolment: Enrolment, reason: str, request=None) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("Only a participant still taking part can withdraw."))
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_reason = reason
    enrolment.save(update_fields=["status", "withdrawn_reason"])
    audit.record(audit.Action.UPDATE, by=by, obj=enrolment, request=request, fields=["status"])
    return enrolment


@transaction.atomic
def record_module_evaluations(
    *,
    by: User,
    module: Module,
    marks: dict[int, dict],
    read: dict[int, RowRead] | None = None,
    on=None,
    request=None,
) -> int:
    """Evaluate participants on `module` in one screen. `marks` maps enrolment ids to
    {score, level, comments}; an empty mark is skipped, an existing evaluation is updated.
    Returns how many participants were evaluated. `read` (from the screen, what it showed)
    makes an evaluation somebody else saved since stay, unless this person changed it too,
    differently: then nothing is saved (RowConflicts, activities/services/rows.py)."""
    on = on or timezone.localdate()
    # The module's row is locked: two evaluation screens of it are saved one by one.
    Module.objects.select_for_update().get(pk=module.pk)
    enrolments = {
        e.pk: e
        for e in module.course.enrolments.active().filter(pk__in=list(marks))  # type: ignore[attr-defined]
    }
    if set(marks) - set(enrolments):
        raise ValidationError(_("Only participants of this course can be evaluated."))
    existing = {e.enrolment_id: e for e in module.evaluations.filter(enrolment__in=enrolments)}  # type: ignore[attr-defined]
    new, changed = [], []
    conflicts, kept = {}, {}
    for enrolment_id, mark in marks.items():
        evaluation, row = existing.get(enrolment_id), (read or {}).get(enrolment_id)
        values = {
            "score": mark.get("score"),
            "level": mark.get("level") or "",
            "comments": mark.get("comments", ""),
        }
        empty = values["score"] is None and not values["level"]
        if evaluation is not None:
            # An emptied row leaves the evaluation as it is (evaluations are never removed).
            verdict = Verdict.KEEP if empty else decide(evaluation, row, values)
            if verdict is Verdict.KEEP and moved_on(evaluation, row):
                kept[enrolment_id] = evaluation
            elif verdict is Verdict.CONFLICT and row is not None:
                conflicts[enrolment_id] = row_conflict(evaluation, row)
            elif verdict is Verdict.WRITE:
                for key, value in values.items():
                    setattr(evaluation, key, value)
                evaluation.evaluated_on, evaluation.evaluated_by = on, by
                evaluation.version += 1
                changed.append(evaluation)
        elif not empty:
            new.append(
                ModuleEvaluation(
                    enrolment_id=enrolment_id,
                    module=module,
                    evaluated_on=on,
                    evaluated_by=by,
                    **values,
                )
            )
    if conflicts:
        raise RowConflicts.of(conflicts, kept)
    if new:
        bulk_create_with_history(new, ModuleEvaluation, default_user=by)
    if changed:
        bulk_update_with_history(
            changed,
            ModuleEvaluation,
            ["score", "level", "comments", "evaluated_on", "evaluated_by", "version"],
            default_user=by,
        )
    audit.record(
        audit.Action.UPDATE, by=by, obj=module.course, request=request, fields=["evaluations"]
    )
    return len(new) + len(changed)


@transaction.atomic
def record_final_result(
    *, by: User, enrolment: Enrolment, result: str, notes: str = "", on=None, request=None
) -> Enrolment:
    """The participant completes the course: competent or not yet competent. `enrolment`
    may come from a form (ResultForm): it is saved unless somebody saved it since."""
    # The row is locked and its status read afresh: a withdrawal a moment ago stands.
    now = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if now.status == Enrolment.Status.WITHDRAWN:
        raise ValidationError(_("This participant withdrew from the course."))
    if result not in Competency.values:
        raise ValidationError(_("Choose competent or not yet competent."))
    certified = Certificate.objects.filter(enrolment=enrolment).exists()
    if certified and result != Competency.COMPETENT:
        raise ValidationError(_("A certificate was issued; the result can no longer go down."))
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.final_result = result
    enrolment.final_notes = notes
    enrolment.result_on = on or timezone.localdate()
    enrolment.result_by = by
    save_versioned(enrolment)
    audit.record(
        audit.Action.UPDATE, by=by, obj=enrolment, request=request, fields=["final_result"]
    )
    return enrolment
