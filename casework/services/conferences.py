"""Scheduling case conferences, writing their minutes and acting on their decisions."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    Case,
    Conference,
    ConferenceAmendment,
    ConferenceAttendee,
    ConferenceCase,
    PlanVersion,
    Review,
    Task,
)
from casework.services.plans import submit_plan
from casework.services.reviews import decide_review
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned

FOLLOW_UP_DAYS = 14


@transaction.atomic
def schedule_conference(
    *, by: User, data: dict, cases, staff, externals=(), request=None
) -> Conference:
    if by.centre is None:
        raise ValidationError(_("Conferences belong to a centre; log in as its supervisor."))
    conference = Conference.objects.create(centre=by.centre, created_by=by, **data)
    for case in cases:
        ConferenceCase.objects.create(conference=conference, case=case)
    for member in staff:
        ConferenceAttendee.objects.create(conference=conference, staff=member)
    for external in externals:
        ConferenceAttendee.objects.create(conference=conference, **external)
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=conference,
        request=request,
        fields=["scheduled_at", "cases", "attendees"],
    )
    return conference


@transaction.atomic
def add_external_attendee(
    *, by: User, conference: Conference, data: dict, request=None
) -> ConferenceAttendee:
    _require_open(conference)
    attendee = ConferenceAttendee.objects.create(conference=conference, **data)
    audit.record(audit.Action.UPDATE, by=by, obj=conference, request=request, fields=["attendees"])
    return attendee


def _require_open(conference: Conference) -> None:
    conference.refresh_from_db(fields=["status"])
    if conference.is_final:
        raise ValidationError(_("The minutes are final; add a correction instead."))


@transaction.atomic
def save_minutes(
    *, by: User, conference: Conference, minutes: str, decisions: dict, request=None
) -> Conference:
    """`decisions` maps agenda item ids to {decision, decision_notes, follow_up} and, from a
    form, the `version` the item was read at (see sentra.versioning)."""
    _require_open(conference)
    conference.minutes = minutes
    save_versioned(conference)
    for item in conference.agenda_items.filter(pk__in=decisions):
        values = dict(decisions[item.pk])
        item._read_version = values.pop("version", None)  # type: ignore[attr-defined]
        for field, value in values.items():
            setattr(item, field, value)
        save_versioned(item)
    audit.record(
        audit.Action.UPDATE, by=by, obj=conference, request=request, fields=["minutes", "decisions"]
    )
    return conference


@transaction.atomic
def finalise_conference(*, by: User, conference: Conference, request=None) -> Conference:
    """Freeze the minutes and act on the decisions: plans approved (or endorsed, when a
    supervisor approved them first) or returned, follow-up actions turned into tasks.

    Decisions are dated by the meeting, not by the moment the minutes are typed up, so a
    conference cannot be finalised before it has started."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _require_open(conference)
    if not conference.has_started:
        raise ValidationError(
            _("This conference has not taken place yet; finalise its minutes after the meeting.")
        )
    if not conference.minutes.strip():
        raise ValidationError(_("Write the minutes before finalising them."))
    conference.status = Conference.Status.FINAL
    conference.finalised_by = by
    conference.finalised_at = timezone.now()
    conference.save()
    due = timezone.localdate() + timedelta(days=FOLLOW_UP_DAYS)
    for item in conference.agenda_items.select_related("case", "case__primary_worker"):
        if item.decision == ConferenceCase.Decision.APPROVE_PLAN:
            item.plan = agree_plan_at_conference(
                by=by, case=item.case, conference=conference, request=request
            )
            item.save(update_fields=["plan"])
        elif item.decision == ConferenceCase.Decision.REVISE_PLAN:
            return_plan_at_conference(
                by=by,
                case=item.case,
                conference=conference,
                comments=item.decision_notes,
                request=request,
            )
        for line in filter(None, (raw.strip() for raw in item.follow_up.splitlines())):
            Task.objects.create(
                case=item.case,
                title=line[:200],
                due_date=due,
                assignee=item.case.primary_worker,
                created_by=by,
            )
    audit.record(audit.Action.UPDATE, by=by, obj=conference, request=request, fields=["status"])
    return conference


def agree_plan_at_conference(
    *, by: User, case: Case, conference, request=None
) -> PlanVersion | None:
    """The decision 'approve the plan' of a finalised conference. A plan is approved once:
    the version in progress is approved here (a draft is submitted on the spot); when there
    is none because a supervisor already approved the latest version in review, the
    conference endorses that approved version instead. Returns the version agreed."""
    in_progress = (
        case.plans.filter(status__in=[*PlanVersion.EDITABLE, PlanVersion.Status.SUBMITTED])
        .order_by("-number")
        .first()
    )
    if in_progress is None:
        approved = case.plans.filter(status=PlanVersion.Status.APPROVED).first()
        if approved is not None:
            audit.record(
                audit.Action.UPDATE, by=by, obj=approved, request=request, fields=["endorsed"]
            )
        return approved
    if in_progress.status != PlanVersion.Status.SUBMITTED:
        submit_plan(by=by, plan=in_progress, request=request)
    review = in_progress.reviews.get(status=Review.Status.PENDING)
    decide_review(
        by=by,
        review=review,
        approve=True,
        conference=conference,
        comments=_("Approved at the case conference."),
        request=request,
    )
    return in_progress


def return_plan_at_conference(*, by: User, case: Case, conference, comments: str, request=None):
    plan = case.plans.filter(status=PlanVersion.Status.SUBMITTED).first()
    if plan is None:
        return None
    review = plan.reviews.get(status=Review.Status.PENDING)
    return decide_review(
        by=by,
        review=review,
        approve=False,
        conference=conference,
        comments=comments or _("Revise as agreed at the case conference."),
        request=request,
    )


@transaction.atomic
def amend_minutes(
    *, by: User, conference: Conference, text: str, request=None
) -> ConferenceAmendment:
    if not conference.is_final:
        raise ValidationError(_("The minutes are not final yet; edit them directly."))
    amendment = ConferenceAmendment.objects.create(conference=conference, text=text, added_by=by)
    audit.record(audit.Action.UPDATE, by=by, obj=conference, request=request, fields=["amendments"])
    return amendment
