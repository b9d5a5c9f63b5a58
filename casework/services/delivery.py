"""Services delivered, group work, referrals, monitoring, termination and aftercare."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    Case,
    FollowUp,
    GoalProgress,
    Group,
    GroupSession,
    MonitoringReview,
    Referral,
    Review,
    ServiceRecord,
    Termination,
)
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from casework.services.plans import REVIEW_DECISION_HANDLERS
from clients.models import Consent
from clients.services import has_consent
from sentra import audit
from sentra.models import Role, User


@transaction.atomic
def record_service(
    *, by: User, case: Case, data: dict, receipt=None, receipt_content_type: str = "", request=None
) -> ServiceRecord:
    record = ServiceRecord(case=case, recorded_by=by, **data)
    if receipt is not None:
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
            receipt_content_type
        ]
        record.receipt.save(f"{record.public_id.hex}.{extension}", receipt, save=False)
        record.receipt_content_type = receipt_content_type
    record.save()
    audit.record(
        audit.Action.CREATE, by=by, obj=record, request=request, fields=["service_type", "amount"]
    )
    return record


@transaction.atomic
def save_group(*, by: User, group: Group, members, fields: list[str], request=None) -> Group:
    creating = group.pk is None
    group.save()
    group.members.set(members)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=group,
        request=request,
        fields=fields,
    )
    return group


@transaction.atomic
def record_group_session(
    *, by: User, group: Group, data: dict, present, request=None
) -> GroupSession:
    """One action for the facilitator: the session, its attendance, and a service record
    on the case of every member who attended."""
    members = set(group.members.values_list("pk", flat=True))
    strangers = [case for case in present if case.pk not in members]
    if strangers:
        raise ValidationError(_("Only members of the group can be marked present."))
    session = GroupSession.objects.create(
        group=group, recorded_by=by, attendance_recorded_at=timezone.now(), **data
    )
    session.attendees.set(present)
    for case in present:
        ServiceRecord.objects.get_or_create(
            group_session=session,
            case=case,
            defaults={
                "service_type": group.service_type,
                "delivered_on": session.held_on,
                "provider_staff": group.facilitator,
                "recorded_by": by,
                "description": session.topic,
            },
        )
    audit.record(audit.Action.CREATE, by=by, obj=session, request=request, fields=["attendees"])
    return session


# --- Referrals ------------------------------------------------------------------------------


@transaction.atomic
def create_referral(*, by: User, case: Case, data: dict, documents=(), request=None) -> Referral:
    referral = Referral.objects.create(case=case, created_by=by, **data)
    referral.documents.set(documents)
    audit.record(
        audit.Action.CREATE, by=by, obj=referral, request=request, fields=["partner", "reason"]
    )
    return referral


@transaction.atomic
def move_referral(
    *,
    by: User,
    referral: Referral,
    to_status: str,
    notes: str = "",
    override_reason: str = "",
    request=None,
) -> Referral:
    """draft -> sent -> accepted/declined -> completed, or cancelled. Sending shares the
    client's information: it needs consent to share, or a supervisor's written override."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_status not in Referral.MOVES[Referral.Status(referral.status)]:
        raise ValidationError(
            _("A referral that is %(current)s cannot become %(target)s.")
            % {"current": referral.get_status_display(), "target": Referral.Status(to_status).label}
        )
    if to_status == Referral.Status.SENT and not has_consent(
        referral.case.client, Consent.Purpose.SHARE_REFERRAL
    ):
        if not override_reason.strip():
            raise ValidationError(
                _(
                    "The client has not consented to sharing information "
                    "with referral partners. Record the consent first, or a "
                    "supervisor may send it with a written reason."
                )
            )
        if not (by.is_superuser or by.role == Role.SUPERVISOR):
            raise PermissionDenied
        referral.consent_override_reason = override_reason
        referral.consent_override_by = by
    today = timezone.localdate()
    if to_status == Referral.Status.SENT:
        referral.sent_on = today
    elif to_status in (Referral.Status.ACCEPTED, Referral.Status.DECLINED):
        referral.responded_on = today
    if notes:
        referral.response_notes = notes
    referral.status = to_status
    referral.save()
    fields = ["status"] + (["consent_override_reason"] if override_reason else [])
    audit.record(audit.Action.UPDATE, by=by, obj=referral, request=request, fields=fields)
    return referral


# --- Monitoring -----------------------------------------------------------------------------


@transaction.atomic
def record_monitoring_review(
    *, by: User, case: Case, data: dict, progress: dict, request=None
) -> MonitoringReview:
    """`progress` maps plan goals to (status, notes). 'Revise the plan' moves the case
    back to planning."""
    if case.stage != Stage.MONITORING:
        raise ValidationError(_("Monitoring reviews are recorded in the monitoring stage."))
    review = MonitoringReview.objects.create(case=case, reviewed_by=by, **data)
    for goal, (status, notes) in progress.items():
        GoalProgress.objects.create(review=review, goal=goal, status=status, notes=notes)
    audit.record(audit.Action.CREATE, by=by, obj=review, request=request, fields=["decision"])
    if review.decision == MonitoringReview.Decision.REVISE_PLAN:
        move_case_to_stage(
            by=by,
            case=case,
            to_stage=Stage.PLANNING,
            reason=_("Monitoring review: revise the plan"),
            request=request,
        )
    return review


# --- Termination and aftercare ----------------------------------------------------------------


@transaction.atomic
def request_termination(*, by: User, case: Case, data: dict, request=None) -> Termination:
    if case.stage != Stage.MONITORING:
        raise ValidationError(_("Termination is requested from the monitoring stage."))
    if case.reviews.filter(kind=Review.Kind.TERMINATION, status=Review.Status.PENDING).exists():
        raise ValidationError(_("A termination request is already awaiting review."))
    review = Review.objects.create(kind=Review.Kind.TERMINATION, case=case, requested_by=by)
    termination = Termination.objects.create(case=case, review=review, requested_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=termination, request=request, fields=["reason"])
    return termination


def _close_on_approval(review: Review, *, by: User, approve: bool, request=None) -> None:
    if approve:
        move_case_to_stage(
            by=by,
            case=review.case,
            to_stage=Stage.TERMINATION,
            reason=review.termination.get_reason_display(),
            request=request,
        )


REVIEW_DECISION_HANDLERS.setdefault(Review.Kind.TERMINATION, []).append(_close_on_approval)


def has_approved_termination(case: Case) -> bool:
    return case.reviews.filter(kind=Review.Kind.TERMINATION, status=Review.Status.APPROVED).exists()


@transaction.atomic
def schedule_follow_up(*, by: User, case: Case, data: dict, request=None) -> FollowUp:
    follow_up = FollowUp.objects.create(case=case, **data)
    audit.record(
        audit.Action.CREATE, by=by, obj=follow_up, request=request, fields=["due_on", "mode"]
    )
    return follow_up


@transaction.atomic
def record_follow_up_outcome(
    *, by: User, follow_up: FollowUp, outcome: str, request=None
) -> FollowUp:
    follow_up.outcome = outcome
    follow_up.done_on = timezone.localdate()
    follow_up.save()
    audit.record(audit.Action.UPDATE, by=by, obj=follow_up, request=request, fields=["outcome"])
    return follow_up


@transaction.atomic
def save_partner(*, by: User, partner, request=None):
    creating = partner.pk is None
    partner.save()
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=partner,
        request=request,
        fields=["name", "kind"],
    )
    return partner


@transaction.atomic
def save_service_type(*, by: User, service_type, request=None):
    service_type.save()
    audit.record(
        audit.Action.CREATE, by=by, obj=service_type, request=request, fields=["code", "component"]
    )
    return service_type
